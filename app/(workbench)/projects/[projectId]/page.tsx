import Link from 'next/link';
import { cache } from 'react';
import type { Metadata } from 'next';
import { requirePageCaller, loadOr404, titleFor } from '@/lib/auth/page-caller';
import { getProject } from '@/lib/projects/list-projects';
import { articleListQuery, listArticles, listOutlets } from '@/lib/articles/list-articles';
import { parsePageQuery } from '@/lib/api/page-query';
import { ArticlePager, pageHref } from '@/components/article-pager';
import { LABELS } from '@/lib/annotations/dto';
import { ExportMenu } from '@/components/export-menu';
import { ImportDropZone } from '@/components/import-drop-zone';
import { IndependentAnnotationForm } from '@/components/review/independent-annotation-form';

/** Once per request, for the title and the page alike. */
const loadProject = cache(getProject);

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const count = (n: number) => n.toLocaleString('en-US');

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { projectId } = await params;
  return titleFor('Articles', async (caller) => `${(await loadProject(caller.id, projectId)).name} · Articles`);
}

export default async function ProjectPage({ params, searchParams }: Props) {
  const { projectId } = await params;
  const caller = await requirePageCaller(`/projects/${projectId}`);
  const parsed = parsePageQuery(articleListQuery, await searchParams);
  const query = parsed.success ? parsed.data : articleListQuery.parse({});
  const [project, list, outlets] = await loadOr404(() =>
    Promise.all([loadProject(caller.id, projectId), listArticles(caller.id, projectId, query), listOutlets(caller.id, projectId)]),
  );
  const { articles, total, page, perPage } = list;
  const filtered = query.q !== undefined || query.outlet !== undefined || query.spans !== undefined;
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  // What the pager's links keep: the filters, and a page size other than the default.
  const keep = { q: query.q, outlet: query.outlet, spans: query.spans, perPage: perPage === articleListQuery.parse({}).perPage ? undefined : String(perPage) };
  const path = `/projects/${project.id}`;
  return (
    <main className="page">
      <p className="muted" style={{ margin: '0 0 0.25rem' }}>
        <Link href="/">Projects</Link> /
      </p>
      <h1>{project.name}</h1>
      <nav className="project-nav" aria-label="Project views">
        <Link href={`/projects/${project.id}/matrix`}>Claims matrix</Link>
        <Link href={`/projects/${project.id}/search`}>Search</Link>
        {(project.roles.includes('reviewer') || project.roles.includes('admin')) && <Link href={`/projects/${project.id}/review`}>Review queue</Link>}
        <Link href={`/projects/${project.id}/activity`}>Activity</Link>
        <Link href={`/projects/${project.id}/orphans`}>Orphaned spans</Link>
        {(project.roles.includes('reviewer') || project.roles.includes('admin')) && <Link href={`/projects/${project.id}/agreement`}>Agreement</Link>}
        <ExportMenu projectId={project.id} outlets={outlets.map((o) => o.outlet)} />
      </nav>
      {project.roles.includes('admin') ? (
        <IndependentAnnotationForm projectId={project.id} independentAnnotation={project.independentAnnotation} />
      ) : (
        project.independentAnnotation && (
          <p className="muted" data-testid="independent-annotation">
            Independent annotation: analysts see only their own spans on an article until a reviewer opens it for comparison.
          </p>
        )
      )}
      {(project.roles.includes('analyst') || project.roles.includes('admin')) && <ImportDropZone projectId={project.id} />}
      {(total > 0 || filtered) && (
        <form method="get" className="rq-filters" aria-label="Filter articles" action={path}>
          <label>
            Title or outlet
            <input type="search" name="q" defaultValue={query.q ?? ''} maxLength={200} placeholder="words" />
          </label>
          <label>
            Outlet
            <select name="outlet" defaultValue={query.outlet ?? ''}>
              <option value="">any</option>
              {outlets.map((o) => (
                <option key={o.outlet} value={o.outlet}>
                  {o.outlet} ({count(o.articles)})
                </option>
              ))}
            </select>
          </label>
          <label>
            Spans
            <select name="spans" defaultValue={query.spans ?? ''}>
              <option value="">any</option>
              <option value="none">none yet</option>
              <option value="some">some</option>
            </select>
          </label>
          {keep.perPage && <input type="hidden" name="perPage" value={keep.perPage} />}
          <button className="btn" type="submit">
            Filter
          </button>
          {filtered && <Link href={path}>Show all</Link>}
        </form>
      )}
      {!parsed.success && (
        <p className="error-text" role="status">
          {parsed.message}
        </p>
      )}
      <p className="muted list-caption" role="status" data-testid="article-count">
        {articles.length > 0
          ? `Articles ${count((page - 1) * perPage + 1)}–${count((page - 1) * perPage + articles.length)} of ${count(total)}${filtered ? ' that match' : ''}`
          : total > 0
            ? `Page ${page} is past the last page (${lastPage}) of ${count(total)} articles.`
            : filtered
              ? 'No article matches these filters.'
              : 'No articles yet.'}
        {articles.length === 0 && total > 0 && (
          <>
            {' '}
            <Link href={pageHref(path, keep, lastPage)}>Go to the last page</Link>
          </>
        )}
      </p>
      <ArticlePager path={path} keep={keep} page={page} lastPage={lastPage} />
      <table className="data" aria-label="Articles">
        <thead>
          <tr>
            <th>Outlet</th>
            <th>Title</th>
            <th>Date</th>
            {LABELS.map((l) => (
              <th key={l} className="num">
                {l}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {articles.map((a) => (
            <tr key={a.id}>
              <td>{a.outlet ?? <span className="muted">unknown outlet</span>}</td>
              <td>
                <Link href={`/articles/${a.id}`}>{a.title}</Link>
              </td>
              <td style={{ whiteSpace: 'nowrap' }}>{a.published ?? <span className="muted">undated</span>}</td>
              {LABELS.map((l) => (
                <td key={l} className="num">
                  <span className={`badge ${l}`} aria-label={`${a.counts[l]} ${l}`}>
                    {a.counts[l]}
                  </span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {articles.length > 20 && <ArticlePager path={path} keep={keep} page={page} lastPage={lastPage} />}
    </main>
  );
}

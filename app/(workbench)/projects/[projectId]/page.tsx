import Link from 'next/link';
import { cache } from 'react';
import type { Metadata } from 'next';
import { requirePageCaller, loadOr404, titleFor } from '@/lib/auth/page-caller';
import { getProject } from '@/lib/projects/list-projects';
import { listArticles } from '@/lib/articles/list-articles';
import { LABELS } from '@/lib/annotations/dto';
import { ExportMenu } from '@/components/export-menu';
import { ImportDropZone } from '@/components/import-drop-zone';
import { IndependentAnnotationForm } from '@/components/review/independent-annotation-form';

/** Once per request, for the title and the page alike. */
const loadProject = cache(getProject);

/** The project's outlets, once each and sorted, from the article list already loaded. */
const outletsOf = (articles: { outlet: string | null }[]) =>
  [...new Set(articles.flatMap((a) => (a.outlet === null ? [] : [a.outlet])))].sort((a, b) => a.localeCompare(b));

type Props = { params: Promise<{ projectId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { projectId } = await params;
  return titleFor('Articles', async (caller) => `${(await loadProject(caller.id, projectId)).name} · Articles`);
}

export default async function ProjectPage({ params }: Props) {
  const { projectId } = await params;
  const caller = await requirePageCaller(`/projects/${projectId}`);
  const [project, articles] = await loadOr404(() => Promise.all([loadProject(caller.id, projectId), listArticles(caller.id, projectId)]));
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
        <ExportMenu projectId={project.id} outlets={outletsOf(articles)} />
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
    </main>
  );
}

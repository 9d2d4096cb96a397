import Link from 'next/link';
import type { Metadata } from 'next';
import { ProjectCrumbs } from '@/components/project-crumbs';
import { pageHref } from '@/components/pager';
import { requirePageCaller, loadOr404 } from '@/lib/auth/page-caller';
import { getProject } from '@/lib/projects/list-projects';
import { searchProject } from '@/lib/search/search-project';
import { searchQuery } from '@/lib/search/schema';
import { parsePageQuery } from '@/lib/api/page-query';
import { HighlightedText } from '@/components/text/highlighted-text';
import { passageHref, spanHref } from '@/lib/cross-source/location-hash';
import { filterMessage } from '@/components/filter-message';

/** A list's count as a heading gives it: "the best 50" when the list stops at its limit with more on the next page. */
const howMany = (n: number, more: boolean, page: number) => {
  const count = page > 1 ? `${n} more` : more ? `the best ${n}` : String(n);
  return more ? `${count}; more on the next page` : count;
};

export const metadata: Metadata = { title: 'Search' };

export default async function SearchPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { projectId } = await params;
  const caller = await requirePageCaller(`/projects/${projectId}/search`);
  const given = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const q = first(given.q) ?? '';
  const parsed = q.trim() ? parsePageQuery(searchQuery, { q, page: first(given.page) }) : null;
  const [project, result] = await loadOr404(() =>
    Promise.all([getProject(caller.id, projectId), parsed?.success ? searchProject(caller, projectId, parsed.data.q, parsed.data.page) : Promise.resolve(null)]),
  );
  const nothing = result && result.articles.length + result.sentences.length + result.spans.length === 0;
  const more = result !== null && (result.more.sentences || result.more.articles || result.more.spans);
  return (
    <main className="page">
      <ProjectCrumbs project={project} />
      <h1>Search {project.name}</h1>
      <form className="sx-form" method="get" role="search">
        <input type="search" name="q" defaultValue={q} maxLength={200} placeholder='Words, "a phrase", -exclude' aria-label="Search text" autoFocus />
        <button className="btn primary" type="submit">
          Search
        </button>
      </form>
      {filterMessage(parsed && !parsed.success ? parsed.message : null)}
      {nothing && <p className="muted">{result.page > 1 ? `No more results for “${result.q}”.` : `Nothing matches “${result.q}”.`}</p>}
      {result && !nothing && (
        // Passages come first and can run long: say what else was found, one click away.
        <nav className="sx-jump muted" aria-label="Results">
          {[
            ['sx-passages', 'Passages', `${result.sentences.length}${result.more.sentences ? '+' : ''}`],
            ['sx-articles', 'Articles', `${result.articles.length}${result.more.articles ? '+' : ''}`],
            ['sx-spans', 'Tagged spans', `${result.spans.length}${result.more.spans ? '+' : ''}`],
          ]
            .filter(([, , n]) => n !== '0')
            .map(([id, name, n], i) => (
              <span key={id}>
                {i > 0 && ' · '}
                <a href={`#${id}`}>
                  {name} ({n})
                </a>
              </span>
            ))}
        </nav>
      )}
      {result && result.sentences.length > 0 && (
        <section className="sx-section" aria-label="Passages" id="sx-passages">
          <h2>Passages ({howMany(result.sentences.length, result.more.sentences, result.page)})</h2>
          <ul className="sx-results">
            {result.sentences.map((s) => (
              <li key={s.sentenceId}>
                <Link href={passageHref(s.articleId, s.start, s.end)} style={{ color: 'inherit', textDecoration: 'none' }}>
                  <HighlightedText text={s.text} highlights={s.highlights} />
                </Link>
                <div className="muted">
                  {s.outlet ?? 'Unknown outlet'} · <Link href={passageHref(s.articleId, s.start, s.end)}>{s.articleTitle}</Link>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {result && result.articles.length > 0 && (
        <section className="sx-section" aria-label="Articles" id="sx-articles">
          <h2>Articles ({howMany(result.articles.length, result.more.articles, result.page)})</h2>
          <ul className="sx-results">
            {result.articles.map((a) => (
              <li key={a.id}>
                <Link href={`/articles/${a.id}`}>{a.title}</Link>{' '}
                <span className="muted">
                  · {a.outlet ?? 'Unknown outlet'}
                  {a.hits > 0 && ` · ${a.hits} matching ${a.hits === 1 ? 'passage' : 'passages'}`}
                </span>
                {a.snippet && <div className="muted">{a.snippet}</div>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {result && result.spans.length > 0 && (
        <section className="sx-section" aria-label="Tagged spans" id="sx-spans">
          <h2>Tagged spans ({howMany(result.spans.length, result.more.spans, result.page)})</h2>
          <ul className="sx-results">
            {result.spans.map((s) => (
              <li key={s.id}>
                <span className={`badge ${s.label}`}>{s.label}</span> <Link href={spanHref(s.articleId, s.id)}>“{s.exact}”</Link>
                <div className="muted">{s.articleTitle}</div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {result && (result.page > 1 || more) && (
        <nav className="pager" aria-label="Result pages">
          {result.page > 1 && <Link href={pageHref(`/projects/${projectId}/search`, { q: result.q }, result.page - 1)}>‹ Previous results</Link>}
          <span aria-current="page">Page {result.page}</span>
          {more && (
            <Link href={pageHref(`/projects/${projectId}/search`, { q: result.q }, result.page + 1)} rel="next">
              More results ›
            </Link>
          )}
        </nav>
      )}
    </main>
  );
}

import Link from 'next/link';
import { LABELS } from '@/lib/annotations/dto';
import { UNKNOWN_OUTLET } from '@/lib/claims/dto';
import type { ArticleListQuery, ArticlePageDto, ArticleSort } from '@/lib/articles/list-articles';
import { listHref, listParams, type ListFilters } from './article-list-href';
import { Pager, pageHref } from './pager';

const count = (n: number) => n.toLocaleString('en-US');

type Props = { projectId: string; query: ArticleListQuery; list: ArticlePageDto; outlets: { outlet: string; articles: number }[] };

/** What the count line says: which articles of how many are shown, or why none are. */
function caption({ articles, total, page, perPage }: ArticlePageDto, filtered: boolean, lastPage: number): string {
  if (articles.length > 0) {
    const first = (page - 1) * perPage + 1;
    return `Articles ${count(first)}–${count(first + articles.length - 1)} of ${count(total)}${filtered ? ' that match' : ''}`;
  }
  if (total > 0) return `Page ${page} is past the last page (${lastPage}) of ${count(total)} articles${filtered ? ' that match' : ''}.`;
  return filtered ? 'No article matches these filters.' : 'No articles yet.';
}

/** A project's articles: the filter form (a plain GET), where this page stands, the pager and the table with each article's tag counts. */
export function ArticleList({ projectId, query, list, outlets }: Props) {
  const { articles, total, page, perPage } = list;
  const filtered = query.q !== undefined || query.outlet !== undefined || query.spans !== undefined;
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  // What the pager's and the articles' links keep: the filters, and a page size other than the default.
  const filters = { q: query.q, outlet: query.outlet, spans: query.spans, perPage, sort: query.sort };
  const keep = listParams(filters);
  const path = `/projects/${projectId}`;
  return (
    <>
      {(total > 0 || filtered) && (
        // Keyed by the filters: after a link changes them (Show all, paging), the fields show them, not what was typed before.
        <form key={JSON.stringify(keep)} method="get" className="rq-filters" aria-label="Filter articles" action={path}>
          <label>
            Title, outlet or ID
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
          <label>
            Per page
            <select name="perPage" defaultValue={String(perPage)}>
              {[...new Set([25, 50, 100, 250, perPage])].sort((a, b) => a - b).map((n) => (
                <option key={n} value={String(n)}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          {keep.sort && <input type="hidden" name="sort" value={keep.sort} />}
          <button className="btn" type="submit">
            Filter
          </button>
          {filtered && <Link href={path}>Show all</Link>}
        </form>
      )}
      <p className="muted list-caption" role="status" data-testid="article-count">
        {caption(list, filtered, lastPage)}
        {articles.length === 0 && total > 0 && (
          <>
            {' '}
            <Link href={pageHref(path, keep, lastPage)}>Go to the last page</Link>
          </>
        )}
      </p>
      {page <= lastPage && <Pager path={path} keep={keep} page={page} lastPage={lastPage} />}
      {/* No rows, no table: the caption above says why, and a header over nothing reads as a broken page. */}
      {articles.length > 0 && (
        <div className="table-scroll">
          <table className="data" aria-label="Articles">
            <thead>
              <tr>
                <SortHeader column="outlet" name="Outlet" path={path} filters={filters} />
                <SortHeader column="title" name="Title" path={path} filters={filters} />
                <SortHeader column="published" name="Date" path={path} filters={filters} />
                <SortHeader column="length" name="Length" path={path} filters={filters} className="num" />
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
                  <td>{a.outlet ?? <span className="muted">{UNKNOWN_OUTLET}</span>}</td>
                  <td>
                    <Link href={listHref(`/articles/${a.id}`, filters)}>
                      {a.title}
                    </Link>
                    {a.externalId && <span className="muted external-id"> · ID {a.externalId}</span>}
                    {a.orphans > 0 && <span className="muted"> · {a.orphans} orphaned {a.orphans === 1 ? 'span' : 'spans'}</span>}
                  </td>
                  <td style={{ whiteSpace: 'nowrap' }}>{a.published ?? <span className="muted">undated</span>}</td>
                  <td className="num" title={`${count(a.length)} characters`}>
                    {count(a.length)}
                  </td>
                  {LABELS.map((l) => (
                    <td key={l} className="num">
                      {/* Hidden text, not an aria-label: screen readers ignore a label on a plain span. */}
                      <span className={`badge ${l}`}>
                        {a.counts[l]}
                        <span className="visually-hidden"> {l}</span>
                      </span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {articles.length > 20 && <Pager path={path} keep={keep} page={page} lastPage={lastPage} />}
    </>
  );
}

/**
 * A column heading that sorts the list by its column: ascending first, then
 * descending, back to page 1 with the filters kept (aria-sort says which).
 */
function SortHeader({ column, name, path, filters, className }: { column: string; name: string; path: string; filters: ListFilters & { sort: ArticleSort }; className?: string }) {
  const active = filters.sort.replace(/^-/, '') === column;
  const descending = filters.sort.startsWith('-');
  const next = (active && !descending ? `-${column}` : column) as ArticleSort;
  return (
    <th className={className} aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}>
      <Link href={listHref(path, { ...filters, sort: next })} className="sort-link" title={`Sort by ${name.toLowerCase()}${next.startsWith('-') ? ', descending' : ''}`}>
        {name}
        {active && <span aria-hidden="true">{descending ? ' ▼' : ' ▲'}</span>}
      </Link>
    </th>
  );
}

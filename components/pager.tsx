import Link from 'next/link';

type Props = {
  /** The page's path and the query it keeps (filters), without `page`. */
  path: string;
  keep: Record<string, string | undefined>;
  page: number;
  lastPage: number;
};

/** The link to page `page` of `path`, with the query `keep` (empty values left out). */
export function pageHref(path: string, keep: Props['keep'], page: number): string {
  const q = new URLSearchParams(Object.entries(keep).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** First, previous, where we are, next, last: links that keep the filters; and a page number to go to. */
export function Pager({ path, keep, page, lastPage }: Props) {
  if (lastPage <= 1) return null;
  const href = (p: number) => pageHref(path, keep, p);
  const step = (to: number, text: string, rel?: string) =>
    to >= 1 && to <= lastPage && to !== page ? (
      <Link href={href(to)} rel={rel}>
        {text}
      </Link>
    ) : (
      <span className="muted" aria-disabled="true">
        {text}
      </span>
    );
  return (
    <nav className="pager" aria-label="Pages">
      {step(1, '« First')}
      {step(page - 1, '‹ Previous', 'prev')}
      <span aria-current="page">
        Page {page} of {lastPage}
      </span>
      {step(page + 1, 'Next ›', 'next')}
      {step(lastPage, 'Last »')}
      {lastPage > 2 && (
        // A plain GET form: the filters ride along as hidden fields.
        <form key={page} method="get" action={path} className="pager-jump" aria-label="Go to page">
          {Object.entries(keep).map(([k, v]) => v !== undefined && v !== '' && <input key={k} type="hidden" name={k} value={v} />)}
          <label>
            Go to page <input type="number" name="page" min={1} max={lastPage} required defaultValue={page} />
          </label>
          <button className="btn" type="submit">
            Go
          </button>
        </form>
      )}
    </nav>
  );
}

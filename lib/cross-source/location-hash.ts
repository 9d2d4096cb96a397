/**
 * Deep links into the reader, in the URL hash so that following one never
 * reloads the page when it points into the article already open:
 *   #span-<annotationId>  open that span (links between spans use this);
 *   #cp-<offset>          scroll to a code-point offset (claim pages);
 *   #cp-<start>-<end>     scroll to a passage and select it (search results),
 *                         so it is seen at once and can be tagged as it is.
 */
export type ReaderTarget = { kind: 'span'; id: string } | { kind: 'offset'; offset: number; end?: number };

const SPAN = /^#span-([A-Za-z0-9_-]{1,64})$/;
const OFFSET = /^#cp-(\d{1,9})(?:-(\d{1,9}))?$/;

export function parseReaderHash(hash: string): ReaderTarget | null {
  const span = SPAN.exec(hash);
  if (span) return { kind: 'span', id: span[1] };
  const offset = OFFSET.exec(hash);
  if (!offset) return null;
  const [start, end] = [Number(offset[1]), offset[2] === undefined ? undefined : Number(offset[2])];
  return end !== undefined && end > start ? { kind: 'offset', offset: start, end } : { kind: 'offset', offset: start };
}

/** A passage of an article: the reader selects it. */
export const passageHref = (articleId: string, start: number, end: number) => `/articles/${encodeURIComponent(articleId)}#cp-${start}-${end}`;

export const spanHash = (id: string) => `#span-${id}`;

/** Where a link to span `id` of article `articleId` goes: a hash alone when it is in the article on screen. */
export function spanHref(articleId: string, id: string, currentArticleId?: string): string {
  return articleId === currentArticleId ? spanHash(id) : `/articles/${encodeURIComponent(articleId)}${spanHash(id)}`;
}

/**
 * Deep links into the reader, in the URL hash so that following one never
 * reloads the page when it points into the article already open:
 *   #span-<annotationId>  open that span (links between spans use this);
 *   #cp-<offset>          scroll to a code-point offset (search results, claim pages).
 */
export type ReaderTarget = { kind: 'span'; id: string } | { kind: 'offset'; offset: number };

const SPAN = /^#span-([A-Za-z0-9_-]{1,64})$/;
const OFFSET = /^#cp-(\d{1,9})$/;

export function parseReaderHash(hash: string): ReaderTarget | null {
  const span = SPAN.exec(hash);
  if (span) return { kind: 'span', id: span[1] };
  const offset = OFFSET.exec(hash);
  return offset ? { kind: 'offset', offset: Number(offset[1]) } : null;
}

export const spanHash = (id: string) => `#span-${id}`;

/** Where a link to span `id` of article `articleId` goes: a hash alone when it is in the article on screen. */
export function spanHref(articleId: string, id: string, currentArticleId?: string): string {
  return articleId === currentArticleId ? spanHash(id) : `/articles/${encodeURIComponent(articleId)}${spanHash(id)}`;
}

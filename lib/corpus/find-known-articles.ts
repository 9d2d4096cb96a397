import 'server-only';
import type { Tx } from '@/lib/db/client';
import type { ArticleFields } from '@/lib/articles/revise-article';

export type KnownArticle = { id: string; externalId: string | null; url: string | null; textHash: string };

export type KnownArticles = {
  /** The article a record is, if the project has it. */
  find: (r: ArticleFields) => KnownArticle | undefined;
  /** An article stored since the lookup (a later record of the same batch may be it). */
  add: (a: KnownArticle) => void;
};

/**
 * The project's articles that these records may be, in one query, and how to
 * find a record's: by externalId when it has one (nothing else), else by text
 * among articles without an externalId, else by URL. Articles stored earlier
 * in the same transaction are found too, so one lookup per batch of a file is
 * enough.
 */
export async function findKnownArticles(tx: Tx, projectId: string, rows: ArticleFields[]): Promise<KnownArticles> {
  const withId = rows.flatMap((r) => (r.externalId ? [r.externalId] : []));
  const withoutId = rows.filter((r) => !r.externalId);
  const found: KnownArticle[] = await tx.article.findMany({
    where: {
      projectId,
      OR: [
        { externalId: { in: withId } },
        { textHash: { in: withoutId.map((r) => r.textHash) }, externalId: null },
        { url: { in: withoutId.flatMap((r) => (r.url ? [r.url] : [])) } },
      ],
    },
    // Oldest first: if several articles share a URL, the first imported is "the" article.
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, externalId: true, url: true, textHash: true },
  });
  const byExternalId = new Map<string, KnownArticle>();
  const byHash = new Map<string, KnownArticle>();
  const byUrl = new Map<string, KnownArticle>();
  const add = (a: KnownArticle) => {
    if (a.externalId) byExternalId.set(a.externalId, a);
    else if (!byHash.has(a.textHash)) byHash.set(a.textHash, a);
    if (a.url && !byUrl.has(a.url)) byUrl.set(a.url, a);
  };
  found.forEach(add);
  return {
    add,
    find: (r) => (r.externalId ? byExternalId.get(r.externalId) : (byHash.get(r.textHash) ?? (r.url ? byUrl.get(r.url) : undefined))),
  };
}

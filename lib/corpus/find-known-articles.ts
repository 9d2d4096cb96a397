import 'server-only';
import type pg from 'pg';
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
 * among articles without an externalId, else by URL. It runs on the import
 * transaction's connection (`client`), after the batches stored before, so
 * it finds them too and one lookup per batch of a file is enough. Plain SQL
 * with array parameters: through Prisma, the same lookup cost ten times as
 * much as the query.
 */
export async function findKnownArticles(client: pg.ClientBase, projectId: string, rows: ArticleFields[]): Promise<KnownArticles> {
  const withId = rows.flatMap((r) => (r.externalId ? [r.externalId] : []));
  const withoutId = rows.filter((r) => !r.externalId);
  const { rows: found } = await client.query<KnownArticle>(
    `SELECT id, "externalId", url, "textHash" FROM "Article"
      WHERE "projectId" = $1
        AND ("externalId" = ANY($2::text[]) OR ("externalId" IS NULL AND "textHash" = ANY($3::text[])) OR url = ANY($4::text[]))
      -- Oldest first: if several articles share a URL, the first imported is "the" article.
      ORDER BY "createdAt", id`,
    [projectId, withId, withoutId.map((r) => r.textHash), withoutId.flatMap((r) => (r.url ? [r.url] : []))],
  );
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

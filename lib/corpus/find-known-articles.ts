import 'server-only';
import type pg from 'pg';
import type { ArticleFields } from '@/lib/articles/revise-article';

/** An article of the project as an import compares records with it: how it is found, and the metadata a re-import may correct. */
export type KnownArticle = {
  id: string;
  externalId: string | null;
  url: string | null;
  textHash: string;
  title: string;
  outlet: string | null;
  author: string | null;
  publishedAt: Date | null;
};

/** What a record is looked up by. `idFromName`: its externalId is only its file's name (a .txt or .html page). */
export type ArticleLookup = Pick<ArticleFields, 'externalId' | 'url' | 'textHash'> & { idFromName?: boolean };

export type KnownArticles = {
  /** The article a record is, if the project has it. */
  find: (r: ArticleLookup) => KnownArticle | undefined;
  /** An article stored since the lookup (a later record of the same batch may be it). */
  add: (a: KnownArticle) => void;
};

/**
 * The project's articles that these records may be, in one query, and how to
 * find a record's: by externalId when it has one, else by text, else by URL.
 * A page named only by its file (a .txt or .html without a sidecar id) is
 * found by its name, else by its text: the same page under another name is
 * the same article. It runs on the import transaction's connection
 * (`client`), after the batches stored before, so it finds them too and one
 * lookup per batch of a file is enough. Plain SQL with array parameters:
 * through Prisma, the same lookup cost ten times as much as the query.
 */
export async function findKnownArticles(client: pg.ClientBase, projectId: string, rows: ArticleLookup[]): Promise<KnownArticles> {
  const withId = rows.flatMap((r) => (r.externalId ? [r.externalId] : []));
  const byText = rows.filter((r) => !r.externalId || r.idFromName);
  const { rows: found } = await client.query<KnownArticle>(
    `SELECT id, "externalId", url, "textHash", title, outlet, author, "publishedAt" FROM "Article"
      WHERE "projectId" = $1
        AND ("externalId" = ANY($2::text[]) OR "textHash" = ANY($3::text[]) OR url = ANY($4::text[]))
      -- Oldest first: if several articles share a URL or a text, the first imported is "the" article.
      ORDER BY "createdAt", id`,
    [projectId, withId, byText.map((r) => r.textHash), rows.flatMap((r) => (!r.externalId && r.url ? [r.url] : []))],
  );
  const byExternalId = new Map<string, KnownArticle>();
  const byHash = new Map<string, KnownArticle>();
  const byUrl = new Map<string, KnownArticle>();
  const add = (a: KnownArticle) => {
    if (a.externalId) byExternalId.set(a.externalId, a);
    if (!byHash.has(a.textHash)) byHash.set(a.textHash, a);
    if (a.url && !byUrl.has(a.url)) byUrl.set(a.url, a);
  };
  found.forEach(add);
  return {
    add,
    find: (r) => {
      if (r.externalId) return byExternalId.get(r.externalId) ?? (r.idFromName ? byHash.get(r.textHash) : undefined);
      return byHash.get(r.textHash) ?? (r.url ? byUrl.get(r.url) : undefined);
    },
  };
}

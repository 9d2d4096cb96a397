import 'server-only';
import { sql } from '@/lib/db/client';
import { notFound } from '@/lib/errors';

type Neighbour = { id: string; title: string };

/** Where an article stands in its project's list, and the articles before and after it. */
export type ArticleNeighboursDto = { position: number; total: number; previous: Neighbour | null; next: Neighbour | null };

/**
 * The article's place in its project's article list, in the list's order
 * (lib/articles/list-articles.ts: date, undated last, then title, then id),
 * so an analyst can work through a corpus one article after another, as
 * INCEpTION's and doccano's previous/next document buttons do. A caller who
 * is not a member of the article's project gets 404, like a missing article.
 */
export async function articleNeighbours(userId: string, articleId: string): Promise<ArticleNeighboursDto> {
  const [row] = await sql<{ position: number; total: number; previousId: string | null; previousTitle: string | null; nextId: string | null; nextTitle: string | null }>`
    WITH ordered AS (
      SELECT a.id, a.title,
             row_number() OVER (ORDER BY a."publishedAt" ASC NULLS LAST, a.title ASC, a.id ASC)::int AS n,
             count(*) OVER ()::int AS total
        FROM "Article" a
       WHERE a."projectId" = (SELECT x."projectId" FROM "Article" x WHERE x.id = ${articleId})
         AND EXISTS (SELECT 1 FROM "Membership" m WHERE m."projectId" = a."projectId" AND m."userId" = ${userId})
    )
    SELECT o.n AS position, o.total, p.id AS "previousId", p.title AS "previousTitle", nx.id AS "nextId", nx.title AS "nextTitle"
      FROM ordered o
      LEFT JOIN ordered p ON p.n = o.n - 1
      LEFT JOIN ordered nx ON nx.n = o.n + 1
     WHERE o.id = ${articleId}`;
  if (!row) throw notFound('Article');
  return {
    position: row.position,
    total: row.total,
    previous: row.previousId ? { id: row.previousId, title: row.previousTitle! } : null,
    next: row.nextId ? { id: row.nextId, title: row.nextTitle! } : null,
  };
}

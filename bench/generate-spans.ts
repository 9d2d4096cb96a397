import { QUOTE_CONTEXT } from '../lib/anchoring/code-points';
import { testDb } from '../test/factories';

/**
 * Inserts `total` spans over a project's articles in SQL (100,000 per
 * statement): article g % articles, offsets and lengths (8–87 code points)
 * from multiplicative hashes of g, quotes cut from the real text, labels and
 * authors in turn. With `spreadCreatedAt`, createdAt is a permutation of
 * 30-second steps ((g·7919) mod total; 7919 is prime), so "oldest first" is
 * not insertion order.
 */
export async function insertGeneratedSpans(o: {
  projectId: string;
  authorIds: string[];
  total: number;
  articles: number;
  status: 'PENDING' | 'APPROVED';
  spreadCreatedAt?: boolean;
}) {
  const authors = `ARRAY[${o.authorIds.map((id) => `'${id}'`).join(',')}]`;
  const created = o.spreadCreatedAt ? `timestamp '2026-01-01' + make_interval(secs => (g::bigint * 7919 % ${o.total}) * 30)` : 'now()';
  const batch = 100_000;
  for (let from = 0; from < o.total; from += batch) {
    const to = Math.min(o.total, from + batch) - 1;
    await testDb().$executeRawUnsafe(`
      WITH arts AS (
        SELECT id, text, "textHash", length, (row_number() OVER (ORDER BY id) - 1)::int AS idx
          FROM "Article" WHERE "projectId" = '${o.projectId}'
      ), spans AS (
        SELECT g, a.id AS "articleId", a.text, a."textHash", len,
               ((g::bigint / ${o.articles}) * 7919 % (a.length - len - 1))::int AS s
          FROM generate_series(${from}, ${to}) g
          JOIN arts a ON a.idx = g % ${o.articles}
          CROSS JOIN LATERAL (SELECT 8 + (g * 31 % 80) AS len) l
      )
      INSERT INTO "Annotation" (id, "articleId", "authorId", label, start, "end", exact, prefix, suffix, "textHash", status, version, "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, "articleId", (${authors})[1 + g % ${o.authorIds.length}],
             (ARRAY['ASSERTION','DENIAL','EVIDENCE']::"Label"[])[1 + g % 3],
             s, s + len,
             substring(text FROM s + 1 FOR len),
             substring(text FROM greatest(s - ${QUOTE_CONTEXT}, 0) + 1 FOR s - greatest(s - ${QUOTE_CONTEXT}, 0)),
             substring(text FROM s + len + 1 FOR ${QUOTE_CONTEXT}),
             "textHash", '${o.status}', 1, t, t
        FROM spans
        CROSS JOIN LATERAL (SELECT ${created} AS t) c`);
  }
}

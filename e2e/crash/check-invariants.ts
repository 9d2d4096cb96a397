// What must hold after any interruption, checked in SQL against the rows
// themselves rather than through the app. Each check returns the problems it
// found as sentences (empty: all good), so a failure says what broke.
import type pg from 'pg';
import type { Corpus } from './generate-corpus';

export type ProjectCounts = { articles: number; sentences: number; spans: number };

export async function countProject(db: pg.Pool, projectId: string): Promise<ProjectCounts> {
  const { rows } = await db.query<ProjectCounts>(
    `SELECT (SELECT count(*)::int FROM "Article" WHERE "projectId" = $1) AS articles,
            (SELECT count(*)::int FROM "Sentence" s JOIN "Article" a ON a.id = s."articleId" WHERE a."projectId" = $1) AS sentences,
            (SELECT count(*)::int FROM "Annotation" n JOIN "Article" a ON a.id = n."articleId" WHERE a."projectId" = $1) AS spans`,
    [projectId],
  );
  return rows[0];
}

/** Per-project checks: each query lists up to 5 offending rows. */
const PROJECT_CHECKS: [string, string][] = [
  ['duplicate externalId', `SELECT "externalId" AS id FROM "Article" WHERE "projectId" = $1 GROUP BY 1 HAVING count(*) > 1 LIMIT 5`],
  [
    'article whose textHash or length does not match its text',
    `SELECT id FROM "Article" WHERE "projectId" = $1
        AND ("textHash" <> encode(sha256(convert_to(text, 'UTF8')), 'hex') OR length <> char_length(text)) LIMIT 5`,
  ],
  [
    'article without sentences',
    `SELECT a.id FROM "Article" a WHERE a."projectId" = $1 AND NOT EXISTS (SELECT 1 FROM "Sentence" s WHERE s."articleId" = a.id) LIMIT 5`,
  ],
  [
    // char_length and substring count code points, as our offsets do.
    'sentence outside its article, overlapping the previous one, or not the text at its offsets',
    `SELECT s.id FROM (
        SELECT s.*, lag(s."end") OVER (PARTITION BY s."articleId" ORDER BY s.start) AS prev_end
          FROM "Sentence" s JOIN "Article" a ON a.id = s."articleId" WHERE a."projectId" = $1
      ) s JOIN "Article" a ON a.id = s."articleId"
      WHERE s."end" > a.length OR s."end" <= s.start OR s.start < coalesce(s.prev_end, 0)
         OR s.text <> substring(a.text FROM s.start + 1 FOR greatest(s."end" - s.start, 0)) LIMIT 5`,
  ],
  [
    // With the check above (ordered, disjoint, exact slices), this says the sentences tile the text: nothing but whitespace between them.
    'article whose sentences leave out some of its text',
    `SELECT a.id FROM "Article" a JOIN "Sentence" s ON s."articleId" = a.id WHERE a."projectId" = $1
      GROUP BY a.id, a.text
     HAVING regexp_replace(a.text, '\\s+', '', 'g') <> string_agg(regexp_replace(s.text, '\\s+', '', 'g'), '' ORDER BY s.start) LIMIT 5`,
  ],
  [
    'span outside its article or whose quote is not the text at its offsets',
    `SELECT n.id FROM "Annotation" n JOIN "Article" a ON a.id = n."articleId"
      WHERE a."projectId" = $1 AND NOT n.orphaned
        AND (n."end" > a.length OR n."end" <= n.start OR n."textHash" <> a."textHash"
             OR n.exact <> substring(a.text FROM n.start + 1 FOR greatest(n."end" - n.start, 0))) LIMIT 5`,
  ],
];

/**
 * The import of `corpus` into this project is complete or absent: all its
 * articles with all their sentences and spans, or none of them; and whatever
 * is there is whole (see PROJECT_CHECKS).
 */
export async function checkImportAtomic(db: pg.Pool, projectId: string, corpus: Corpus): Promise<{ counts: ProjectCounts; problems: string[] }> {
  const counts = await countProject(db, projectId);
  const complete = { articles: corpus.articles, sentences: corpus.sentences, spans: corpus.spans };
  const absent = { articles: 0, sentences: 0, spans: 0 };
  const problems: string[] = [];
  const same = (a: ProjectCounts, b: ProjectCounts) => a.articles === b.articles && a.sentences === b.sentences && a.spans === b.spans;
  if (!same(counts, complete) && !same(counts, absent)) {
    problems.push(`neither complete nor absent: ${JSON.stringify(counts)} (complete is ${JSON.stringify(complete)})`);
  }
  problems.push(...(await checkProject(db, projectId)));
  return { counts, problems };
}

export async function checkProject(db: pg.Pool, projectId: string): Promise<string[]> {
  const problems: string[] = [];
  for (const [what, query] of PROJECT_CHECKS) {
    const { rows } = await db.query<{ id: string }>(query, [projectId]);
    if (rows.length) problems.push(`${what}: ${rows.map((r) => r.id).join(', ')}`);
  }
  // Rows of a half-stored article would not show up joined to their project: look for them anywhere.
  const { rows } = await db.query<{ id: string }>(
    `(SELECT 'sentence ' || id AS id FROM "Sentence" s WHERE NOT EXISTS (SELECT 1 FROM "Article" a WHERE a.id = s."articleId") LIMIT 5)
     UNION ALL
     (SELECT 'span ' || id FROM "Annotation" n WHERE NOT EXISTS (SELECT 1 FROM "Article" a WHERE a.id = n."articleId") LIMIT 5)`,
  );
  if (rows.length) problems.push(`rows whose article is missing: ${rows.map((r) => r.id).join(', ')}`);
  return problems;
}

/**
 * Every foreign key and CHECK constraint of the schema, re-evaluated over all
 * rows (Postgres enforces them on write; this proves nothing slipped past,
 * e.g. a constraint added NOT VALID or a trigger that was bypassed).
 */
export async function checkConstraints(db: pg.Pool): Promise<string[]> {
  const problems: string[] = [];
  const { rows } = await db.query<{ name: string; tbl: string; type: string; def: string; cols: string[]; ref: string | null; refcols: string[] }>(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS tbl, c.contype AS type, pg_get_constraintdef(c.oid) AS def,
            array(SELECT quote_ident(attname) FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute ON attrelid = c.conrelid AND attnum = k.n ORDER BY k.o) AS cols,
            c.confrelid::regclass::text AS ref,
            array(SELECT quote_ident(attname) FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute ON attrelid = c.confrelid AND attnum = k.n ORDER BY k.o) AS refcols
       FROM pg_constraint c
      WHERE c.connamespace = 'public'::regnamespace AND c.contype IN ('f', 'c')`,
  );
  for (const c of rows) {
    const query =
      c.type === 'f'
        ? `SELECT count(*)::int AS n FROM ${c.tbl} t WHERE ${c.cols.map((col) => `t.${col} IS NOT NULL`).join(' AND ')}
             AND NOT EXISTS (SELECT 1 FROM ${c.ref} r WHERE ${c.cols.map((col, i) => `r.${c.refcols[i]} = t.${col}`).join(' AND ')})`
        : `SELECT count(*)::int AS n FROM ${c.tbl} WHERE NOT (${c.def.replace(/^CHECK /, '').replace(/ NOT VALID$/, '')})`;
    const { rows: found } = await db.query<{ n: number }>(query);
    if (found[0].n > 0) problems.push(`${c.tbl}: ${found[0].n} row(s) violate ${c.name} (${c.def})`);
  }
  return problems;
}

/**
 * amcheck over every index of the schema: B-trees are walked with every heap
 * row looked up (heapallindexed) and unique indexes re-checked for duplicates
 * (checkunique); GIN indexes (sentence search) are checked too where the
 * server has gin_index_check (PostgreSQL 18).
 */
export async function checkIndexes(db: pg.Pool): Promise<string[]> {
  await db.query('CREATE EXTENSION IF NOT EXISTS amcheck');
  const { rows } = await db.query<{ idx: string; am: string }>(
    `SELECT i.indexrelid::regclass::text AS idx, am.amname AS am
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
      WHERE c.relnamespace = 'public'::regnamespace AND am.amname IN ('btree', 'gin')`,
  );
  const { rows: hasGin } = await db.query(`SELECT 1 FROM pg_proc WHERE proname = 'gin_index_check'`);
  const problems: string[] = [];
  for (const { idx, am } of rows) {
    if (am === 'gin' && !hasGin.length) continue;
    try {
      await db.query(am === 'btree' ? `SELECT bt_index_check($1::regclass, true, true)` : `SELECT gin_index_check($1::regclass)`, [idx]);
    } catch (e) {
      problems.push(`${idx}: ${(e as Error).message}`);
    }
  }
  return problems;
}

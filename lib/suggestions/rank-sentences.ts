import 'server-only';
import { preparedSql } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { unindexedSentences } from '@/lib/sentences/project-sentences';
import { sentenceTsvector } from '@/lib/sentences/sentence-tsvector';
import { highlightsFor, MARK_END, MARK_START, type Highlight } from '@/lib/search/marked-text';

export type RankedSentence = {
  sentenceId: string;
  articleId: string;
  articleTitle: string;
  outlet: string | null;
  /** Code points over the article text, half-open. */
  start: number;
  end: number;
  text: string;
  /** 0..1, higher is closer. Comparable within one query only. */
  score: number;
  /** Code-point ranges inside `text` of the words that matched the query. */
  highlights: Highlight[];
};

export type RankOptions = {
  /** Leave out this article's sentences (the span's own article). */
  excludeArticleId?: string;
  /** Leave out sentences dismissed for this span, and those holding a span already linked to it. */
  annotationId?: string;
  limit: number;
  /** The first match's budget in estimated rows (MATCH_BUDGET_ROWS); a test sets it to 0 to reach the wider retry on a small corpus. */
  matchBudgetRows?: number;
};

/**
 * How a sentence is scored (tuning and figures in BENCHMARKS.md:
 * suggestion-quality on the FNC-1 test bodies, suggestion-latency at 100,000
 * sentences).
 *
 * 1. Candidates: sentences of the project holding one of the query's *rarest*
 *    stemmed lexemes, found through the GIN index on Sentence.tsv. Lexemes are
 *    taken in order of estimated frequency while their summed estimate stays
 *    within MATCH_BUDGET_ROWS (the rarest is always taken), so a query of
 *    common words still finds something and a common word ("said") never
 *    makes Postgres read a tenth of the table. Estimates come from the
 *    planner's own statistics (pg_stats.most_common_elems of Sentence.tsv,
 *    kept by ANALYZE), scaled to the project's share of the articles; a
 *    lexeme absent from that list counts as 0.1 %.
 * 2. Weights: each query lexeme weighs its inverse document frequency over
 *    the project's articles, ln(articles / df) + 1. For the lexemes used to
 *    match, df is exact (every sentence holding them is a candidate); for the
 *    others it is the estimate above.
 * 3. Score: half how much of the query's weight the sentence holds, half how
 *    much of it the sentence's whole article holds (over its candidate
 *    sentences). The article half is what lets a short passage of an article
 *    about the same event outrank a longer one that shares a few words by
 *    chance; plain per-sentence ranking (ts_rank_cd) lost to a whole-body
 *    TF-IDF baseline on FNC-1.
 * 4. At most PER_ARTICLE sentences per article (suggestions should span
 *    outlets), and the best RERANKED get a pg_trgm word_similarity bonus for
 *    shared spellings that stemming misses ("Crabzilla" / "crab").
 */
/**
 * Halving it from 3,000 cut the query's time by about a third at 100,000
 * sentences; FNC-1 quality held (AUC 0.9932). When a span's rare words occur
 * only in its own article, that budget finds nothing to suggest: the query
 * runs once more with WIDE_BUDGET_ROWS, so commoner shared words count.
 */
const MATCH_BUDGET_ROWS = 1_500;
const WIDE_BUDGET_ROWS = 12_000;
/** A lexeme missing from pg_stats' most common elements is rarer than all of them. */
const UNLISTED_FREQUENCY = 0.001;
const WEIGHT_SENTENCE = 0.5;
const WEIGHT_ARTICLE = 0.5;
const PER_ARTICLE = 2;
/**
 * word_similarity re-reads the query's trigrams on every call: at 200 rows it
 * was half the statement's time. 50 keeps FNC-1 quality (AUC 0.9933, recall@10
 * 0.740, as at 200) at a quarter of the cost.
 */
const RERANKED = 50;
const WEIGHT_TRIGRAM = 0.15;
/** Longer queries add cost, not precision: a span's first 1,000 code points say what it is about. */
const MAX_QUERY_CODE_POINTS = 1_000;
/** word_similarity is linear in the sentence length: compare with its start only. */
const SIMILARITY_CHARS = 300;

const rankingStatement = preparedSql('rank-sentences');

/** The tsvector of an unindexed sentence `u`, computed as the indexer would store it. */
const UNINDEXED_TSV = sentenceTsvector(Prisma.sql`u.text`);

type Row = Omit<RankedSentence, 'highlights' | 'score'> & { score: number | string; marked: string | null };

/**
 * Sentences of a project ranked by how well they match `queryText` (a span's
 * quote, or any text such as a headline), best first, in one SQL statement
 * (a second one with a wider budget when the first finds nothing).
 */
export async function rankSentences(projectId: string, queryText: string, options: RankOptions): Promise<RankedSentence[]> {
  const query = Array.from(queryText.normalize('NFC').trim()).slice(0, MAX_QUERY_CODE_POINTS).join('');
  if (query === '' || options.limit <= 0) return [];
  let rows = await rankOnce(projectId, query, options, options.matchBudgetRows ?? MATCH_BUDGET_ROWS);
  if (rows.length === 0) rows = await rankOnce(projectId, query, options, WIDE_BUDGET_ROWS);
  return rows.map(({ marked, score, ...row }) => ({
    ...row,
    score: Math.round(Number(score) * 10_000) / 10_000,
    highlights: highlightsFor(row.text, marked),
  }));
}

/** The ranking statement, matching on the query's rarest lexemes up to `budget` estimated rows. */
async function rankOnce(projectId: string, query: string, options: RankOptions, budget: number): Promise<Row[]> {
  const exclude = options.excludeArticleId ?? null;
  const annotationId = options.annotationId ?? null;
  // chr(39) is a single quote and chr(92) a backslash: each lexeme is quoted and
  // escaped for tsquery input, which takes lexemes as they are (no re-stemming).
  // Straight on the pool as a prepared statement (lib/db/client.ts `preparedSql`): on the hottest read path,
  // Prisma's engine costs more than it adds, and planning this statement cost ~5 ms a call.
  return rankingStatement<Row>`
    WITH docs AS (
      SELECT count(*)::float8 AS n FROM "Article" WHERE "projectId" = ${projectId}
    ),
    size AS (
      -- The project's sentences, estimated: the table's, times the project's share of the articles.
      SELECT greatest(s.reltuples, 1) * least(1, (SELECT n FROM docs) / greatest(a.reltuples, 1)) AS n
        FROM pg_class s, pg_class a
       WHERE s.oid = '"Sentence"'::regclass AND a.oid = '"Article"'::regclass
    ),
    stats AS (
      SELECT u.e, u.f
        FROM pg_stats ps, unnest(ps.most_common_elems::text::text[], ps.most_common_elem_freqs) AS u(e, f)
       WHERE ps.schemaname = current_schema() AND ps.tablename = 'Sentence' AND ps.attname = 'tsv'
    ),
    lex AS (
      SELECT l AS lexeme,
             chr(39) || replace(replace(l, chr(92), chr(92) || chr(92)), chr(39), chr(39) || chr(39)) || chr(39) AS quoted,
             coalesce(st.f, ${UNLISTED_FREQUENCY}::float8) * (SELECT n FROM size) AS estimate
        FROM unnest(tsvector_to_array(to_tsvector('english', ${query}::text))) AS l
        LEFT JOIN stats st ON st.e = l
    ),
    picked AS (
      SELECT lexeme, quoted
        FROM (SELECT lexeme, quoted, sum(estimate) OVER w AS upto, row_number() OVER w AS rn
                FROM lex WINDOW w AS (ORDER BY estimate, quoted ROWS UNBOUNDED PRECEDING)) o
       WHERE upto <= ${budget}::float8 OR rn = 1
    ),
    q AS (
      SELECT (SELECT string_agg(quoted, ' | ') FROM picked)::tsquery AS match_query,
             (SELECT string_agg(quoted, ' | ') FROM lex)::tsquery AS all_query
    ),
    matched AS MATERIALIZED (
      -- The heap rows are read here once; the text is kept for the re-ranking below.
      SELECT s.id, s."articleId", s.start, s."end", s.text, s.tsv
        FROM q JOIN "Sentence" s ON s.tsv @@ q.match_query
       WHERE s."articleId" IN (SELECT id FROM "Article" WHERE "projectId" = ${projectId})
      UNION ALL
      -- Sentences the indexer has not reached yet (lib/sentences/index-sentences.ts), their
      -- tsvector computed here. Not through projectSentences: planned as one UNION ALL, the GIN
      -- half above took two and a half times as long.
      SELECT u.id, u."articleId", u.start, u."end", u.text, ${UNINDEXED_TSV}
        FROM q JOIN ${unindexedSentences(projectId)} u ON ${UNINDEXED_TSV} @@ q.match_query
    ),
    hits AS MATERIALIZED (
      SELECT m.id, m."articleId", x.lexeme
        FROM matched m
        CROSS JOIN LATERAL unnest(tsvector_to_array(m.tsv)) AS x(lexeme)
        JOIN lex l ON l.lexeme = x.lexeme
    ),
    df AS (
      SELECT l.lexeme,
             ln((SELECT n FROM docs) / greatest(1, least((SELECT n FROM docs),
               CASE WHEN p.lexeme IS NOT NULL
                    THEN (SELECT count(DISTINCT h."articleId") FROM hits h WHERE h.lexeme = l.lexeme)
                    ELSE l.estimate END))) + 1 AS idf
        FROM lex l LEFT JOIN picked p ON p.lexeme = l.lexeme
    ),
    total AS (
      SELECT sum(idf) AS t FROM df
    ),
    per_sentence AS (
      SELECT h.id, h."articleId", sum(d.idf) / (SELECT t FROM total) AS share
        FROM hits h JOIN df d USING (lexeme)
       GROUP BY h.id, h."articleId"
    ),
    per_article AS (
      SELECT a."articleId", sum(d.idf) / (SELECT t FROM total) AS share
        FROM (SELECT DISTINCT "articleId", lexeme FROM hits) a JOIN df d USING (lexeme)
       GROUP BY a."articleId"
    ),
    scored AS (
      SELECT s.id, s."articleId",
             s.share * ${WEIGHT_SENTENCE}::float8 + a.share * ${WEIGHT_ARTICLE}::float8 AS base,
             row_number() OVER (PARTITION BY s."articleId" ORDER BY s.share DESC, s.id) AS k
        FROM per_sentence s JOIN per_article a USING ("articleId")
       WHERE (${exclude}::text IS NULL OR s."articleId" <> ${exclude}::text)
         AND NOT EXISTS (
           SELECT 1 FROM "SuggestionDismissal" d WHERE d."annotationId" = ${annotationId}::text AND d."sentenceId" = s.id
         )
    ),
    kept AS (
      SELECT id, "articleId", base, row_number() OVER (ORDER BY base DESC, id) AS r
        FROM scored WHERE k <= ${PER_ARTICLE}
    ),
    top AS (
      SELECT k.id, k."articleId", st.start, st."end", st.text,
             k.base * (1 - ${WEIGHT_TRIGRAM}::float8)
               + CASE WHEN k.r <= ${RERANKED} THEN word_similarity(${query}::text, left(st.text, ${SIMILARITY_CHARS})) * ${WEIGHT_TRIGRAM}::float8 ELSE 0 END AS score
        FROM kept k JOIN matched st ON st.id = k.id
       WHERE k.r <= greatest(${RERANKED}, ${options.limit}::int)
         AND NOT EXISTS (
           -- Already linked: the span is linked to a span inside this sentence.
           SELECT 1
             FROM "Link" l
             JOIN "Annotation" b
               ON b.id = CASE WHEN l."fromAnnotationId" = ${annotationId}::text THEN l."toAnnotationId" ELSE l."fromAnnotationId" END
            WHERE (l."fromAnnotationId" = ${annotationId}::text OR l."toAnnotationId" = ${annotationId}::text)
              AND b."articleId" = st."articleId" AND b.start < st."end" AND b."end" > st.start
         )
       ORDER BY score DESC, k.id
       LIMIT ${options.limit}::int
    )
    SELECT t.id AS "sentenceId", t."articleId", ar.title AS "articleTitle", ar.outlet, t.start, t."end", t.text, t.score,
           ts_headline('english', t.text, q.all_query, ${`HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_END}`}) AS marked
      FROM top t
      JOIN "Article" ar ON ar.id = t."articleId"
      CROSS JOIN q
     ORDER BY t.score DESC, t.id`;
}

import 'server-only';
import { db } from '@/lib/db/client';
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
};

/**
 * Tuning: see BENCHMARKS.md (suggestion-quality on the FNC-1 test bodies,
 * suggestion-latency at 100,000 sentences). With 100 candidates a related
 * body was often never scored (AUC 0.959); 600 candidates cost more trigram
 * work per query but let most related bodies in.
 *
 * MATCH_BUDGET_ROWS: candidates are found through the GIN index with an OR of
 * the query's *rarest* lexemes, taken in order of estimated frequency while
 * their summed estimate stays within this many sentences (the rarest one is
 * always taken, so a query of common words still finds something). The
 * estimates come from the planner's own statistics: pg_stats.most_common_elems
 * of Sentence.tsv (kept by ANALYZE) times pg_class.reltuples; a lexeme absent
 * from that list is rarer than every listed one and counts as 0.1 %. Small
 * corpora therefore match on every lexeme; on a large one a common word
 * ("said", "year") no longer makes Postgres rank a tenth of the table, which
 * had put p95 above 200 ms. Common words still count in the ranking.
 *
 * CANDIDATES: the best sentences by full-text rank (ts_rank_cd against all
 * lexemes of the query) that are re-ranked with trigram word similarity, which
 * is costlier per row and rewards shared spellings that stemming misses.
 */
const MATCH_BUDGET_ROWS = 3_000;
const CANDIDATES = 600;
const WEIGHT_FTS = 0.6;
const WEIGHT_TRIGRAM = 0.4;
/** Longer queries add cost, not precision: a span's first 1,000 code points say what it is about. */
const MAX_QUERY_CODE_POINTS = 1_000;
/** word_similarity is linear in the sentence length: compare with its start only. */
const SIMILARITY_CHARS = 300;

type Row = Omit<RankedSentence, 'highlights' | 'score'> & { score: number | string; marked: string | null };

/**
 * Sentences of a project ranked by how well they match `queryText` (a span's
 * quote, or any text such as a headline), best first, in one SQL statement.
 */
export async function rankSentences(projectId: string, queryText: string, options: RankOptions): Promise<RankedSentence[]> {
  const query = Array.from(queryText.normalize('NFC').trim()).slice(0, MAX_QUERY_CODE_POINTS).join('');
  if (query === '' || options.limit <= 0) return [];
  const exclude = options.excludeArticleId ?? null;
  const annotationId = options.annotationId ?? null;
  // chr(39) is a single quote and chr(92) a backslash: each lexeme is quoted and
  // escaped for tsquery input, which takes lexemes as they are (no re-stemming).
  const rows = await db.$queryRaw<Row[]>`
    WITH size AS (
      SELECT greatest(reltuples, 0) AS n FROM pg_class WHERE oid = '"Sentence"'::regclass
    ),
    stats AS (
      SELECT u.e, u.f
        FROM pg_stats ps, unnest(ps.most_common_elems::text::text[], ps.most_common_elem_freqs) AS u(e, f)
       WHERE ps.schemaname = current_schema() AND ps.tablename = 'Sentence' AND ps.attname = 'tsv'
    ),
    lex AS (
      SELECT chr(39) || replace(replace(l, chr(92), chr(92) || chr(92)), chr(39), chr(39) || chr(39)) || chr(39) AS quoted,
             coalesce(st.f, 0.001) * (SELECT n FROM size) AS estimate
        FROM unnest(tsvector_to_array(to_tsvector('english', ${query}::text))) AS l
        LEFT JOIN stats st ON st.e = l
    ),
    picked AS (
      SELECT quoted, sum(estimate) OVER w AS upto, row_number() OVER w AS rn
        FROM lex
      WINDOW w AS (ORDER BY estimate, quoted ROWS UNBOUNDED PRECEDING)
    ),
    q AS (
      SELECT (SELECT string_agg(quoted, ' | ') FROM lex)::tsquery AS rank_query,
             (SELECT string_agg(quoted, ' | ') FROM picked WHERE upto <= ${MATCH_BUDGET_ROWS}::float8 OR rn = 1)::tsquery AS match_query
    ),
    candidates AS (
      SELECT s.id, s."articleId", s.start, s."end", s.text, ts_rank_cd(s.tsv, q.rank_query, 32) AS fts
        FROM q
        JOIN "Sentence" s ON s.tsv @@ q.match_query
        JOIN "Article" ar ON ar.id = s."articleId"
       WHERE ar."projectId" = ${projectId}
         AND (${exclude}::text IS NULL OR s."articleId" <> ${exclude}::text)
         AND NOT EXISTS (
           SELECT 1 FROM "SuggestionDismissal" d WHERE d."annotationId" = ${annotationId}::text AND d."sentenceId" = s.id
         )
         AND NOT EXISTS (
           -- Already linked: the span is linked to a span inside this sentence.
           SELECT 1
             FROM "Link" l
             JOIN "Annotation" b
               ON b.id = CASE WHEN l."fromAnnotationId" = ${annotationId}::text THEN l."toAnnotationId" ELSE l."fromAnnotationId" END
            WHERE (l."fromAnnotationId" = ${annotationId}::text OR l."toAnnotationId" = ${annotationId}::text)
              AND b."articleId" = s."articleId" AND b.start < s."end" AND b."end" > s.start
         )
       ORDER BY fts DESC, s.id
       LIMIT ${CANDIDATES}
    ),
    scored AS (
      SELECT c.*, c.fts * ${WEIGHT_FTS}::float8 + word_similarity(${query}::text, left(c.text, ${SIMILARITY_CHARS})) * ${WEIGHT_TRIGRAM}::float8 AS score
        FROM candidates c
    ),
    top AS (
      SELECT * FROM scored ORDER BY score DESC, id LIMIT ${options.limit}
    )
    SELECT t.id AS "sentenceId", t."articleId", ar.title AS "articleTitle", ar.outlet, t.start, t."end", t.text, t.score,
           ts_headline('english', t.text, q.rank_query, ${`HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_END}`}) AS marked
      FROM top t
      JOIN "Article" ar ON ar.id = t."articleId"
      CROSS JOIN q
     ORDER BY t.score DESC, t.id`;
  return rows.map(({ marked, score, ...row }) => ({
    ...row,
    score: Math.round(Number(score) * 10_000) / 10_000,
    highlights: highlightsFor(row.text, marked),
  }));
}

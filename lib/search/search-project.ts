import 'server-only';
import { db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { requireSpanVisibility, visibleSpanSql } from '@/lib/annotations/span-visibility';
import type { Label } from '@/lib/annotations/dto';
import type { Caller } from '@/lib/auth/caller';
import type { SearchArticleHit, SearchResultDto, SearchSentenceHit, SearchSpanHit } from './dto';
import { highlightsFor, MARK_END, MARK_START } from './marked-text';
import { prefixQuery } from './prefix-query';
import { likeContains } from '@/lib/db/like-pattern';
import { projectSentences } from '@/lib/sentences/project-sentences';

const MAX_ARTICLES = 20;
const MAX_SENTENCES = 50;
const MAX_SPANS = 50;
/** Below three characters a substring search of span quotes cannot use their trigram index. */
const MIN_SUBSTRING = 3;

const headlineOptions = `HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_END}`;

const SNIPPET_CODE_POINTS = 240;
const shorten = (text: string) => {
  const cps = Array.from(text);
  return cps.length <= SNIPPET_CODE_POINTS ? text : cps.slice(0, SNIPPET_CODE_POINTS - 1).join('').trimEnd() + '…';
};

/** The "phrases" of a query, quotes removed and spaces collapsed: those passages must hold, and the -"excluded" ones. */
export function quotedPhrases(q: string): { include: string[]; exclude: string[] } {
  const all = [...q.matchAll(/(-?)"([^"]*)("|$)/g)].map((m) => ({ excluded: m[1] === '-', phrase: m[2].trim().replace(/\s+/g, ' ') })).filter((p) => p.phrase);
  return { include: all.filter((p) => !p.excluded).map((p) => p.phrase), exclude: all.filter((p) => p.excluded).map((p) => p.phrase) };
}

type SentenceRow = Omit<SearchSentenceHit, 'highlights'> & { marked: string | null; rank: number; whole: boolean };
type ArticleRow = Omit<SearchArticleHit, 'hits'> & { hits: number };
type SpanRow = Omit<SearchSpanHit, 'label'> & { label: string };

/**
 * Searches one project: sentences by full text through the GIN index on
 * their tsvector (web search syntax: words, "phrases", -not, or; stemmed
 * English), plain words also as word beginnings ("cyberatt" finds
 * "cyberattack"; whole-word matches rank first); articles by title or by
 * their matching sentences; spans by substring of their quote (from three
 * characters, through its trigram index), among those the caller may see
 * (independent annotation). Sentences are not searched by substring: letters
 * inside a word ("attack" in "cyberattack") are not found. Sentences are read
 * through `projectSentences`, so that those of an import the sentence indexer
 * has not reached yet (lib/sentences/index-sentences.ts) are found too.
 */
export async function searchProject(caller: Caller, projectId: string, q: string, page = 1): Promise<SearchResultDto> {
  // Each list pages on its own limit; a page past one list's end leaves that list empty.
  const skip = (limit: number) => (page - 1) * limit;
  const { visibility } = await requireSpanVisibility(caller.id, projectId);
  const text = q.trim().normalize('NFC');
  // Span quotes are searched as typed, minus the quotes of a "phrase".
  const needle = text.replaceAll('"', '').trim();
  const substring = Array.from(needle).length >= MIN_SUBSTRING ? likeContains(needle) : null;
  // Full text search drops stop words and stems inside a "phrase" too ("not the wife" would find any
  // "wife", and -"not the wife" would exclude every "wife"): a passage must also hold each quoted
  // phrase as written, in any case, and none of the -"excluded" ones, which the text search leaves
  // out. A query of phrases alone is matched by them alone (a phrase of stop words, "is not", has no
  // text search query at all; the parser splits words at some apostrophes, "isn’t", and not others).
  const { include, exclude } = quotedPhrases(text);
  const searched = text.replace(/-"[^"]*("|$)/g, ' ').trim();
  const { prefixes, rest } = prefixQuery(searched);
  const phraseConditions = [
    ...include.map((p) => Prisma.sql`s.text ILIKE ${likeContains(p)}`),
    ...exclude.map((p) => Prisma.sql`s.text NOT ILIKE ${likeContains(p)}`),
  ];
  const holdsPhrases = phraseConditions.length ? Prisma.join(phraseConditions, ' AND ') : Prisma.sql`TRUE`;
  const onlyPhrases = include.length > 0 && searched.replace(/"[^"]*("|$)/g, '').trim() === '';
  const matches = onlyPhrases ? holdsPhrases : Prisma.sql`s.tsv @@ q.query AND ${holdsPhrases}`;
  const tsQuery = Prisma.sql`
    SELECT e.exact, e.exact || COALESCE(
             CASE WHEN ${rest}::text = '' THEN to_tsquery('english', ${prefixes}::text)
                  ELSE websearch_to_tsquery('english', ${rest}::text) && to_tsquery('english', ${prefixes}::text) END,
             ''::tsquery) AS query
      FROM (SELECT websearch_to_tsquery('english', ${searched}) AS exact) e`;
  const [sentences, articles, spans] = await Promise.all([
    db.$queryRaw<SentenceRow[]>`
      WITH q AS (${tsQuery}),
      top AS (
        SELECT s.id, s."articleId", s.start, s."end", s.text, (s.tsv @@ q.exact) AS whole, ts_rank_cd(s.tsv, q.query, 32) AS rank
          FROM q, ${projectSentences(projectId)} s
         WHERE ${matches}
         ORDER BY whole DESC, rank DESC, s."articleId", s.start, s.id
         LIMIT ${MAX_SENTENCES + 1} OFFSET ${skip(MAX_SENTENCES)}
      )
      SELECT t.id AS "sentenceId", t."articleId", ar.title AS "articleTitle", ar.outlet, t.start, t."end", t.text, t.rank, t.whole,
             ts_headline('english', t.text, q.query, ${headlineOptions}) AS marked
        FROM top t
        JOIN "Article" ar ON ar.id = t."articleId"
        CROSS JOIN q
       ORDER BY t.whole DESC, t.rank DESC, ar.title, t.start`,
    db.$queryRaw<ArticleRow[]>`
      WITH q AS (${tsQuery}),
      matched AS (
        SELECT s."articleId", s.text, ts_rank_cd(s.tsv, q.query, 32) AS rank
          FROM q, ${projectSentences(projectId)} s
         WHERE ${matches}
      ),
      best AS (
        SELECT DISTINCT ON ("articleId") "articleId", text AS snippet, count(*) OVER (PARTITION BY "articleId")::int AS hits,
               sum(rank) OVER (PARTITION BY "articleId") AS score
          FROM matched
         ORDER BY "articleId", rank DESC
      )
      SELECT ar.id, ar.title, ar.outlet, b.snippet, coalesce(b.hits, 0) AS hits
        FROM "Article" ar
        LEFT JOIN best b ON b."articleId" = ar.id
       WHERE ar."projectId" = ${projectId}
         AND (b."articleId" IS NOT NULL OR strpos(lower(ar.title), lower(${text})) > 0)
       ORDER BY (strpos(lower(ar.title), lower(${text})) > 0) DESC, b.score DESC NULLS LAST, ar.title, ar.id
       LIMIT ${MAX_ARTICLES + 1} OFFSET ${skip(MAX_ARTICLES)}`,
    substring
      ? db.$queryRaw<SpanRow[]>`
          SELECT a.id, a."articleId", ar.title AS "articleTitle", a.exact, a.label::text AS label, a.start, a."end"
            FROM "Annotation" a
            JOIN "Article" ar ON ar.id = a."articleId"
           WHERE ar."projectId" = ${projectId} AND a.exact ILIKE ${substring}::text AND ${visibleSpanSql(visibility, 'a')}
           ORDER BY ar.title, a.start, a.id
           LIMIT ${MAX_SPANS + 1} OFFSET ${skip(MAX_SPANS)}`
      : Promise.resolve([] as SpanRow[]),
  ]);
  // One row past each limit was read: it says whether there are more.
  return {
    q: text,
    page,
    articles: articles.slice(0, MAX_ARTICLES).map((a) => ({ ...a, snippet: a.snippet && shorten(a.snippet) })),
    sentences: sentences.slice(0, MAX_SENTENCES).map(({ marked, rank: _rank, whole: _whole, ...s }) => ({ ...s, highlights: highlightsFor(s.text, marked) })),
    spans: spans.slice(0, MAX_SPANS).map((s) => ({ ...s, label: s.label.toLowerCase() as Label })),
    more: { articles: articles.length > MAX_ARTICLES, sentences: sentences.length > MAX_SENTENCES, spans: spans.length > MAX_SPANS },
  };
}

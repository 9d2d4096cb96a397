import 'server-only';
import { db } from '@/lib/db/client';
import { requireSpanVisibility, visibleSpanWhere } from './span-visibility';
import type { AnnotationDto } from './dto';
import { annotationSelect, toAnnotationDto } from './to-dto';
import { OffsetIndex, quoteSelector } from '@/lib/anchoring/code-points';
import { matchQuote } from '@/lib/anchoring/match-quote';

/**
 * An orphaned span as a reviewer needs it: its quote and context as they were
 * (exact/prefix/suffix are never overwritten on orphaning), the article, and
 * the revision of the text it was made on (null if that text is the current
 * one, which happens only if the article was reverted).
 */
export type OrphanDto = AnnotationDto & {
  article: { id: string; title: string; outlet: string | null; revision: number };
  madeOnRevision: number | null;
  /** What placing it keeps and deleting it loses: its links and its claim. */
  links: number;
  claimId: string | null;
  /** Where the quote most resembles the current text, if anywhere much: for a person to confirm (POST …/place), never applied by itself. */
  guess: OrphanGuess | null;
};

/** A place in the current text, in code points, with its words and their surroundings there. */
export type OrphanGuess = { start: number; end: number; score: number; exact: string; prefix: string; suffix: string };

/**
 * How sure a guess must be to be offered. Re-anchoring places a span by
 * itself from MIN_ANCHOR_SCORE (0.7) up; under it a person decides, and
 * under 0.4 (under half the quote and its context alike) the likeness is
 * mostly chance and the guess would mislead.
 */
const MIN_GUESS_SCORE = 0.4;

/** Spans (of those the caller may see) that the project's latest re-imports left without a place, by article, in old text order. */
export async function listOrphans(userId: string, projectId: string): Promise<OrphanDto[]> {
  const { visibility } = await requireSpanVisibility(userId, projectId);
  const rows = await db.annotation.findMany({
    where: { orphaned: true, article: { projectId }, ...visibleSpanWhere(visibility) },
    orderBy: [{ articleId: 'asc' }, { start: 'asc' }, { id: 'asc' }],
    select: {
      ...annotationSelect,
      claimId: true,
      _count: { select: { linksFrom: true, linksTo: true } },
      article: { select: { id: true, title: true, outlet: true, revision: true } },
    },
  });
  // Which revision each orphan was made on (the one whose text has the span's hash), and the current texts to guess places in.
  const articleIds = [...new Set(rows.map((r) => r.articleId))];
  const [revisions, texts] = await Promise.all([
    db.articleRevision.findMany({
      where: { articleId: { in: articleIds }, textHash: { in: [...new Set(rows.map((r) => r.textHash))] } },
      select: { articleId: true, textHash: true, revision: true },
    }),
    db.article.findMany({ where: { id: { in: articleIds } }, select: { id: true, text: true } }),
  ]);
  const revisionOf = new Map(revisions.map((r) => [`${r.articleId}:${r.textHash}`, r.revision]));
  const indexes = new Map(texts.map((t) => [t.id, new OffsetIndex(t.text)]));
  return rows.map(({ article, claimId, _count, ...r }) => {
    const span = toAnnotationDto(r);
    return {
      ...span,
      article,
      madeOnRevision: revisionOf.get(`${r.articleId}:${r.textHash}`) ?? null,
      links: _count.linksFrom + _count.linksTo,
      claimId,
      guess: guessPlace(indexes.get(r.articleId)!, span),
    };
  });
}

function guessPlace(index: OffsetIndex, span: AnnotationDto): OrphanGuess | null {
  const match = matchQuote(index, span, MIN_GUESS_SCORE);
  if (!match) return null;
  const { start, end } = toWholeWords(index, match.start, match.end, span);
  return { ...match, start, end, ...quoteSelector(index, start, end) };
}

const WORD = /[\p{L}\p{N}\p{M}]/u;

/**
 * An approximate match is as long as the old quote, so a reworded passage
 * ("We firmly reject such") comes back cut inside a word ("ly reject such").
 * A person judges the guess by its words: an edge that falls inside a word is
 * widened to the whole word, where the old span's edge was between words
 * (its stored context says so).
 */
function toWholeWords(index: OffsetIndex, start: number, end: number, old: { prefix: string; suffix: string }) {
  const at = (i: number) => index.slice(i, i + 1);
  const insideWord = (i: number) => i > 0 && i < index.length && WORD.test(at(i - 1)) && WORD.test(at(i));
  let s = start;
  let e = end;
  if (!WORD.test(Array.from(old.prefix).at(-1) ?? '') && insideWord(s)) while (s > 0 && WORD.test(at(s - 1))) s--;
  if (!WORD.test(Array.from(old.suffix)[0] ?? '') && insideWord(e)) while (e < index.length && WORD.test(at(e))) e++;
  return { start: s, end: e };
}

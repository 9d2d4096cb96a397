import approxSearch from 'approx-string-match';
import { OffsetIndex } from './code-points';
import { snapToGraphemes } from './snap-to-graphemes';
import { trimWhitespace } from './trim-whitespace';
import type { TextPosition, TextSelectorSet } from './types';

/** Where a stored span lands in a new text, in code points, and how sure we are (0..1). */
export type QuoteMatch = TextPosition & { score: number };

/*
 * Weights of the evidence, as in hypothesis's match-quote.ts: the quote itself
 * counts most, each side of context a little less than half as much. Position
 * only breaks ties between otherwise equal candidates (a repeated phrase in
 * identical surroundings), so it is kept out of the reported score.
 */
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const TOTAL = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT;

/**
 * Below this score a span is orphaned rather than placed. Every similarity
 * here is 1 − errors / (length / 2): 1 when identical, 0 at half the
 * characters wrong, which is as far as hypothesis lets a quote match at all
 * and about how far two unrelated English snippets are from each other (so
 * chance resemblance of a context counts for ~nothing). With the weights
 * above, 0.7 means:
 * - never on the quote alone: an exact copy of the quote in unrelated
 *   surroundings scores about 50/90 = 0.56 (a short quote such as "Iran"
 *   whose sentence was deleted must not jump to another "Iran");
 * - an exact quote with one side of its context intact passes (70/90 = 0.78);
 * - an edited quote passes with both sides of context intact while at most
 *   about a quarter of it changed (similarity 0.5: 65/90 = 0.72), or with
 *   fewer changes and some context changed too.
 * A fact-check span on the wrong words is worse than one a reviewer re-places.
 */
export const MIN_ANCHOR_SCORE = 0.7;

/** hypothesis allows up to half the quote in errors, capped for very long quotes. */
const maxErrorsFor = (units: number) => Math.min(256, Math.floor(units / 2));
const similarity = (errors: number, units: number) => Math.max(0, 1 - errors / (units / 2));

/**
 * Re-anchors a stored span on a new text of its article:
 * 1. the quote is still at its old offsets with the same context → score 1;
 * 2. else every exact occurrence of the quote, ranked by how well its context
 *    matches the stored prefix/suffix, then by closeness to the old start (a
 *    quote still at its old offsets, with nothing better placed, also scores 1);
 * 3. else an approximate search (Myers' bit-parallel edit distance from
 *    approx-string-match), ranked the same way plus by how close the quote is;
 * and null when the best candidate scores under `minScore` (MIN_ANCHOR_SCORE:
 * an orphan; a lower one finds a best guess to offer a person who decides).
 *
 * Offsets are code points in and out; the searches run on UTF-16 (what the
 * library counts) and come back through OffsetIndex, widened to whole
 * graphemes so a match never splits a surrogate pair or an accented letter.
 */
export function matchQuote(text: string | OffsetIndex, stored: TextSelectorSet, minScore = MIN_ANCHOR_SCORE): QuoteMatch | null {
  const index = typeof text === 'string' ? new OffsetIndex(text) : text;
  const { exact, prefix, suffix } = stored;
  if (exact.length === 0) return null;

  const atOldPosition = stored.end <= index.length && index.slice(stored.start, stored.end) === exact;
  if (atOldPosition && hasSameContext(index, stored)) return { start: stored.start, end: stored.end, score: 1 };

  const hint = index.toUnit(Math.min(Math.max(stored.start, 0), index.length));
  const score = scorer(index.text, { exact, prefix, suffix }, hint);

  const exactHits = findExact(index.text, exact);
  const candidates = exactHits.length > 0 ? exactHits : approxSearch(index.text, exact, maxErrorsFor(exact.length));
  let best: { start: number; end: number; score: number; rank: number } | null = null;
  for (const m of candidates) {
    const s = score(m.start, m.end, m.errors);
    if (!best || s.rank > best.rank) best = { start: m.start, end: m.end, ...s };
  }
  if (!best) return null;
  const range = toCodePointRange(index, best.start, best.end, exact);
  if (!range) return null;
  // Position and quote agree and no other copy has a better context: as sure as case 1.
  if (atOldPosition && range.start === stored.start && range.end === stored.end) return { ...range, score: 1 };
  if (best.score < minScore) return null;
  return { ...range, score: roundScore(best.score) };
}

function hasSameContext(index: OffsetIndex, { start, end, prefix, suffix }: TextSelectorSet): boolean {
  const before = index.toUnit(start);
  const after = index.toUnit(end);
  return index.text.slice(Math.max(0, before - prefix.length), before) === prefix && index.text.slice(after, after + suffix.length) === suffix;
}

function findExact(text: string, quote: string) {
  const hits: { start: number; end: number; errors: number }[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) hits.push({ start: at, end: at + quote.length, errors: 0 });
  return hits;
}

/** Scores a candidate [start, end) in UTF-16 units; `rank` adds the position tie-break. */
function scorer(text: string, quote: { exact: string; prefix: string; suffix: string }, hint: number) {
  return (start: number, end: number, errors: number) => {
    const quoteScore = similarity(errors, quote.exact.length);
    const prefixScore = contextScore(text.slice(Math.max(0, start - quote.prefix.length), start), quote.prefix, start === 0);
    const suffixScore = contextScore(text.slice(end, end + quote.suffix.length), quote.suffix, end === text.length);
    const score = (QUOTE_WEIGHT * quoteScore + PREFIX_WEIGHT * prefixScore + SUFFIX_WEIGHT * suffixScore) / TOTAL;
    const closeness = 1 - Math.abs(start - hint) / Math.max(1, text.length);
    return { score, rank: score + (POSITION_WEIGHT / TOTAL) * closeness };
  };
}

/**
 * How much of the stored context survives next to a candidate: the similarity
 * of the stored context to its best approximate match in the window of the
 * same length beside the candidate. An empty stored context means the span
 * touched the start or end of the text: full marks only if the candidate does
 * too, otherwise no evidence either way (0.5).
 */
function contextScore(window: string, expected: string, atTextEdge: boolean): number {
  if (expected.length === 0) return atTextEdge ? 1 : 0.5;
  if (window === expected) return 1;
  if (window.length === 0) return 0;
  const [best] = approxSearch(window, expected, maxErrorsFor(expected.length));
  return best ? similarity(best.errors, expected.length) : 0;
}

/**
 * UTF-16 match → code points, trimmed of whitespace and widened to whole
 * graphemes the way a captured selection is (describe-text-range.ts). An
 * approximate match may stop inside a surrogate pair or before a combining mark.
 * An edge where the stored quote itself has whitespace (a span made over the
 * API keeps what it was given) is kept, so the span moves without shrinking.
 */
function toCodePointRange(index: OffsetIndex, start: number, end: number, exact: string): TextPosition | null {
  const keep = { start: /^\s/.test(exact), end: /\s$/.test(exact) };
  const trimmed = trimWhitespace(index, index.toCodePoint(start, 'start'), index.toCodePoint(end, 'end'), keep);
  if (!trimmed) return null;
  const units = snapToGraphemes(index.text, index.toUnit(trimmed.start), index.toUnit(trimmed.end));
  return { start: index.toCodePoint(units.start, 'start'), end: index.toCodePoint(units.end, 'end') };
}

/** Scores are stored and shown; 4 decimals is enough, rounded down so only a sure match reads 1. */
const roundScore = (score: number) => Math.floor(score * 10_000) / 10_000;

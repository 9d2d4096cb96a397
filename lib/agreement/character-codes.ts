import { LABELS } from '@/lib/annotations/dto';

/**
 * One annotator's spans on one article, flattened to one code per code point, so that
 * agreement can be measured character by character: items are code points of the canonical
 * text and spans are half-open [start, end), as everywhere else in Crosscheck.
 */
export const NONE = 'none';

export type CodedSpan = { start: number; end: number; label: string };

/**
 * The label each code point carries, or 'none' where no span covers it.
 *
 * A code point covered by spans of different labels gets one code, by a rule that does not
 * depend on the order spans come in:
 * 1. the shortest span wins: the narrower span is the more specific decision (a denial
 *    marked inside a longer assertion is the annotator carving out an exception);
 * 2. between equally long spans, the label that comes first in LABELS wins
 *    (assertion, then denial, then evidence: the toolbar's order); labels outside LABELS
 *    come after those, alphabetically.
 * The per-label view (binaryCodes) applies no such rule, so nothing an annotator marked is lost there.
 */
export function characterCodes(length: number, spans: readonly CodedSpan[]): string[] {
  checkSpans(length, spans);
  const codes = new Array<string>(length).fill(NONE);
  // Paint the losers first so that each code point ends up with its winner's label.
  const paintOrder = [...spans].sort((x, y) => precedence(y, x));
  for (const s of paintOrder) codes.fill(s.label, s.start, s.end);
  return codes;
}

/** 'yes' where some span with this label covers the code point, else 'no'. */
export function binaryCodes(length: number, spans: readonly CodedSpan[], label: string): ('yes' | 'no')[] {
  checkSpans(length, spans);
  const codes = new Array<'yes' | 'no'>(length).fill('no');
  for (const s of spans) if (s.label === label) codes.fill('yes', s.start, s.end);
  return codes;
}

/** Negative when span x takes precedence over span y on the code points they share. */
function precedence(x: CodedSpan, y: CodedSpan): number {
  return x.end - x.start - (y.end - y.start) || labelRank(x.label) - labelRank(y.label) || compareStrings(x.label, y.label);
}

function labelRank(label: string): number {
  const i = (LABELS as readonly string[]).indexOf(label);
  return i === -1 ? LABELS.length : i;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// A span past the end means the spans and the length belong to different texts;
// clamping would quietly score the wrong characters.
function checkSpans(length: number, spans: readonly CodedSpan[]) {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`Text length ${length} is not a count of code points`);
  for (const s of spans) {
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end < s.start || s.end > length) {
      throw new RangeError(`Span [${s.start}, ${s.end}) does not fit a text of ${length} code points`);
    }
  }
}

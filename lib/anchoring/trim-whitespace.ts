import type { OffsetIndex } from './code-points';
import type { TextPosition } from './types';

// What String.prototype.trim removes: ASCII whitespace, line ends, NBSP,
// the Unicode space separators and the BOM. All are single UTF-16 units.
const WHITESPACE = /\s/;

/**
 * Drops whitespace at both ends of [start, end). A double-click or a drag
 * often catches the space after a word or the newline after a paragraph; the
 * analyst meant the words, and two analysts tagging the same words should
 * store the same offsets. Returns null when nothing but whitespace is left.
 * `keep` leaves one end alone: re-anchoring a span whose stored quote itself
 * starts or ends with whitespace (the API stores what it is given) must not
 * move that edge.
 */
export function trimWhitespace(
  index: OffsetIndex,
  start: number,
  end: number,
  keep: { start?: boolean; end?: boolean } = {},
): TextPosition | null {
  const text = index.text;
  const u0 = index.toUnit(start);
  const u1 = index.toUnit(end);
  let a = u0;
  let b = u1;
  if (!keep.start) while (a < b && WHITESPACE.test(text[a])) a++;
  if (!keep.end) while (b > a && WHITESPACE.test(text[b - 1])) b--;
  if (a === b) return null;
  // Every unit skipped was a whole code point, so the offsets move by the same amount.
  return { start: start + (a - u0), end: end - (u1 - b) };
}

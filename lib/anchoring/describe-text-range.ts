import { type OffsetIndex, quoteSelector } from './code-points';
import { snapToGraphemes } from './snap-to-graphemes';
import { trimWhitespace } from './trim-whitespace';
import type { TextSelectorSet } from './types';

/**
 * Turns a raw selection [start, end) (code points) into what gets stored:
 * whitespace trimmed from both ends, widened to whole graphemes, plus the
 * quote and 32 code points of context either side. Returns null when the
 * selection holds only whitespace.
 *
 * Trimming runs before widening so a selection that starts inside a cluster
 * keeps the whole cluster, even in the odd case where that cluster begins with
 * a space followed by a combining mark.
 */
export function describeTextRange(index: OffsetIndex, start: number, end: number): TextSelectorSet | null {
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= index.length)) {
    throw new RangeError(`invalid range ${start}..${end} for text of ${index.length} code points`);
  }
  const trimmed = trimWhitespace(index, start, end);
  if (!trimmed) return null;
  const units = snapToGraphemes(index.text, index.toUnit(trimmed.start), index.toUnit(trimmed.end));
  const s = index.toCodePoint(units.start, 'start');
  const e = index.toCodePoint(units.end, 'end');
  return { start: s, end: e, ...quoteSelector(index, s, e) };
}

import type { OffsetIndex } from './code-points';
import { describeTextRange } from './describe-text-range';
import { domRangeToTextRange } from './dom-range-to-text-range';
import type { LineIndex } from './line-index';
import type { TextSelectorSet } from './types';

/** What capture needs from the document mapping (ArticleMapping in lib/editor satisfies it). */
export type SelectionMapping = {
  index: OffsetIndex;
  lines: LineIndex;
  posToTextOffset(pos: number, bias?: 'start' | 'end'): number;
};

/** A ProseMirror selection [from, to) → stored selectors, or null for an empty/whitespace-only selection. */
export function describePmSelection(mapping: SelectionMapping, from: number, to: number): TextSelectorSet | null {
  const a = Math.min(from, to);
  const b = Math.max(from, to);
  return describeTextRange(mapping.index, mapping.posToTextOffset(a, 'start'), mapping.posToTextOffset(b, 'end'));
}

/** A DOM Range inside the reader's text root → stored selectors, or null when there is nothing to tag. */
export function describeDomRange(root: Element, range: Range, mapping: SelectionMapping): TextSelectorSet | null {
  if (range.collapsed) return null;
  const raw = domRangeToTextRange(root, range, mapping.index, mapping.lines);
  if (!raw || raw.start === raw.end) return null;
  return describeTextRange(mapping.index, raw.start, raw.end);
}

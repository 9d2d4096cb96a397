import type { CodedSpan } from './character-codes';

export type AnnotatorSpan = CodedSpan & { id: string };

export type MismatchReason = 'unmatched' | 'label differs' | 'boundaries differ';

/**
 * Why each of one annotator's spans has no exact twin (same start, end and label) among
 * another annotator's spans on the same article. Kappa says how much two people disagree;
 * this list says where, so an adjudicator can open the spans one by one.
 *
 * - 'unmatched': no span of the other overlaps it at all (one of them missed the passage);
 * - 'boundaries differ': the other has an overlapping span with the same label (same call,
 *   different extent). This is preferred to 'label differs' when both apply, because the other
 *   annotator did make the same call there;
 * - 'label differs': the other's overlapping spans all carry other labels.
 *
 * Overlap is of half-open ranges: [1, 3) and [3, 5) share no code point.
 * Quadratic in the spans of one article, which number in the tens.
 */
export function findMismatches(
  spans: readonly AnnotatorSpan[],
  others: readonly AnnotatorSpan[],
): { span: AnnotatorSpan; reason: MismatchReason }[] {
  const found: { span: AnnotatorSpan; reason: MismatchReason }[] = [];
  for (const span of spans) {
    if (others.some((o) => o.start === span.start && o.end === span.end && o.label === span.label)) continue;
    const overlapping = others.filter((o) => o.start < span.end && span.start < o.end);
    const reason: MismatchReason =
      overlapping.length === 0
        ? 'unmatched'
        : overlapping.some((o) => o.label === span.label)
          ? 'boundaries differ'
          : 'label differs';
    found.push({ span, reason });
  }
  return found;
}

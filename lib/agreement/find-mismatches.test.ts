import { describe, expect, it } from 'vitest';
import { findMismatches, type AnnotatorSpan } from './find-mismatches';

const span = (id: string, start: number, end: number, label: string): AnnotatorSpan => ({ id, start, end, label });
const reasons = (mine: AnnotatorSpan[], theirs: AnnotatorSpan[]) => findMismatches(mine, theirs).map(({ span, reason }) => [span.id, reason]);

describe('findMismatches', () => {
  it('lists nothing for a span with an exact twin', () => {
    expect(reasons([span('m', 2, 5, 'denial')], [span('t', 2, 5, 'denial')])).toEqual([]);
  });

  it("calls a span nobody else's overlaps unmatched, half-open ranges touching included", () => {
    expect(reasons([span('m', 1, 3, 'denial')], [span('t', 3, 5, 'denial')])).toEqual([['m', 'unmatched']]);
    expect(reasons([span('m', 1, 3, 'denial')], [])).toEqual([['m', 'unmatched']]);
  });

  it('tells a different label from different boundaries', () => {
    expect(reasons([span('m', 2, 5, 'denial')], [span('t', 2, 5, 'assertion')])).toEqual([['m', 'label differs']]);
    expect(reasons([span('m', 2, 5, 'denial')], [span('t', 3, 9, 'denial')])).toEqual([['m', 'boundaries differ']]);
  });

  it('prefers "boundaries differ" when one overlapping span has the label and another does not', () => {
    expect(reasons([span('m', 2, 8, 'evidence')], [span('t1', 2, 8, 'assertion'), span('t2', 6, 9, 'evidence')])).toEqual([
      ['m', 'boundaries differ'],
    ]);
  });
});

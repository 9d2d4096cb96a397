import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignLanes } from './assign-lanes';

const overlaps = (a: { from: number; to: number }, b: { from: number; to: number }) => a.from < b.to && b.from < a.to;

describe('assignLanes', () => {
  it('puts disjoint and touching spans on lane 0, nested ones deeper', () => {
    expect(assignLanes([{ from: 0, to: 5 }, { from: 5, to: 9 }])).toEqual([0, 0]);
    expect(assignLanes([{ from: 2, to: 4 }, { from: 0, to: 10 }, { from: 3, to: 8 }])).toEqual([1, 0, 2]);
  });

  it('reuses a lane once its span has ended', () => {
    expect(assignLanes([{ from: 0, to: 10 }, { from: 1, to: 3 }, { from: 4, to: 6 }])).toEqual([0, 1, 1]);
  });

  it('never gives overlapping spans the same lane, and uses no more lanes than the deepest overlap', () => {
    const spanArb = fc.tuple(fc.nat(200), fc.integer({ min: 1, max: 40 })).map(([from, len]) => ({ from, to: from + len }));
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 60 }), (spans) => {
        const lanes = assignLanes(spans);
        for (let i = 0; i < spans.length; i++) {
          for (let j = i + 1; j < spans.length; j++) {
            if (overlaps(spans[i], spans[j])) expect(lanes[i]).not.toBe(lanes[j]);
          }
        }
        let depth = 0;
        for (const s of spans) depth = Math.max(depth, spans.filter((t) => t.from <= s.from && s.from < t.to).length);
        expect(Math.max(-1, ...lanes) + 1).toBe(depth);
      }),
    );
  });
});

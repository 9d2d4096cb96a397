import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairKey, pairSpans, type PairableSpan } from './pair-spans';

const span = (id: string, start: number, end: number, label = 'assertion'): PairableSpan => ({ id, start, end, label });
const summary = (pairs: ReturnType<typeof pairSpans>) => pairs.map((p) => `${p.kind} ${p.a?.id ?? '-'} ${p.b?.id ?? '-'}`);

describe('pairSpans', () => {
  it('pairs identical spans as exact and overlapping spans of the same tag as partial', () => {
    const a = [span('a1', 0, 10), span('a2', 20, 30, 'denial')];
    const b = [span('b1', 0, 10), span('b2', 22, 35, 'denial')];
    expect(summary(pairSpans(a, b))).toEqual(['exact a1 b1', 'partial a2 b2']);
  });

  it('pairs overlapping spans with different tags as a conflict, and never spans that only touch', () => {
    const a = [span('a1', 0, 10, 'assertion'), span('a2', 20, 25)];
    const b = [span('b1', 0, 10, 'evidence'), span('b2', 25, 30)];
    expect(summary(pairSpans(a, b))).toEqual(['tag a1 b1', 'only-a a2 -', 'only-b - b2']);
  });

  it('pairs a span with one of its own tag before one that conflicts', () => {
    // b1 has the same words as a1 but another tag; b2 overlaps a1 less, with the same tag.
    const pairs = summary(pairSpans([span('a1', 0, 10, 'denial')], [span('b1', 0, 10, 'evidence'), span('b2', 5, 12, 'denial')]));
    expect(pairs).toEqual(['only-b - b1', 'partial a1 b2']);
  });

  it('prefers an exact twin over a larger overlap, then the larger overlap, and leaves the rest alone', () => {
    // a1 = [0, 20) has an exact twin b2 and a partial b1 = [0, 30).
    expect(summary(pairSpans([span('a1', 0, 20)], [span('b1', 0, 30), span('b2', 0, 20)]))).toEqual(['exact a1 b2', 'only-b - b1']);
    // One long span against two short ones: it pairs with the one it shares most with.
    expect(summary(pairSpans([span('a1', 0, 20)], [span('b1', 0, 4), span('b2', 8, 20)]))).toEqual(['only-b - b1', 'partial a1 b2']);
  });

  it('lists pairs in reading order whatever order the spans come in', () => {
    const a = [span('a2', 30, 40), span('a1', 0, 5)];
    const b = [span('b2', 31, 40), span('b1', 10, 15)];
    expect(summary(pairSpans(a, b))).toEqual(['only-a a1 -', 'only-b - b1', 'partial a2 b2']);
  });

  it('uses every span exactly once, pairs only overlapping spans (a conflict only when the tags differ), and does not depend on input order', () => {
    const spanArb = (prefix: string) =>
      fc.array(
        fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 10 }), fc.constantFrom('assertion', 'denial')).map(([start, len, label]) => ({ start, end: start + len, label })),
        { maxLength: 8 },
      ).map((xs) => xs.map((x, i) => ({ ...x, id: `${prefix}${i}` })));
    fc.assert(
      fc.property(spanArb('a'), spanArb('b'), (a, b) => {
        const pairs = pairSpans(a, b);
        const ids = pairs.flatMap((p) => [p.a?.id, p.b?.id].filter(Boolean));
        expect(ids.sort()).toEqual([...a, ...b].map((s) => s.id).sort());
        for (const p of pairs) {
          if (!p.a || !p.b) continue;
          expect(p.kind === 'tag').toBe(p.a.label !== p.b.label);
          expect(p.a.start < p.b.end && p.b.start < p.a.end).toBe(true);
          expect(p.kind === 'exact').toBe(p.a.label === p.b.label && p.a.start === p.b.start && p.a.end === p.b.end);
        }
        expect(pairSpans([...a].reverse(), [...b].reverse()).map(pairKey)).toEqual(pairs.map(pairKey));
      }),
    );
  });
});

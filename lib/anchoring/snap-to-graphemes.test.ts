import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapToGraphemes } from './snap-to-graphemes';
import { articleTextArb } from './testing/article-text-arbitrary';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const boundaries = (text: string) => new Set([...segmenter.segment(text)].map((s) => s.index).concat(text.length));

describe('snapToGraphemes', () => {
  it('widens to a whole ZWJ family', () => {
    const text = 'x👨‍👩‍👧‍👦y';
    // unit 3 is inside the first person of the family
    expect(snapToGraphemes(text, 3, 6)).toEqual({ start: 1, end: 1 + '👨‍👩‍👧‍👦'.length });
  });

  it('never splits a flag into regional indicators', () => {
    const text = '🇩🇪🇫🇷';
    // units 2..6 would be 🇪🇫: the second half of one flag and the first of the next
    expect(snapToGraphemes(text, 2, 6)).toEqual({ start: 0, end: 8 });
  });

  it('keeps a combining mark with its base letter', () => {
    const text = 'aq\u0307\u0323b';
    expect(snapToGraphemes(text, 1, 2)).toEqual({ start: 1, end: 4 });
    expect(snapToGraphemes(text, 3, 5)).toEqual({ start: 1, end: 5 });
  });

  it('leaves ranges already on boundaries unchanged, and empty ranges alone', () => {
    expect(snapToGraphemes('abc', 1, 2)).toEqual({ start: 1, end: 2 });
    expect(snapToGraphemes('😀', 1, 1)).toEqual({ start: 1, end: 1 });
  });

  it('finds correct boundaries deep in a very long line', () => {
    const text = `${'word '.repeat(2000)}🇩🇪🇫🇷${' tail'.repeat(10)}`;
    const flags = 'word '.repeat(2000).length;
    expect(snapToGraphemes(text, flags + 2, flags + 6)).toEqual({ start: flags, end: flags + 8 });
  });

  it('always returns grapheme boundaries that contain the input', () => {
    fc.assert(
      fc.property(
        articleTextArb().chain((t) =>
          fc.tuple(fc.constant(t), fc.integer({ min: 0, max: t.length }), fc.integer({ min: 0, max: t.length })),
        ),
        ([text, x, y]) => {
          const [a, b] = x <= y ? [x, y] : [y, x];
          const r = snapToGraphemes(text, a, b);
          if (a === b) return;
          const bounds = boundaries(text);
          expect(bounds.has(r.start) && bounds.has(r.end)).toBe(true);
          expect(r.start).toBeLessThanOrEqual(a);
          expect(r.end).toBeGreaterThanOrEqual(b);
        },
      ),
    );
  });
});

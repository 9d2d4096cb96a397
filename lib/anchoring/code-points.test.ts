import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength, OffsetIndex, QUOTE_CONTEXT, quoteSelector } from './code-points';
import { articleTextArb } from './testing/article-text-arbitrary';

describe('codePointLength', () => {
  it('counts a surrogate pair once and a lone surrogate once', () => {
    expect(codePointLength('a😀b')).toBe(3);
    expect(codePointLength('\ud83d')).toBe(1);
    expect(codePointLength('\ude00x')).toBe(2);
    expect(codePointLength('👨‍👩‍👧')).toBe(5);
  });

  it('agrees with the string iterator', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(codePointLength(s)).toBe([...s].length);
      }),
    );
  });
});

describe('OffsetIndex', () => {
  const text = 'a😀b🇫🇷c';
  const index = new OffsetIndex(text);

  it('maps code points to UTF-16 units past each astral character', () => {
    expect(index.length).toBe(6);
    expect(index.unitLength).toBe(9);
    expect([0, 1, 2, 3, 4, 5, 6].map((cp) => index.toUnit(cp))).toEqual([0, 1, 3, 4, 6, 8, 9]);
  });

  it('moves an offset inside a surrogate pair to the start or past the code point', () => {
    // unit 2 is between the halves of 😀 (code point 1)
    expect(index.toCodePoint(2, 'start')).toBe(1);
    expect(index.toCodePoint(2, 'end')).toBe(2);
    expect(index.toCodePoint(2)).toBe(1);
    // unit 5 is inside 🇫 (code point 3); unit 7 inside 🇷 (code point 4)
    expect(index.toCodePoint(5, 'start')).toBe(3);
    expect(index.toCodePoint(5, 'end')).toBe(4);
    expect(index.toCodePoint(7, 'start')).toBe(4);
    expect(index.toCodePoint(7, 'end')).toBe(5);
  });

  it('leaves offsets on code point boundaries alone whatever the bias', () => {
    for (const [unit, cp] of [[0, 0], [1, 1], [3, 2], [4, 3], [6, 4], [8, 5], [9, 6]]) {
      expect(index.toCodePoint(unit, 'start')).toBe(cp);
      expect(index.toCodePoint(unit, 'end')).toBe(cp);
    }
  });

  it('refuses offsets outside the text', () => {
    expect(() => index.toUnit(-1)).toThrow(RangeError);
    expect(() => index.toUnit(7)).toThrow(RangeError);
    expect(() => index.toCodePoint(10)).toThrow(RangeError);
  });

  it('slices by code points', () => {
    expect(index.slice(1, 2)).toBe('😀');
    expect(index.slice(3, 5)).toBe('🇫🇷');
    expect(index.slice(0, 6)).toBe(text);
  });

  it('treats lone surrogates as one code point each', () => {
    const lone = new OffsetIndex('\ud83dx\ude00');
    expect(lone.length).toBe(3);
    expect(lone.toUnit(2)).toBe(2);
  });

  it('round-trips every code point offset through UTF-16', () => {
    fc.assert(
      fc.property(articleTextArb(), (t) => {
        const idx = new OffsetIndex(t);
        expect(idx.length).toBe([...t].length);
        for (let cp = 0; cp <= idx.length; cp++) {
          const unit = idx.toUnit(cp);
          expect(idx.toCodePoint(unit, 'start')).toBe(cp);
          expect(idx.toCodePoint(unit, 'end')).toBe(cp);
          // Same prefix, counted two ways.
          expect([...t.slice(0, unit)].length).toBe(cp);
        }
      }),
    );
  });

  it('brackets every UTF-16 offset between the two biases', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (t) => {
        const idx = new OffsetIndex(t);
        for (let u = 0; u <= t.length; u++) {
          const lo = idx.toUnit(idx.toCodePoint(u, 'start'));
          const hi = idx.toUnit(idx.toCodePoint(u, 'end'));
          expect(lo).toBeLessThanOrEqual(u);
          expect(hi).toBeGreaterThanOrEqual(u);
          // Only an offset between the halves of a pair moves, by one unit each way.
          expect(hi - lo).toBe(lo === u ? 0 : 2);
        }
      }),
    );
  });
});

describe('quoteSelector', () => {
  it('takes up to 32 code points of context either side', () => {
    const text = `${'😀'.repeat(40)}TARGET${'🇫🇷'.repeat(20)}`;
    const index = new OffsetIndex(text);
    const q = quoteSelector(index, 40, 46);
    expect(q.exact).toBe('TARGET');
    expect(q.prefix).toBe('😀'.repeat(QUOTE_CONTEXT));
    expect([...q.suffix].length).toBe(QUOTE_CONTEXT);
    expect(q.suffix).toBe('🇫🇷'.repeat(16));
  });

  it('clips context at the text ends', () => {
    const q = quoteSelector(new OffsetIndex('ab'), 0, 1);
    expect(q).toEqual({ exact: 'a', prefix: '', suffix: 'b' });
  });
});

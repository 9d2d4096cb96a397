import { describe, expect, it } from 'vitest';
import { substringHighlights } from './substring-highlights';

const slice = (text: string, [a, b]: [number, number]) => Array.from(text).slice(a, b).join('');

describe('substringHighlights', () => {
  it('finds every occurrence, ignoring case, in code points', () => {
    const text = '🇦🇱 Tiranë said TIRANË and tiranë.';
    const found = substringHighlights(text, 'tiranë');
    expect(found).toHaveLength(3);
    expect(found.map((h) => slice(text, h))).toEqual(['Tiranë', 'TIRANË', 'tiranë']);
    expect(found[0][0]).toBe(3);
  });

  it('marks nothing when lower casing changes the length', () => {
    expect(substringHighlights('İstanbul', 'stan')).toEqual([]);
    expect(substringHighlights('abc', '')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { OffsetIndex } from './code-points';
import { trimWhitespace } from './trim-whitespace';

describe('trimWhitespace', () => {
  it('drops the trailing space a double-click catches', () => {
    const index = new OffsetIndex('say hello world');
    expect(trimWhitespace(index, 4, 10)).toEqual({ start: 4, end: 9 });
  });

  it('drops newlines, tabs, NBSP and ideographic spaces at both ends', () => {
    const text = 'a\n\t\u00a0\u3000word\u202f\n b';
    const index = new OffsetIndex(text);
    const r = trimWhitespace(index, 1, index.length - 1)!;
    expect(index.slice(r.start, r.end)).toBe('word');
  });

  it('keeps inner whitespace and counts code points after astral characters', () => {
    const index = new OffsetIndex('😀 🇫🇷 a b 😀');
    // code points: 😀=0, ' '=1, 🇫=2, 🇷=3, ' '=4, a=5, ' '=6, b=7, ' '=8, 😀=9
    expect(trimWhitespace(index, 4, 9)).toEqual({ start: 5, end: 8 });
  });

  it('returns null for whitespace only', () => {
    const index = new OffsetIndex('a \n\u00a0 b');
    expect(trimWhitespace(index, 1, 5)).toBeNull();
    expect(trimWhitespace(index, 2, 2)).toBeNull();
  });

  it('does not treat zero-width joiners or bidi marks as whitespace', () => {
    const index = new OffsetIndex('\u200fשלום\u200f');
    expect(trimWhitespace(index, 0, index.length)).toEqual({ start: 0, end: index.length });
  });
});

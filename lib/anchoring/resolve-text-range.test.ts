import { describe, expect, it } from 'vitest';
import { OffsetIndex } from './code-points';
import { resolveTextRange } from './resolve-text-range';

describe('resolveTextRange', () => {
  const index = new OffsetIndex('😀 The minister denied it.\nEvidence: 🇫🇷 report.');

  it('accepts a stored span whose quote still matches', () => {
    expect(resolveTextRange(index, { start: 2, end: 14, exact: 'The minister' })).toEqual({ ok: true, start: 2, end: 14 });
    // code points: 'it.' starts at 22, the newline is 25, 🇫 is 36
    expect(resolveTextRange(index, { start: 22, end: 37, exact: 'it.\nEvidence: 🇫' })).toMatchObject({ ok: true });
  });

  it('refuses when the text at the offsets differs from the quote', () => {
    // UTF-16 offsets stored by mistake would land one unit late after the emoji
    expect(resolveTextRange(index, { start: 3, end: 15, exact: 'The minister' })).toEqual({ ok: false, reason: 'quote-mismatch' });
    expect(resolveTextRange(index, { start: 2, end: 14, exact: 'the minister' })).toEqual({ ok: false, reason: 'quote-mismatch' });
  });

  it('refuses empty, reversed, fractional and out-of-range offsets', () => {
    for (const [start, end] of [[3, 3], [5, 2], [-1, 2], [0, index.length + 1], [0.5, 2]]) {
      expect(resolveTextRange(index, { start, end, exact: '' })).toEqual({ ok: false, reason: 'out-of-range' });
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OffsetIndex, QUOTE_CONTEXT } from './code-points';
import { describeTextRange } from './describe-text-range';
import { normalizeText } from './normalize-text';
import { resolveTextRange } from './resolve-text-range';
import { textWithRangeArb } from './testing/article-text-arbitrary';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

describe('describeTextRange', () => {
  it('trims and quotes, counting code points', () => {
    const index = new OffsetIndex('🇫🇷 Le ministre a nié. ');
    const sel = describeTextRange(index, 2, index.length)!;
    expect(sel).toEqual({ start: 3, end: 21, exact: 'Le ministre a nié.', prefix: '🇫🇷 ', suffix: ' ' });
  });

  it('keeps the newline between two paragraphs of a multi-paragraph selection', () => {
    const index = new OffsetIndex(normalizeText('First para.\r\n\r\nSecond para.\r\n'));
    const sel = describeTextRange(index, 6, index.length)!;
    expect(sel.exact).toBe('para.\n\nSecond para.');
  });

  it('returns null for a whitespace-only selection', () => {
    expect(describeTextRange(new OffsetIndex('a \n\u00a0b'), 1, 4)).toBeNull();
  });

  it('rejects offsets outside the text', () => {
    expect(() => describeTextRange(new OffsetIndex('abc'), 2, 4)).toThrow(RangeError);
    expect(() => describeTextRange(new OffsetIndex('abc'), 2, 1)).toThrow(RangeError);
  });

  it('round-trips: capture → stored offsets → resolve gives the same text', () => {
    fc.assert(
      fc.property(textWithRangeArb(), ({ text, start, end }) => {
        const index = new OffsetIndex(text);
        const selected = index.slice(start, end);
        const sel = describeTextRange(index, start, end);
        if (selected.trim() === '') {
          expect(sel).toBeNull();
          return;
        }
        expect(sel).not.toBeNull();
        const s = sel!;
        // Stored and resolved text agree with each other and with the article.
        const resolved = resolveTextRange(index, s);
        expect(resolved).toEqual({ ok: true, start: s.start, end: s.end });
        expect(index.slice(s.start, s.end)).toBe(s.exact);
        // What was stored is what the analyst selected, minus edge whitespace, plus at most a cluster each side.
        expect(s.exact).toBe(s.exact.trim());
        expect(s.exact).toContain(selected.trim().slice(1, -1));
        // Context is exactly 32 code points (or up to the text end) either side.
        expect(s.prefix).toBe(index.slice(Math.max(0, s.start - QUOTE_CONTEXT), s.start));
        expect(s.suffix).toBe(index.slice(s.end, Math.min(index.length, s.end + QUOTE_CONTEXT)));
        // Never half a grapheme.
        const units = new Set([...segmenter.segment(text)].map((g) => g.index).concat(text.length));
        expect(units.has(index.toUnit(s.start)) && units.has(index.toUnit(s.end))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves a grapheme-aligned, already trimmed selection exactly as selected', () => {
    fc.assert(
      fc.property(textWithRangeArb(), ({ text, start, end }) => {
        const index = new OffsetIndex(text);
        const graphemes = [...segmenter.segment(text)];
        // Snap the random range to grapheme boundaries and trim it ourselves first.
        const unitStart = graphemes.find((g) => g.index >= index.toUnit(start))?.index ?? text.length;
        const unitEnd = Math.max(unitStart, graphemes.findLast((g) => g.index <= index.toUnit(end))?.index ?? 0);
        const chosen = text.slice(unitStart, unitEnd);
        if (chosen !== chosen.trim() || chosen === '') return;
        const a = index.toCodePoint(unitStart);
        const b = index.toCodePoint(unitEnd);
        expect(describeTextRange(index, a, b)).toMatchObject({ start: a, end: b, exact: chosen });
      }),
      { numRuns: 300 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalOffsets } from './canonical-offsets';
import { normalizeText } from './normalize-text';

const cps = (s: string) => Array.from(s);
const slice = (s: string, start: number, end: number) => cps(s).slice(start, end).join('');

describe('canonicalOffsets', () => {
  it('maps offsets past CRLF, decomposed accents and a byte-order mark onto the canonical text', () => {
    const raw = '\uFEFFCafe\u0301 in Tirana\r\nIran 👍🏽 denied it.\rEnd';
    const m = canonicalOffsets(raw)!;
    expect(m.text).toBe(normalizeText(raw));
    const span = (needle: string) => {
      const start = cps(raw.slice(0, raw.indexOf(needle))).length;
      return [m.map(start, 'start'), m.map(start + cps(needle).length, 'end')] as const;
    };
    expect(slice(m.text, ...span('Iran 👍🏽 denied'))).toBe('Iran 👍🏽 denied');
    expect(slice(m.text, ...span('Cafe\u0301 in'))).toBe('Café in');
    expect(slice(m.text, ...span('Tirana\r\nIran'))).toBe('Tirana\nIran');
    expect(slice(m.text, ...span('End'))).toBe('End');
    // Inside a character: out to its edges, never half of it.
    const e = cps(raw).indexOf('e');
    expect([m.map(e + 1, 'start'), m.map(e + 1, 'end')]).toEqual([e - 1, e]);
    expect(slice(m.text, m.map(e + 1, 'start'), m.map(e + 2, 'end'))).toBe('é');
  });

  it('refuses to guess where canonical text is not the characters canonicalised one by one', () => {
    expect(canonicalOffsets('a\uFEFFb')).toBeNull();
  });

  it('a slice between character boundaries is the canonical form of the same slice of the input', () => {
    const unit = fc.constantFrom('a', 'e', '\u0301', '\u0308', '\r', '\n', '\r\n', '👍', '🏽', '🇦', '🇱', '한', '\u1100', '\u1161', ' ');
    fc.assert(
      fc.property(fc.boolean(), fc.array(unit, { maxLength: 30 }), fc.nat(), fc.nat(), (bom, units, x, y) => {
        const raw = (bom ? '\uFEFF' : '') + units.join('');
        const m = canonicalOffsets(raw);
        expect(m).not.toBeNull();
        expect(m!.text).toBe(normalizeText(raw));
        // Boundaries of the input's characters, in code points.
        const bounds = [0];
        for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(raw)) bounds.push(bounds[bounds.length - 1] + cps(segment).length);
        const [i, j] = [bounds[x % bounds.length], bounds[y % bounds.length]].sort((p, q) => p - q);
        expect(slice(m!.text, m!.map(i, 'start'), m!.map(j, 'end'))).toBe(normalizeText(slice(raw, i, j)));
      }),
      { numRuns: 500 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LABELS } from '@/lib/annotations/dto';
import { codePointLength } from '@/lib/anchoring/code-points';
import { articleTextArb } from '@/lib/anchoring/testing/article-text-arbitrary';
import { binaryCodes, characterCodes, NONE, type CodedSpan } from './character-codes';

const span = (start: number, end: number, label: string): CodedSpan => ({ start, end, label });

/** A text length with spans that fit it. */
const spansArb = (length: number) =>
  fc.array(
    fc
      .tuple(fc.integer({ min: 0, max: length }), fc.integer({ min: 0, max: length }), fc.constantFrom(...LABELS))
      .map(([x, y, label]) => span(Math.min(x, y), Math.max(x, y), label)),
    { maxLength: 8 },
  );
const textWithSpansArb = articleTextArb(30).chain((text) => spansArb(codePointLength(text)).map((spans) => ({ text, spans })));

describe('characterCodes', () => {
  it("gives each code point its span's label and 'none' elsewhere", () => {
    expect(characterCodes(6, [span(1, 3, 'assertion'), span(4, 5, 'evidence')])).toEqual(['none', 'assertion', 'assertion', 'none', 'evidence', 'none']);
  });

  it('lets the shortest span win where labels overlap', () => {
    // An assertion over 0-8 with a denial nested at 2-4 and evidence over 6-10.
    const codes = characterCodes(10, [span(0, 8, 'assertion'), span(2, 4, 'denial'), span(6, 10, 'evidence')]);
    expect(codes.join(' ')).toBe('assertion assertion denial denial assertion assertion evidence evidence evidence evidence');
  });

  it('breaks a tie in length by label order: assertion, denial, evidence, then others alphabetically', () => {
    expect(characterCodes(4, [span(1, 4, 'denial'), span(0, 3, 'assertion')])).toEqual(['assertion', 'assertion', 'assertion', 'denial']);
    expect(characterCodes(2, [span(0, 2, 'evidence'), span(0, 2, 'denial')])).toEqual(['denial', 'denial']);
    expect(characterCodes(2, [span(0, 2, 'zeta'), span(0, 2, 'evidence'), span(0, 2, 'alpha')])).toEqual(['evidence', 'evidence']);
    expect(characterCodes(2, [span(0, 2, 'zeta'), span(0, 2, 'alpha')])).toEqual(['alpha', 'alpha']);
  });

  it('ignores empty spans and accepts an empty text', () => {
    expect(characterCodes(3, [span(1, 1, 'denial')])).toEqual([NONE, NONE, NONE]);
    expect(characterCodes(0, [])).toEqual([]);
  });

  it('refuses spans that do not fit the text', () => {
    expect(() => characterCodes(3, [span(2, 4, 'denial')])).toThrow(RangeError);
    expect(() => characterCodes(3, [span(-1, 2, 'denial')])).toThrow(RangeError);
    expect(() => characterCodes(3, [span(2, 1, 'denial')])).toThrow(RangeError);
    expect(() => characterCodes(3, [span(0.5, 1, 'denial')])).toThrow(RangeError);
    expect(() => binaryCodes(3, [span(0, 9, 'denial')], 'denial')).toThrow(RangeError);
  });

  it('has one code per code point of the text, astral characters and all', () => {
    fc.assert(
      fc.property(textWithSpansArb, ({ text, spans }) => {
        const length = codePointLength(text);
        expect(characterCodes(length, spans)).toHaveLength(length);
        for (const label of LABELS) expect(binaryCodes(length, spans, label)).toHaveLength(length);
      }),
    );
  });

  it('does not depend on the order the spans come in', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }).chain((length) => fc.tuple(fc.constant(length), spansArb(length))),
        ([length, spans]) => {
          expect(characterCodes(length, [...spans].reverse())).toEqual(characterCodes(length, spans));
        },
      ),
    );
  });

  it('marks a code point with a label exactly where the binary view of that label says yes, or none', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }).chain((length) => fc.tuple(fc.constant(length), spansArb(length))),
        ([length, spans]) => {
          const codes = characterCodes(length, spans);
          const yes = Object.fromEntries(LABELS.map((l) => [l, binaryCodes(length, spans, l)]));
          codes.forEach((code, i) => {
            const covering = LABELS.filter((l) => yes[l]![i] === 'yes');
            if (code === NONE) expect(covering).toEqual([]);
            else expect(covering).toContain(code);
          });
        },
      ),
    );
  });
});

describe('binaryCodes', () => {
  it('says yes wherever the label covers, even where a shorter span of another label wins the overall code', () => {
    const spans = [span(0, 4, 'evidence'), span(1, 2, 'denial')];
    expect(characterCodes(5, spans)).toEqual(['evidence', 'denial', 'evidence', 'evidence', 'none']);
    expect(binaryCodes(5, spans, 'evidence')).toEqual(['yes', 'yes', 'yes', 'yes', 'no']);
    expect(binaryCodes(5, spans, 'denial')).toEqual(['no', 'yes', 'no', 'no', 'no']);
    expect(binaryCodes(5, spans, 'assertion')).toEqual(['no', 'no', 'no', 'no', 'no']);
  });
});

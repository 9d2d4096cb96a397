import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OffsetIndex } from './code-points';
import { describeTextRange } from './describe-text-range';
import { matchQuote, MIN_ANCHOR_SCORE } from './match-quote';
import { normalizeText } from './normalize-text';
import { snapToGraphemes } from './snap-to-graphemes';
import { articleTextArb, TRICKY_PIECES } from './testing/article-text-arbitrary';

/** The selectors an analyst would have stored for `quote` (its `nth` occurrence) in `text`. */
function capture(text: string, quote: string, nth = 0) {
  let unit = -1;
  for (let i = 0; i <= nth; i++) unit = text.indexOf(quote, unit + 1);
  if (unit === -1) throw new Error(`"${quote}" not in text`);
  const index = new OffsetIndex(text);
  const start = index.toCodePoint(unit);
  return describeTextRange(index, start, start + [...quote].length)!;
}

const cpSlice = (text: string, m: { start: number; end: number }) => new OffsetIndex(text).slice(m.start, m.end);

const OLD = 'Albania cut diplomatic ties with Iran on Wednesday. Tehran denied any involvement in the attack. Officials in Tirana said the evidence was clear.';

describe('matchQuote', () => {
  it('keeps a span whose quote and context are still at its offsets (score 1)', () => {
    const sel = capture(OLD, 'Tehran denied any involvement');
    const edited = `${OLD} A later paragraph was added.`;
    expect(matchQuote(edited, sel)).toEqual({ start: sel.start, end: sel.end, score: 1 });
  });

  it('follows the quote when text is inserted before it, with full confidence', () => {
    const sel = capture(OLD, 'Tehran denied any involvement');
    const edited = `UPDATE: 🇦🇱 this story was corrected. ${OLD}`;
    const m = matchQuote(edited, sel)!;
    expect(cpSlice(edited, m)).toBe('Tehran denied any involvement');
    expect(m.start).toBe(sel.start + [...'UPDATE: 🇦🇱 this story was corrected. '].length);
    expect(m.score).toBe(1);
  });

  it('keeps whitespace at the edges of a stored quote (a span made over the API) when the text moves', () => {
    // The API stores [start, end) as given, a leading space included; re-anchoring must move it, not shrink it.
    const index = new OffsetIndex(OLD);
    const at = index.toCodePoint(OLD.indexOf(' Tehran denied'));
    const sel = { start: at, end: at + ' Tehran denied'.length, exact: ' Tehran denied', prefix: OLD.slice(at - 20, at), suffix: OLD.slice(at + 14, at + 34) };
    const edited = `UPDATE: this story was corrected. ${OLD}`;
    const m = matchQuote(edited, sel)!;
    expect(cpSlice(edited, m)).toBe(' Tehran denied');
    expect(m).toEqual({ start: at + 'UPDATE: this story was corrected. '.length, end: sel.end + 'UPDATE: this story was corrected. '.length, score: 1 });
  });

  it('places a quote with a word changed inside it fuzzily, with a score under 1', () => {
    const sel = capture(OLD, 'Tehran denied any involvement in the attack.');
    const edited = OLD.replace('denied any', 'rejected any');
    const m = matchQuote(edited, sel)!;
    expect(cpSlice(edited, m)).toBe('Tehran rejected any involvement in the attack.');
    expect(m.score).toBeGreaterThanOrEqual(MIN_ANCHOR_SCORE);
    expect(m.score).toBeLessThan(1);
  });

  it('orphans a span whose sentence was deleted (null)', () => {
    const sel = capture(OLD, 'Tehran denied any involvement in the attack.');
    expect(matchQuote(OLD.replace('Tehran denied any involvement in the attack. ', ''), sel)).toBeNull();
  });

  it('does not move a short quote to another copy of it when its own sentence is gone', () => {
    const text = 'Iran said nothing. Analysts doubt Iran was behind it. Markets were calm.';
    const sel = capture(text, 'Iran', 1);
    expect(matchQuote(text.replace('Analysts doubt Iran was behind it. ', ''), sel)).toBeNull();
  });

  it('picks, among repeated phrases, the one whose context matches', () => {
    const text = 'The ministry said: "no comment". Later the embassy said: "no comment" again.';
    const sel = capture(text, 'no comment', 1);
    // Text inserted before both copies; the second copy has the "embassy" context.
    const edited = `Background first. ${text}`;
    const m = matchQuote(edited, sel)!;
    expect(cpSlice(edited, m)).toBe('no comment');
    expect(m.start).toBe(sel.start + 'Background first. '.length);
    // Even when the old offsets now hold the other copy.
    const shifted = text.replace('The ministry said: "no comment".', 'Filler.').replace('Later', 'Later on, the ministry said: "no comment", and then');
    const m2 = matchQuote(shifted, sel)!;
    expect(new OffsetIndex(shifted).slice(m2.start - 15, m2.end)).toBe('embassy said: "no comment');
  });

  it('counts code points around emoji and never splits a surrogate pair or a combining sequence', () => {
    const text = 'Intro 😀😀 text, then an opening sentence long enough. The flag 🇫🇷 and q\u0307\u0323 mark were shown 👍🏽 here.';
    const sel = capture(text, 'The flag 🇫🇷 and q\u0307\u0323 mark were shown 👍🏽');
    const edited = text.replace('Intro 😀😀', 'Intro 😀😀😀👨‍👩‍👧‍👦').replace('mark were', 'mark was');
    const m = matchQuote(edited, sel)!;
    expect(cpSlice(edited, m)).toBe('The flag 🇫🇷 and q\u0307\u0323 mark was shown 👍🏽');
    expect(m.score).toBeLessThan(1);
    // A changed emoji inside the quote: the match still holds whole code points and graphemes.
    const swapped = text.replace('👍🏽', '👍🏿');
    const m2 = matchQuote(swapped, sel)!;
    expect(cpSlice(swapped, m2)).toBe('The flag 🇫🇷 and q\u0307\u0323 mark were shown 👍🏿');
  });

  it('returns null for an empty quote', () => {
    expect(matchQuote('abc', { start: 0, end: 0, exact: '', prefix: '', suffix: 'abc' })).toBeNull();
  });
});

/** Random article + a captured span + an edit at least CONTEXT+1 code points away from it. */
const FAR = 33;
const longTextArb = fc.array(fc.constantFrom(...TRICKY_PIECES), { minLength: 40, maxLength: 120 }).map((parts) => normalizeText(parts.join('')));
const farEditArb = longTextArb.chain((text) => {
  const len = [...text].length;
  return fc.record({
    text: fc.constant(text),
    a: fc.integer({ min: 0, max: len }),
    b: fc.integer({ min: 1, max: 40 }),
    where: fc.double({ min: 0, max: 1, noNaN: true }),
    deleted: fc.integer({ min: 0, max: 20 }),
    inserted: fc.array(fc.constantFrom(...TRICKY_PIECES), { maxLength: 8 }).map((p) => p.join('')),
  });
});

/** The new text and where the span should now be, or null if no far edit fits. */
function applyFarEdit(c: { text: string; a: number; b: number; where: number; deleted: number; inserted: string }) {
  const cps = [...c.text];
  const sel = describeTextRange(new OffsetIndex(c.text), c.a, Math.min(cps.length, c.a + c.b));
  if (!sel) return null;
  const before = sel.start - FAR; // edit may end at this offset
  const after = sel.end + FAR; // edit may start at this offset
  const inserted = [...c.inserted.normalize('NFC')];
  if (before >= 0 && (c.where < 0.5 || after > cps.length)) {
    const at = Math.floor((c.where * 2 % 1) * (before + 1));
    const del = Math.min(c.deleted, before - at);
    const next = [...cps.slice(0, at), ...inserted, ...cps.slice(at + del)].join('');
    return { sel, next, expected: { start: sel.start + inserted.length - del, end: sel.end + inserted.length - del } };
  }
  if (after <= cps.length) {
    const at = after + Math.floor(c.where * (cps.length - after + 1));
    const del = Math.min(c.deleted, cps.length - at);
    const next = [...cps.slice(0, at), ...inserted, ...cps.slice(at + del)].join('');
    return { sel, next, expected: { start: sel.start, end: sel.end } };
  }
  return null;
}

describe('matchQuote properties', () => {
  it('an edit far from the span keeps it on the same words, shifted by what was inserted before it', () => {
    fc.assert(
      fc.property(farEditArb, (c) => {
        const edit = applyFarEdit(c);
        fc.pre(edit !== null);
        const { sel, next, expected } = edit!;
        // A span whose quote and context repeat verbatim elsewhere is ambiguous by nature.
        const signature = sel.prefix + sel.exact + sel.suffix;
        fc.pre(next.indexOf(signature) === next.lastIndexOf(signature));
        expect(matchQuote(next, sel)).toEqual({ ...expected, score: 1 });
      }),
      { numRuns: 300 },
    );
  });

  it('inserting text at the start shifts every span by its length', () => {
    fc.assert(
      fc.property(articleTextArb(60), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), (text, x, y, lead) => {
        const index = new OffsetIndex(text);
        const sel = describeTextRange(index, Math.min(x, y, index.length), Math.min(Math.max(x, y), index.length));
        fc.pre(sel !== null);
        const next = `${lead}\n${text}`;
        const signature = sel!.prefix + sel!.exact + sel!.suffix;
        fc.pre(next.indexOf(signature) === next.lastIndexOf(signature));
        const shift = [...lead].length + 1;
        const m = matchQuote(next, sel!);
        expect(m && { start: m.start, end: m.end }).toEqual({ start: sel!.start + shift, end: sel!.end + shift });
      }),
      { numRuns: 200 },
    );
  });

  it('whatever it returns lies inside the text, on grapheme boundaries, with a score in [threshold, 1]', () => {
    fc.assert(
      fc.property(farEditArb, articleTextArb(40), (c, other) => {
        const index0 = new OffsetIndex(c.text);
        const sel = describeTextRange(index0, c.a, Math.min(index0.length, c.a + c.b));
        fc.pre(sel !== null);
        // Any new text at all: a rewrite, a splice of the old one, or the old one.
        for (const next of [other, other + c.text.slice(c.text.length >> 1), c.text]) {
          const index = new OffsetIndex(next);
          const m = matchQuote(index, sel!);
          if (!m) continue;
          expect(0 <= m.start && m.start < m.end && m.end <= index.length).toBe(true);
          const u = { start: index.toUnit(m.start), end: index.toUnit(m.end) };
          expect(snapToGraphemes(next, u.start, u.end)).toEqual(u);
          expect(m.score).toBeGreaterThanOrEqual(MIN_ANCHOR_SCORE);
          expect(m.score).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('deleting a quote whose words occur nowhere else orphans it', () => {
    const words = ['the', 'minister', 'said', 'that', 'talks', 'would', 'resume', 'in', 'spring', 'after', 'a', 'long', 'pause'];
    const unique = ['ZORBLAX', 'QUINTEL', 'VORPID', 'HALCYX', 'MERDOQ'];
    const sentence = (ws: string[]) => `${ws.join(' ')}.`;
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...words), { minLength: 3, maxLength: 12 }), { minLength: 2, maxLength: 8 }),
        fc.array(fc.constantFrom(...unique), { minLength: 2, maxLength: 6 }),
        fc.nat(),
        (sentences, quoteWords, at) => {
          const before = sentences.map(sentence);
          const quote = sentence(quoteWords);
          const i = at % (before.length + 1);
          const text = [...before.slice(0, i), quote, ...before.slice(i)].join(' ');
          const sel = capture(text, quote);
          expect(matchQuote(before.join(' '), sel)).toBeNull();
        },
      ),
      { numRuns: 200 },
    );
  });
});

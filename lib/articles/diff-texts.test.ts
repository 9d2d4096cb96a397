import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleTextArb } from '@/lib/anchoring/testing/article-text-arbitrary';
import { diffTexts, type TextDiff } from './diff-texts';

const side = (diff: TextDiff, op: -1 | 1) => diff.filter(([o]) => o === 0 || o === op).map(([, t]) => t).join('');
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
/** Whether every place the diff changes from one entry to the next, on one side, is between two graphemes of that side. */
const cutsNoGrapheme = (diff: TextDiff, op: -1 | 1) => {
  const text = side(diff, op);
  const bounds = new Set([...graphemes.segment(text)].map((g) => g.index));
  let at = 0;
  for (const [o, t] of diff) {
    if (o !== 0 && o !== op) continue;
    if (at < text.length && !bounds.has(at)) return false;
    at += t.length;
  }
  return true;
};
const hasLoneSurrogate = (s: string) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe('diffTexts', () => {
  it('marks a changed word as one whole-word deletion and insertion, as plain arrays', () => {
    const diff = diffTexts('Tehran denied any involvement. Markets were calm.', 'Tehran rejected any involvement. Markets were calm.');
    expect(JSON.parse(JSON.stringify(diff))).toEqual(diff);
    // diff_cleanupSemantic keeps the shared ending "ed" as unchanged text.
    expect(diff).toEqual([[0, 'Tehran '], [-1, 'denied'], [1, 'rejected'], [0, ' any involvement. Markets were calm.']]);
  });

  it('groups scattered letter changes into whole phrases', () => {
    const diff = diffTexts('The minister said the talks would resume.', 'A spokesman claimed negotiations might restart.');
    expect(diff.filter(([op]) => op !== 0).length).toBeLessThanOrEqual(4);
  });

  it('shows a reworded sentence word by word, not letter by letter', () => {
    const diff = diffTexts('The prime minister blamed Tehran for the attack.', 'The Prime Minister accused Tehran of the attack.');
    // A letter diff would give "blam" → "accus" with "ed" kept.
    expect(diff.some(([, t]) => t === 'blam' || t === 'accus')).toBe(false);
    expect(side(diff, -1)).toBe('The prime minister blamed Tehran for the attack.');
    expect(side(diff, 1)).toBe('The Prime Minister accused Tehran of the attack.');
    expect(diff.some(([op, t]) => op === -1 && t.includes('blamed'))).toBe(true);
    expect(diff.some(([op, t]) => op === 1 && t.includes('accused'))).toBe(true);
  });

  it('never cuts an emoji in two', () => {
    const diff = diffTexts('Flag 🇫🇷 and 😀 here', 'Flag 🇩🇪 and 😁 here');
    for (const [, text] of diff) expect(hasLoneSurrogate(text)).toBe(false);
    expect(side(diff, -1)).toBe('Flag 🇫🇷 and 😀 here');
    expect(side(diff, 1)).toBe('Flag 🇩🇪 and 😁 here');
  });

  it('replaces a whole flag, never one of its two regional indicators', () => {
    // Both flags begin with 🇦: a code-point diff kept it and swapped 🇱 for 🇺, shown as "🇦🇱🇺".
    expect(diffTexts('Albania 🇦🇱 replied', 'Albania 🇦🇺 replied')).toEqual([[0, 'Albania '], [-1, '🇦🇱'], [1, '🇦🇺'], [0, ' replied']]);
  });

  it('replaces a whole ZWJ sequence, skin-toned emoji or accented letter', () => {
    expect(diffTexts('Analyst 👩‍💻 here', 'Analyst 👩‍🔬 here')).toEqual([[0, 'Analyst '], [-1, '👩‍💻'], [1, '👩‍🔬'], [0, ' here']]);
    expect(diffTexts('Thumbs 👍🏽 up', 'Thumbs 👍🏿 up')).toEqual([[0, 'Thumbs '], [-1, '👍🏽'], [1, '👍🏿'], [0, ' up']]);
    expect(diffTexts('👍 up', '👍🏽 up')).toEqual([[-1, '👍'], [1, '👍🏽'], [0, ' up']]);
    expect(diffTexts('A cafe\u0301 opened', 'A cafe opened')).toEqual([[0, 'A '], [-1, 'cafe\u0301'], [1, 'cafe'], [0, ' opened']]);
    // An accent on no letter (after a space or a symbol) stays with what it follows.
    const marks = diffTexts('x \u0301 — e\u0301!', 'x \u0300 —\u0301 e\u0301?');
    expect(cutsNoGrapheme(marks, -1) && cutsNoGrapheme(marks, 1)).toBe(true);
  });

  it('rebuilds both texts exactly, never changing inside a grapheme', () => {
    fc.assert(
      fc.property(articleTextArb(40), articleTextArb(40), (a, b) => {
        const diff = diffTexts(a, b);
        expect(side(diff, -1)).toBe(a);
        expect(side(diff, 1)).toBe(b);
        for (const [, text] of diff) expect(hasLoneSurrogate(text)).toBe(false);
        expect(cutsNoGrapheme(diff, -1)).toBe(true);
        expect(cutsNoGrapheme(diff, 1)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

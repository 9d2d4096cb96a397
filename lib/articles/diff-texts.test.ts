import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleTextArb } from '@/lib/anchoring/testing/article-text-arbitrary';
import { diffTexts, type TextDiff } from './diff-texts';

const side = (diff: TextDiff, op: -1 | 1) => diff.filter(([o]) => o === 0 || o === op).map(([, t]) => t).join('');
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

  it('rebuilds both texts exactly, with whole code points in every piece', () => {
    fc.assert(
      fc.property(articleTextArb(40), articleTextArb(40), (a, b) => {
        const diff = diffTexts(a, b);
        expect(side(diff, -1)).toBe(a);
        expect(side(diff, 1)).toBe(b);
        for (const [, text] of diff) expect(hasLoneSurrogate(text)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { highlightsFor, MARK_END as E, MARK_START as S, parseMarkedText } from './marked-text';

const slice = (text: string, [a, b]: [number, number]) => Array.from(text).slice(a, b).join('');

describe('parseMarkedText', () => {
  it('returns the unmarked text and code-point ranges of the marked words', () => {
    const marked = `Rama 🇦🇱 said ${S}Iran${E}’s 👩‍💻 ${S}hackers${E} did it`;
    const { text, highlights } = parseMarkedText(marked);
    expect(text).toBe('Rama 🇦🇱 said Iran’s 👩‍💻 hackers did it');
    expect(highlights.map((h) => slice(text, h))).toEqual(['Iran', 'hackers']);
    expect(highlights[0]).toEqual([Array.from('Rama 🇦🇱 said ').length, Array.from('Rama 🇦🇱 said Iran').length]);
  });

  it('joins ranges that touch and ignores empty or unbalanced markers', () => {
    const { text, highlights } = parseMarkedText(`${S}cyber${E}${S}attack${E} ${S}${E}x ${E}y ${S}z`);
    expect(text).toBe('cyberattack x y z');
    expect(highlights).toEqual([[0, 11]]);
  });
});

describe('highlightsFor', () => {
  it('gives no highlights when the marked copy is not the same text', () => {
    expect(highlightsFor('a b', `${S}a${E} b`)).toEqual([[0, 1]]);
    expect(highlightsFor('a b', `${S}a${E} c`)).toEqual([]);
    expect(highlightsFor('a b', null)).toEqual([]);
  });
});

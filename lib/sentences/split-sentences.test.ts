import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeText } from '@/lib/anchoring/normalize-text';
import { splitSentences } from './split-sentences';

const texts = (text: string) => splitSentences(text).map((s) => s.text);

/** Every sentence's offsets slice back to its text, in code points. */
function expectOffsetsSliceBack(text: string) {
  const cps = Array.from(text);
  for (const s of splitSentences(text)) {
    expect(cps.slice(s.start, s.end).join('')).toBe(s.text);
  }
}

describe('splitSentences', () => {
  it('splits plain English prose into trimmed sentences', () => {
    expect(texts('Albania cut ties with Iran. Tehran denied it!  Was it a cyberattack? Yes.')).toEqual([
      'Albania cut ties with Iran.',
      'Tehran denied it!',
      'Was it a cyberattack?',
      'Yes.',
    ]);
  });

  it('keeps titles and initials with the name that follows', () => {
    expect(texts('Mr. Smith met Dr. Jones in St. Louis. John F. Kennedy was not there. U.S. officials said 3.5 percent.')).toEqual([
      'Mr. Smith met Dr. Jones in St. Louis.',
      'John F. Kennedy was not there.',
      'U.S. officials said 3.5 percent.',
    ]);
  });

  it('never lets a sentence cross a line end, and skips blank lines', () => {
    const text = 'Headline without a stop\n\nFirst paragraph goes on\nacross a line. Second one.\n\n\n  \nLast';
    expect(texts(text)).toEqual(['Headline without a stop', 'First paragraph goes on', 'across a line.', 'Second one.', 'Last']);
    expectOffsetsSliceBack(text);
  });

  it('counts offsets in code points across emoji, flags and ZWJ sequences', () => {
    const text = 'Rama 🇦🇱 spoke. Hackers 👩‍💻 struck at 𝒳 o’clock. Done.';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual(['Rama 🇦🇱 spoke.', 'Hackers 👩‍💻 struck at 𝒳 o’clock.', 'Done.']);
    const cps = Array.from(text);
    expect(sentences[1].start).toBe(cps.indexOf('H'));
    expect(sentences[2].end).toBe(cps.length);
    expectOffsetsSliceBack(text);
  });

  it('splits CJK text on ideographic stops', () => {
    expect(texts('阿尔巴尼亚与伊朗断交。伊朗否认了！真的吗？')).toEqual(['阿尔巴尼亚与伊朗断交。', '伊朗否认了！', '真的吗？']);
  });

  it('handles text made canonical from CRLF, and a bare CR as a line end', () => {
    const text = normalizeText('One line.\r\nTwo lines. Three\r\n\r\nFour.');
    expect(texts(text)).toEqual(['One line.', 'Two lines.', 'Three', 'Four.']);
    expect(texts('A.\rB.')).toEqual(['A.', 'B.']);
    expectOffsetsSliceBack(text);
  });

  it('returns nothing for empty or whitespace-only text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\t\n ')).toEqual([]);
  });

  it('for any text, sentences are ordered, disjoint, trimmed, non-empty and slice back exactly', () => {
    const piece = fc.constantFrom('Iran', ' ', '. ', '? ', '\n', '\n\n', 'Mr. ', '🇦🇱', '👩‍💻', 'é', '中文。', 'x', '"', '  ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const cps = Array.from(text);
        let previousEnd = 0;
        for (const s of splitSentences(text)) {
          expect(s.start).toBeGreaterThanOrEqual(previousEnd);
          expect(s.end).toBeGreaterThan(s.start);
          expect(cps.slice(s.start, s.end).join('')).toBe(s.text);
          expect(s.text).toBe(s.text.trim());
          expect(s.text.includes('\n')).toBe(false);
          previousEnd = s.end;
        }
      }),
    );
  });
});

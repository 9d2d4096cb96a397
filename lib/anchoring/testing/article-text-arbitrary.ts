import fc from 'fast-check';
import { normalizeText } from '../normalize-text';

/**
 * Pieces that break naive offset code: astral characters (surrogate pairs),
 * multi-code-point graphemes, right-to-left scripts, exotic spaces and every
 * line-end style. Articles are built from them and normalised the way import does.
 */
export const TRICKY_PIECES = [
  'The', 'minister', 'said', 'denied', '"no"', '(2024)', '—', '…', ',', '.',
  ' ', '  ', '\t', '\u00a0', '\u202f', '\u3000',
  '\n', '\n\n', '\r\n', '\r\n\r\n', '\r',
  '😀', '👍🏽', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇫🇷', '🇩🇪🇫🇷', '𝒳', '𠀋',
  'e\u0301', 'q\u0307\u0323', 'Å', 'ñ', 'ﬁ',
  '漢字', 'テスト', '中文句子。',
  'مرحبا بالعالم', 'שלום עולם', '\u200f', '\u200e',
] as const;

export const articleTextArb = (maxPieces = 60) =>
  fc.array(fc.constantFrom(...TRICKY_PIECES), { maxLength: maxPieces }).map((parts) => normalizeText(parts.join('')));

/** An article plus a random [a, b) code-point range in it. */
export const textWithRangeArb = (maxPieces = 60) =>
  articleTextArb(maxPieces).chain((text) => {
    const len = [...text].length;
    return fc
      .tuple(fc.integer({ min: 0, max: len }), fc.integer({ min: 0, max: len }))
      .map(([x, y]) => ({ text, start: Math.min(x, y), end: Math.max(x, y) }));
  });

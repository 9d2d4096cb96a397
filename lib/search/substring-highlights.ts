import { OffsetIndex } from '@/lib/anchoring/code-points';
import type { Highlight } from './marked-text';

/**
 * Code-point ranges where `needle` occurs in `text`, ignoring case. Lower
 * casing can change a string's length (İ becomes i + a combining dot); when
 * it does, UTF-16 positions no longer line up and we mark nothing rather than
 * the wrong letters.
 */
export function substringHighlights(text: string, needle: string): Highlight[] {
  const hay = text.toLowerCase();
  const pin = needle.toLowerCase();
  if (pin === '' || hay.length !== text.length) return [];
  const index = new OffsetIndex(text);
  const out: Highlight[] = [];
  for (let at = hay.indexOf(pin); at !== -1; at = hay.indexOf(pin, at + pin.length)) {
    out.push([index.toCodePoint(at), index.toCodePoint(at + pin.length, 'end')]);
  }
  return out;
}

import { OffsetIndex } from '@/lib/anchoring/code-points';

/** One sentence of an article: half-open code-point offsets over the article text, and that text. */
export type SentenceRange = { start: number; end: number; text: string };

/**
 * Words that end in a full stop but rarely end a sentence, because a name
 * follows. ICU's sentence rules (what Intl.Segmenter uses) break after "Mr. "; V8
 * does not support ICU's abbreviation suppressions (`-u-ss-standard`), so we
 * re-join these few by hand. Lower case, with the stop.
 */
const TITLES = new Set([
  'mr.', 'mrs.', 'ms.', 'mx.', 'dr.', 'prof.', 'sr.', 'jr.', 'st.', 'mt.', 'ft.',
  'gen.', 'col.', 'lt.', 'maj.', 'capt.', 'cpt.', 'sgt.', 'cmdr.', 'adm.', 'gov.', 'sen.', 'rep.', 'pres.',
  'rev.', 'hon.', 'amb.', 'messrs.', 'mme.', 'mlle.', 'vs.', 'v.', 'fig.', 'approx.', 'ca.',
]);

/** "John F. Kennedy": one capital letter and a stop is an initial, not the end of a sentence. */
function isInitial(word: string): boolean {
  return word.length === 2 && word[1] === '.' && word[0] !== word[0].toLowerCase();
}

const joinsNext = (word: string) => TITLES.has(word.toLowerCase()) || isInitial(word);

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** What String.prototype.trim removes: JavaScript's WhiteSpace and LineTerminator, which `\s` is. */
const SPACE = /\s/;
const isSpace = (c: string) => SPACE.test(c);

/** The last whitespace-separated word of text[from, to) (which has no trailing whitespace). */
function lastWord(text: string, from: number, to: number): string {
  let i = to;
  while (i > from && !isSpace(text[i - 1])) i--;
  return text.slice(i, to);
}

const LINE_END = /[\n\r]/g;

/**
 * Splits canonical article text (lib/anchoring/normalize-text.ts) into
 * sentences with Intl.Segmenter. A sentence never crosses a line end, so a
 * heading or a paragraph without a final stop stays on its own. Each sentence
 * is trimmed of surrounding whitespace; empty ones are dropped. Offsets are
 * code points, so `Array.from(text).slice(start, end).join('') === sentence.text`.
 */
export function splitSentences(text: string): SentenceRange[] {
  const index = new OffsetIndex(text);
  const out: SentenceRange[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    LINE_END.lastIndex = lineStart;
    const lineEnd = LINE_END.exec(text)?.index ?? text.length;
    splitLine(text, lineStart, lineEnd, index, out);
    lineStart = lineEnd + 1;
  }
  return out;
}

/** The sentence text[start, end) (UTF-16 units), with code-point offsets. */
function push(text: string, start: number, end: number, index: OffsetIndex, out: SentenceRange[]) {
  out.push({ start: index.toCodePoint(start), end: index.toCodePoint(end), text: text.slice(start, end) });
}

/** Sentences of text[from, to) (UTF-16 units), which holds no line end. */
function splitLine(text: string, from: number, to: number, index: OffsetIndex, out: SentenceRange[]) {
  if (from === to) return;
  // UTF-16 [start, end) of the trimmed sentence being made, which may still join the next (titles); -1: none.
  let pendingStart = -1;
  let pendingEnd = -1;
  for (const seg of segmenter.segment(text.slice(from, to))) {
    let start = from + seg.index;
    let end = start + seg.segment.length;
    while (start < end && isSpace(text[start])) start++;
    while (end > start && isSpace(text[end - 1])) end--;
    if (start === end) continue;
    if (pendingStart < 0) pendingStart = start;
    pendingEnd = end;
    if (!joinsNext(lastWord(text, pendingStart, pendingEnd))) {
      push(text, pendingStart, pendingEnd, index, out);
      pendingStart = -1;
    }
  }
  if (pendingStart >= 0) push(text, pendingStart, pendingEnd, index, out);
}

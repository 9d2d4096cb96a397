import { OffsetIndex } from '@/lib/anchoring/code-points';
import { splitSentences } from '@/lib/sentences/split-sentences';
import { inChunks } from './chunk-size';
import type { ExportArticle, ExportSpan } from './types';

/**
 * CoNLL-2003-style token tags in BIO (IOB2): every span starts with `B-`
 * (unlike the original CoNLL-2003 files, which use IOB1), tokens inside it are
 * `I-`, all others `O`. Two space-separated columns, `token TAG`, as spaCy's
 * `convert` and flair's ColumnCorpus read them. Per article a
 * `-DOCSTART- -X- -X- O` line and a blank line, then its sentences (the app's
 * splitter, lib/sentences), each followed by a blank line. Every article in
 * scope is written, with or without spans.
 *
 * Tokens: Intl.Segmenter words and punctuation (emoji sequences, flags and
 * combining marks stay inside their token); whitespace is dropped.
 *
 * What the format cannot hold, and what we do instead:
 * - Overlapping spans: each token takes the earliest-starting span that covers
 *   it, the longest on a tie (then the first in export order); a span hidden
 *   under another resumes with `B-` on the first token it gets to itself.
 * - A span edge inside a token: the whole token is tagged.
 * - A span across sentences: it starts again with `B-` in each sentence.
 * - Relations, notes, speakers, review status, claims: not written.
 */

export const DOCSTART = '-DOCSTART- -X- -X- O';

export type Token = { text: string; start: number; end: number };

const words = new Intl.Segmenter('und', { granularity: 'word' });
/**
 * Whitespace, control characters (U+0085 and the separators U+001C–U+001F,
 * which JavaScript's \s leaves out), and the invisible joiners/markers that
 * never make a token on their own: as tokens they would break the line format.
 */
const BLANK = /^[\s\p{Cc}\u200b-\u200d\u2060\ufeff]*$/u;

/** Tokens of text[fromUnit, toUnit) with code-point offsets over the whole text. */
function tokensIn(text: string, index: OffsetIndex, fromUnit: number, toUnit: number): Token[] {
  const out: Token[] = [];
  for (const seg of words.segment(text.slice(fromUnit, toUnit))) {
    if (BLANK.test(seg.segment)) continue;
    const unit = fromUnit + seg.index;
    out.push({ text: seg.segment, start: index.toCodePoint(unit), end: index.toCodePoint(unit + seg.segment.length) });
  }
  return out;
}

/** Tokens of a whole text (code-point offsets), for callers and tests. */
export function tokenize(text: string): Token[] {
  return tokensIn(text, new OffsetIndex(text), 0, text.length);
}

/** Spans in priority order: earliest start, then longest, then export order. */
function byPriority(spans: readonly ExportSpan[]): ExportSpan[] {
  return spans
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.start - b.s.start || b.s.end - a.s.end || a.i - b.i)
    .map(({ s }) => s);
}

/** BIO tags for one sentence's tokens. */
export function tagTokens(tokens: readonly Token[], spans: readonly ExportSpan[]): string[] {
  const ordered = byPriority(spans.filter((s) => s.end > s.start));
  let previous: ExportSpan | undefined;
  return tokens.map((tok) => {
    let chosen: ExportSpan | undefined;
    for (const s of ordered) {
      if (s.start >= tok.end) break;
      if (s.end > tok.start) {
        chosen = s;
        break;
      }
    }
    const tag = chosen ? `${chosen === previous ? 'I' : 'B'}-${chosen.label.toUpperCase()}` : 'O';
    previous = chosen;
    return tag;
  });
}

export function articleToConll(article: ExportArticle): string {
  const index = new OffsetIndex(article.text);
  const parts = [DOCSTART, ''];
  for (const sentence of splitSentences(article.text)) {
    const tokens = tokensIn(article.text, index, index.toUnit(sentence.start), index.toUnit(sentence.end));
    if (tokens.length === 0) continue;
    const spans = article.spans.filter((s) => s.start < sentence.end && s.end > sentence.start);
    const tags = tagTokens(tokens, spans);
    for (let i = 0; i < tokens.length; i++) parts.push(`${tokens[i].text} ${tags[i]}`);
    parts.push('');
  }
  return parts.join('\n') + '\n';
}

/** The articles' blocks, handed on in chunks of at least CHUNK_CHARS (whole articles). */
export function toConll(articles: AsyncIterable<ExportArticle>): AsyncGenerator<string> {
  return inChunks(articles, articleToConll);
}

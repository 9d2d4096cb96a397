// Generated test data, so `npm run bench` needs no corpus on disk. A seeded
// PRNG keeps every run's article and spans identical, which is what makes runs
// on different days comparable.
import { OffsetIndex, codePointLength, quoteSelector } from '@/lib/anchoring/code-points';
import { LABELS, type Label } from '@/lib/annotations/dto';

/** mulberry32: tiny, fast, good enough for test data. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

const WORDS = (
  'the of and to in a is that for on was with he it as at by from his her they have this had not are but ' +
  'government minister said officials report according statement claimed denied election vote parliament ' +
  'president spokesperson agency police court ruling evidence documents sources interview percent million ' +
  'budget economy inflation prices energy border migration health hospital vaccine study researchers data ' +
  'published week month year yesterday today morning during after before while despite because however ' +
  'country city region village capital residents citizens protesters opposition coalition party leader ' +
  'announced confirmed rejected suggested warned promised insisted acknowledged disputed repeated ' +
  'false misleading accurate unverified viral video photo post social media network channel newspaper ' +
  'investigation inquiry analysis comparison figures official unofficial recent previous new old large small ' +
  'more less than about over under between against within without through across toward'
).split(' ');
// Non-ASCII on purpose: Latin-1 accents (one code point, two UTF-8 bytes) and
// astral emoji (one code point, two UTF-16 units) exercise offset conversion.
const NAMES = ['Edi Rama', 'Tirana', 'Tiranë', 'Zürich', 'São Paulo', 'Brussels', 'Ankara', 'Kraków', 'Reykjavík', 'Skopje'];
const RARE = ['café', 'naïve', 'résumé', 'déjà', 'coöperation', 'façade', '🌍', '📈', '🙂', '🗳️'];

export type Word = { start: number; end: number; paragraph: number };
export type GeneratedArticle = { text: string; words: Word[] };

/** About `wordCount` words in sentences of 6–22 words, paragraphs of 2–6 sentences, "\n\n" between paragraphs. */
export function generateArticle(wordCount: number, seed: number): GeneratedArticle {
  const r = rng(seed);
  const parts: string[] = [];
  const words: Word[] = [];
  let cp = 0; // code-point offset of the end of `parts`
  const push = (s: string) => {
    parts.push(s);
    cp += codePointLength(s);
  };
  let paragraph = 0;
  while (words.length < wordCount) {
    if (paragraph > 0) push('\n\n');
    const sentences = 2 + r.int(5);
    for (let s = 0; s < sentences && words.length < wordCount; s++) {
      if (s > 0) push(' ');
      const len = 6 + r.int(17);
      for (let w = 0; w < len; w++) {
        if (w > 0) push(r.next() < 0.06 ? ', ' : ' ');
        const roll = r.next();
        let word = roll < 0.004 ? r.pick(RARE) : roll < 0.04 ? r.pick(NAMES) : r.pick(WORDS);
        if (w === 0) word = word[0].toUpperCase() + word.slice(1);
        words.push({ start: cp, end: cp + codePointLength(word), paragraph });
        push(word);
      }
      push(r.next() < 0.08 ? '?' : '.');
    }
    paragraph++;
  }
  return { text: parts.join(''), words };
}

export type SpanRange = { start: number; end: number; label: Label };

/**
 * `count` distinct ranges of 1–12 whole words with a tag, never crossing a
 * paragraph break (as a reader would select). Starts are random, so some
 * ranges overlap and nest; no two share offsets and tag, since the API
 * refuses an analyst's second span on the same words with the same tag.
 * Throws if the article has fewer such ranges than `count`.
 */
export function generateRanges(article: GeneratedArticle, count: number, seed: number): SpanRange[] {
  const r = rng(seed);
  const { words } = article;
  const out: SpanRange[] = [];
  const seen = new Set<string>();
  for (let i = 0, tries = 0; out.length < count; i++) {
    if (++tries > count * 20) throw new Error(`the article has fewer than ${count} distinct ranges`);
    const first = r.int(words.length);
    let last = Math.min(words.length - 1, first + r.int(12));
    while (words[last].paragraph !== words[first].paragraph) last--;
    const range = { start: words[first].start, end: words[last].end, label: LABELS[i % LABELS.length] };
    const key = `${range.start}:${range.end}:${range.label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(range);
  }
  return out;
}

/** Annotation rows exactly as the API would store them: quotes are code-point slices of `text`. */
export function annotationRows(text: string, textHash: string, ranges: SpanRange[], articleId: string, authorId: string) {
  const index = new OffsetIndex(text);
  const now = new Date();
  return ranges.map((g) => ({
    articleId,
    authorId,
    label: g.label.toUpperCase() as 'ASSERTION' | 'DENIAL' | 'EVIDENCE',
    start: g.start,
    end: g.end,
    ...quoteSelector(index, g.start, g.end),
    textHash,
    updatedAt: now,
  }));
}

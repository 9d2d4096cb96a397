// The corpus the crash-safety test imports: many short articles in one JSONL
// file, the same for a given seed. What the database must hold once the file
// is in (articles, sentences, spans) is computed here with the app's own
// canonical-text and sentence rules, so the test can tell "complete" from
// "half" without trusting the importer's answer.
import { normalizeText } from '@/lib/anchoring/normalize-text';
import { splitSentences } from '@/lib/sentences/split-sentences';
import { rng } from '../../bench/fixtures';

export type Corpus = {
  jsonl: Buffer;
  articles: number;
  /** Sentences the app stores for these texts (lib/sentences/split-sentences.ts). */
  sentences: number;
  /** Spans the file carries (doccano-style `entities`). */
  spans: number;
};

const WORDS = (
  'minister said officials report statement claimed denied election vote parliament president agency police court ' +
  'ruling evidence documents sources interview budget economy prices energy border health study data published ' +
  'week yesterday country city region residents opposition coalition leader announced confirmed rejected warned'
).split(' ');

// Text that tests code points: astral emoji and a ZWJ sequence (several UTF-16
// units), a flag (two code points), a combining mark with no precomposed form
// (stays two code points after NFC), and a decomposed "é" (one after NFC).
const ASTRAL = ['🇦🇱', '👩‍💻', '𝒳', '🗳️', 'q\u0303'];
const DECOMPOSED = 'Cafe\u0301';

function sentence(r: ReturnType<typeof rng>, i: number, k: number): string {
  const words = Array.from({ length: 4 + r.int(8) }, () => r.pick(WORDS));
  if ((i + k) % 7 === 0) words.splice(1 + r.int(words.length - 1), 0, r.pick(ASTRAL));
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return `${words.join(' ')}${r.pick(['.', '.', '!', '?'])}`;
}

/**
 * `count` articles, externalId `crash-<n>`: two to five sentences in one or two
 * paragraphs. Every 11th is not canonical (a decomposed accent, CRLF line
 * ends) and is stored normalised; every 4th, if canonical, carries spans over
 * its first and last sentences (entities need a canonical text).
 */
export function generateCorpus(count: number, seed: number): Corpus {
  const r = rng(seed);
  const lines: string[] = [];
  let sentences = 0;
  let spans = 0;
  for (let i = 0; i < count; i++) {
    const parts = Array.from({ length: 2 + r.int(4) }, (_, k) => sentence(r, i, k));
    const raw = i % 11 === 0;
    if (raw) parts[0] = `${DECOMPOSED} ${parts[0]}`;
    const cut = 1 + r.int(parts.length - 1);
    const lineEnd = raw ? '\r\n\r\n' : '\n\n';
    const text = `${parts.slice(0, cut).join(' ')}${lineEnd}${parts.slice(cut).join(' ')}`;
    const canonical = normalizeText(text);
    const split = splitSentences(canonical);
    sentences += split.length;
    const record: Record<string, unknown> = { externalId: `crash-${i}`, title: `Crash test article ${i}`, outlet: `Outlet ${i % 17}`, text };
    if (!raw && i % 4 === 0) {
      const tagged = split.filter((_, k) => k === 0 || k === split.length - 1);
      record.entities = tagged.map((s, k) => ({ start_offset: s.start, end_offset: s.end, label: k === 0 ? 'assertion' : 'denial' }));
      spans += tagged.length;
    }
    lines.push(JSON.stringify(record));
  }
  return { jsonl: Buffer.from(`${lines.join('\n')}\n`, 'utf8'), articles: count, sentences, spans };
}

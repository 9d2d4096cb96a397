import { describe, expect, it } from 'vitest';
import { articleToConll, DOCSTART, tokenize, toConll } from './to-conll';
import type { ExportArticle, ExportSpan } from './types';

// A flag, a ZWJ sequence, and a combining mark NFC keeps (x + U+0301).
const TEXT = 'Edi Rama 🇦🇱 said Iran 👩‍💻 attacked. Tehran denied it.\nCafé x\u0301 talk.';

const cp = (needle: string) => {
  const unit = TEXT.indexOf(needle);
  if (unit < 0) throw new Error(`not in text: ${needle}`);
  const start = Array.from(TEXT.slice(0, unit)).length;
  return { start, end: start + Array.from(needle).length };
};
const at = new Date('2022-09-08T10:15:00.000Z');
const span = (id: string, needle: string, label: ExportSpan['label']): ExportSpan => ({
  id, label, ...cp(needle), exact: needle, prefix: '', suffix: '', note: null, speaker: null, status: 'approved',
  author: { id: 'u1', name: 'Ana' }, claimId: null, createdAt: at, updatedAt: at,
});
const article = (spans: ExportSpan[], text = TEXT): ExportArticle => ({
  id: 'a1', externalId: null, title: 'T', outlet: null, url: null, author: null, published: null, text, textHash: 'h', spans, links: [],
});

describe('CoNLL BIO (IOB2) export', () => {
  it('tokenizes words and punctuation, keeping emoji sequences, flags and combining marks whole, with code-point offsets', () => {
    const tokens = tokenize(TEXT);
    expect(tokens.slice(0, 8).map((t) => t.text)).toEqual(['Edi', 'Rama', '🇦🇱', 'said', 'Iran', '👩‍💻', 'attacked', '.']);
    const cps = Array.from(TEXT);
    for (const t of tokens) expect(cps.slice(t.start, t.end).join('')).toBe(t.text);
    expect(tokens.find((t) => t.text === 'x\u0301')).toBeDefined();
  });

  it('tags B- at span starts, I- inside, O outside, with -DOCSTART- and a blank line after each sentence', () => {
    const out = articleToConll(article([span('s1', 'Iran 👩‍💻 attacked', 'assertion'), span('s2', 'Tehran denied it', 'denial')]));
    expect(out).toBe(
      [
        DOCSTART,
        '',
        'Edi O', 'Rama O', '🇦🇱 O', 'said O', 'Iran B-ASSERTION', '👩‍💻 I-ASSERTION', 'attacked I-ASSERTION', '. O',
        '',
        'Tehran B-DENIAL', 'denied I-DENIAL', 'it I-DENIAL', '. O',
        '',
        'Café O', 'x\u0301 O', 'talk O', '. O',
        '',
        '',
      ].join('\n'),
    );
    expect(DOCSTART).toBe('-DOCSTART- -X- -X- O');
  });

  it('makes no token of a control character or a line separator (U+0085, U+001C)', () => {
    expect(tokenize('one\u0085two\u001cthree\u2028four').map((t) => t.text)).toEqual(['one', 'two', 'three', 'four']);
  });

  it('a span edge inside a token tags the whole token', () => {
    const out = articleToConll(article([span('s1', 'afé x\u0301 ta', 'evidence')]));
    expect(out).toContain('Café B-EVIDENCE\nx\u0301 I-EVIDENCE\ntalk I-EVIDENCE\n. O\n');
  });

  it('overlapping spans: each token keeps the earliest-starting (then longest) span', () => {
    const out = articleToConll(article([span('s1', 'Iran 👩‍💻 attacked', 'assertion'), span('e1', 'Rama 🇦🇱 said Iran', 'evidence')]));
    expect(out.split('\n').slice(2, 10)).toEqual([
      'Edi O', 'Rama B-EVIDENCE', '🇦🇱 I-EVIDENCE', 'said I-EVIDENCE', 'Iran I-EVIDENCE', '👩‍💻 B-ASSERTION', 'attacked I-ASSERTION', '. O',
    ]);
    // Same start: the longer span wins; the shorter one inside it is not written.
    const nested = articleToConll(article([span('short', 'Iran', 'denial'), span('long', 'Iran 👩‍💻 attacked', 'assertion')]));
    expect(nested).toContain('Iran B-ASSERTION\n👩‍💻 I-ASSERTION\nattacked I-ASSERTION\n');
    expect(nested).not.toContain('DENIAL');
  });

  it('two adjacent spans of one type each start with B-, and a span across sentences starts again in each', () => {
    const adjacent = articleToConll(article([span('a', 'Edi Rama', 'assertion'), span('b', '🇦🇱 said', 'assertion')]));
    expect(adjacent).toContain('Edi B-ASSERTION\nRama I-ASSERTION\n🇦🇱 B-ASSERTION\nsaid I-ASSERTION\nIran O\n');
    const across = articleToConll(article([span('x', 'attacked. Tehran denied', 'evidence')]));
    expect(across).toContain('attacked B-EVIDENCE\n. I-EVIDENCE\n\nTehran B-EVIDENCE\ndenied I-EVIDENCE\nit O\n');
  });

  it('streams one document per article; an article without text is just its -DOCSTART- line', async () => {
    async function* gen() {
      yield article([]);
      yield article([], '');
    }
    let out = '';
    for await (const c of toConll(gen())) out += c;
    expect(out.match(/^-DOCSTART- -X- -X- O$/gm)).toHaveLength(2);
    expect(out.endsWith(`\n\n${DOCSTART}\n\n`)).toBe(true);
    // Every non-blank line has exactly two columns.
    for (const line of out.split('\n').filter(Boolean)) if (line !== DOCSTART) expect(line.split(' ')).toHaveLength(2);
  });
});

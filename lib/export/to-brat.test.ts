import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { annotationConf, articleToAnn, bratFileBase, bratFragments, locateIn, toBrat } from './to-brat';
import type { ExportArticle, ExportScope, ExportSpan } from './types';

// Astral emoji, a ZWJ sequence, a flag (two regional indicators) and a
// combining mark with no precomposed form (x + U+0301), which NFC keeps.
const TEXT_A = 'PM Rama 🇦🇱 said: Iran 👩‍💻 did it,\n  the x\u0301 hackers 🔐 agreed.\nTehran denied it. Café talk.';
const TEXT_B = 'Microsoft 🪟 said the hackers were Iranian.';

const cp = (text: string, needle: string) => {
  const unit = text.indexOf(needle);
  if (unit < 0) throw new Error(`not in text: ${needle}`);
  const start = Array.from(text.slice(0, unit)).length;
  return { start, end: start + Array.from(needle).length };
};
const at = new Date('2022-09-08T10:15:00.000Z');
const author = { id: 'u1', name: 'Ana' };
const span = (text: string, id: string, needle: string, label: ExportSpan['label'], extra: Partial<ExportSpan> = {}): ExportSpan => ({
  id, label, ...cp(text, needle), exact: needle, prefix: '', suffix: '', note: null, speaker: null, status: 'approved',
  author, claimId: null, createdAt: at, updatedAt: at, ...extra,
});
const link = (id: string, kind: 'corroborates' | 'contradicts', fromId: string, toId: string, toArticle: string, toText: string, toNeedle: string) => ({
  id, kind, status: 'approved' as const, fromId, toId,
  to: { articleId: toArticle, ...cp(toText, toNeedle), exact: toNeedle, prefix: '', suffix: '' }, author, createdAt: at, updatedAt: at,
});

// Spans in export order (start, end), as the loader yields them: T1, T2, T3.
const articleA: ExportArticle = {
  id: 'cma1aaaaaaaaaaaaaaaaaaaa1', externalId: 'FNC-1/Body 42', title: 'Albania cuts ties', outlet: 'O', url: null, author: null, published: null,
  text: TEXT_A, textHash: 'h',
  spans: [
    span(TEXT_A, 's1', 'Iran 👩‍💻 did it', 'assertion', { speaker: 'Edi Rama', note: 'PM\tin parliament\nlive', claimId: 'c1', claimText: 'Iran was behind the attack' }),
    span(TEXT_A, 's2', 'did it,\n  the x\u0301 hackers 🔐', 'evidence', { status: 'pending' }),
    span(TEXT_A, 's3', 'Tehran denied it', 'denial'),
  ],
  links: [
    link('l1', 'contradicts', 's3', 's1', 'a', TEXT_A, 'Iran 👩‍💻 did it'),
    // Points forward, to an article that comes later in the stream.
    link('l2', 'corroborates', 's2', 't1', 'cmb2bbbbbbbbbbbbbbbbbbbb2', TEXT_B, 'the hackers were Iranian'),
  ],
};
const articleB: ExportArticle = {
  id: 'cmb2bbbbbbbbbbbbbbbbbbbb2', externalId: null, title: 'Zoë’s “café” report', outlet: 'W', url: null, author: null, published: null,
  text: TEXT_B, textHash: 'h2',
  spans: [span(TEXT_B, 't1', 'the hackers were Iranian', 'evidence', { claimId: 'c1', claimText: 'Iran was behind the attack' })],
  links: [link('l3', 'corroborates', 't1', 's1', articleA.id, TEXT_A, 'Iran 👩‍💻 did it')],
};
const scope: ExportScope = { projectId: 'p1', projectName: 'P', baseUrl: 'https://cc.example.org' };

/** T lines as { id, type, fragments, covered }. */
function tLines(ann: string) {
  return ann
    .split('\n')
    .filter((l) => l.startsWith('T'))
    .map((l) => {
      const [id, typeAndOffsets, covered] = l.split('\t');
      const [type, ...rest] = typeAndOffsets.split(' ');
      const fragments = rest.join(' ').split(';').map((f) => f.split(' ').map(Number) as [number, number]);
      return { id, type, fragments, covered };
    });
}

async function archive(articles: ExportArticle[]) {
  async function* gen() {
    yield* articles;
  }
  const chunks: Uint8Array[] = [];
  for await (const c of toBrat(scope, gen(), locateIn(articles))) chunks.push(c);
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { chunks, files: unzipSync(bytes) };
}

describe('brat standoff export', () => {
  const located = new Map([['t1', { article: articleB, ordinal: 1 }]]);

  it('writes T lines with code-point offsets whose slice of the text is the covered text', () => {
    const ann = articleToAnn(articleA, located);
    const ts = tLines(ann);
    expect(ts.map((t) => [t.id, t.type])).toEqual([['T1', 'Assertion'], ['T2', 'Evidence'], ['T3', 'Denial']]);
    const cps = Array.from(TEXT_A);
    for (const t of ts) {
      expect(t.fragments.map(([a, b]) => cps.slice(a, b).join('')).join(' ')).toBe(t.covered);
      expect(t.covered).not.toMatch(/\n/);
    }
    expect(ts[0].fragments).toEqual([[cp(TEXT_A, 'Iran 👩‍💻 did it').start, cp(TEXT_A, 'Iran 👩‍💻 did it').end]]);
    expect(ts[0].covered).toBe('Iran 👩‍💻 did it');
    // Code points, not UTF-16 units: the flag counts 2, the ZWJ sequence 3.
    expect(ts[0].fragments[0][0]).toBe(TEXT_A.indexOf('Iran') - 2);
  });

  it('writes a span across a line break as trimmed discontinuous fragments joined by a space', () => {
    const ts = tLines(articleToAnn(articleA, located));
    const t2 = ts[1];
    expect(t2.fragments).toEqual([[cp(TEXT_A, 'did it,').start, cp(TEXT_A, 'did it,').end], [cp(TEXT_A, 'the x\u0301 hackers 🔐').start, cp(TEXT_A, 'the x\u0301 hackers 🔐').end]]);
    expect(t2.covered).toBe('did it, the x\u0301 hackers 🔐');
    expect(articleToAnn(articleA, located)).toContain(`T2\tEvidence ${t2.fragments[0].join(' ')};${t2.fragments[1].join(' ')}\tdid it, the x\u0301 hackers 🔐\n`);
  });

  it('bratFragments: one fragment without a line break, none for whitespace only', () => {
    const cps = Array.from('ab\n \ncd');
    expect(bratFragments(cps, 0, 2)).toEqual([[0, 2]]);
    expect(bratFragments(cps, 0, 7)).toEqual([[0, 2], [5, 7]]);
    expect(bratFragments(cps, 2, 5)).toEqual([]);
  });

  it('writes review status, notes and speaker, the claim, an R line inside the article and a note for a link to another', () => {
    const ann = articleToAnn(articleA, located);
    const lines = ann.trimEnd().split('\n');
    expect(lines).toContain('A1\tReviewStatus T1 approved');
    expect(lines).toContain('A2\tReviewStatus T2 pending');
    expect(lines).toContain('#1\tAnnotatorNotes T1\tPM in parliament live');
    expect(lines).toContain('#2\tAnnotatorNotes T1\tSpeaker: Edi Rama');
    expect(lines).toContain('N1\tReference T1 Crosscheck:c1\tIran was behind the attack');
    expect(lines).toContain('R1\tContradicts Arg1:T3 Arg2:T1');
    const b = cp(TEXT_B, 'the hackers were Iranian');
    expect(lines).toContain(`#3\tAnnotatorNotes T2\tCorroborates: ${bratFileBase(articleB)}.ann T1 ${b.start} ${b.end} "the hackers were Iranian"`);
    expect(lines.filter((l) => l.startsWith('R'))).toHaveLength(1);
    // Every line: ID, TAB, then fields; no stray line breaks.
    for (const l of lines) expect(l).toMatch(/^[TARN#]\d+\t\S/);
  });

  it('names files by a safe slug of externalId or title plus the article id', () => {
    expect(bratFileBase(articleA)).toBe(`fnc-1-body-42-${articleA.id}`);
    expect(bratFileBase(articleB)).toBe(`zoe-s-cafe-report-${articleB.id}`);
    expect(bratFileBase({ id: 'cmxyz0000000000000000abcd', externalId: null, title: 'Тирана' })).toBe('article-cmxyz0000000000000000abcd');
  });

  it('splits a span at every character brat reads as a line end, so no T line is cut in two', () => {
    const text = 'Line one\u2028line two\u0085line three\vvt\fff and\u00a0here.';
    const cps = Array.from(text);
    expect(bratFragments(cps, 5, 28)).toEqual([[5, 8], [9, 17], [18, 28]]);
    const ann = articleToAnn({ ...articleA, text, spans: [span(text, 'x', 'one\u2028line two\u0085line', 'assertion')], links: [] }, new Map());
    // Python's splitlines() cuts at U+2028, U+0085, VT and FF: the .ann must still be whole lines.
    expect(ann.split(/\r\n|[\n\r\v\f\x1c-\x1e\u0085\u2028\u2029]/).filter(Boolean)).toHaveLength(2);
  });

  it('streams a ZIP that unzips to annotation.conf, tools.conf and a .txt/.ann pair per article', async () => {
    const { chunks, files } = await archive([articleA, articleB]);
    expect(chunks.length).toBeGreaterThanOrEqual(4); // conf files, each article, the central directory
    const a = bratFileBase(articleA);
    const b = bratFileBase(articleB);
    expect(Object.keys(files)).toEqual(['annotation.conf', 'tools.conf', `${a}.txt`, `${a}.ann`, `${b}.txt`, `${b}.ann`]);
    expect(strFromU8(files[`${a}.txt`])).toBe(TEXT_A);
    expect(strFromU8(files[`${a}.ann`])).toBe(articleToAnn(articleA, located));
    // The link from B back to A names A's file and T1 (a backward reference).
    const s1 = cp(TEXT_A, 'Iran 👩‍💻 did it');
    expect(strFromU8(files[`${b}.ann`])).toContain(`#1\tAnnotatorNotes T1\tCorroborates: ${a}.ann T1 ${s1.start} ${s1.end} "Iran 👩‍💻 did it"`);
    // Both spans of claim c1 carry the same N reference.
    expect(strFromU8(files[`${b}.ann`])).toContain('N1\tReference T1 Crosscheck:c1\t');
    const conf = strFromU8(files['annotation.conf']);
    expect(conf).toBe(annotationConf());
    for (const decl of ['[entities]', 'Assertion', 'Denial', 'Evidence', 'Corroborates\tArg1:<ENTITY>, Arg2:<ENTITY>', 'Contradicts\tArg1:<ENTITY>, Arg2:<ENTITY>', '[events]', 'ReviewStatus\tArg:<ENTITY>, Value:approved|pending|rejected']) {
      expect(conf.split('\n')).toContain(decl);
    }
    expect(strFromU8(files['tools.conf'])).toContain('Crosscheck\t<URL>:https://cc.example.org/, <URLBASE>:https://cc.example.org/claims/%s');
  });

  it('keeps file names unique within an archive, and a note names the file its span is in', async () => {
    // Same title, ids ending alike (a short id suffix used to collide here).
    const twin = { ...articleA, id: 'zz' + articleA.id.slice(2), spans: [], links: [] };
    const { files } = await archive([articleA, twin]);
    expect(Object.keys(files).filter((n) => n.endsWith('.txt'))).toEqual([`${bratFileBase(articleA)}.txt`, `${bratFileBase(twin)}.txt`]);
    expect(bratFileBase(twin)).not.toBe(bratFileBase(articleA));
    expect(strFromU8(files[`${bratFileBase(twin)}.ann`])).toBe('');
  });

  it('an empty export is a valid archive with the configuration only', async () => {
    const { files } = await archive([]);
    expect(Object.keys(files)).toEqual(['annotation.conf', 'tools.conf']);
  });
});

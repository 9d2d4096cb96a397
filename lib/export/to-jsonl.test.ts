import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { articleToJsonl, toJsonl } from './to-jsonl';
import { CHUNK_CHARS } from './chunk-size';
import type { ExportArticle } from './types';

// The line as an object, as the writer built it before it wrote strings: the
// reference its output must match byte for byte.
function lineObject(article: ExportArticle) {
  const here = new Set(article.spans.map((s) => s.id));
  return {
    id: article.id, external_id: article.externalId, title: article.title, outlet: article.outlet, url: article.url,
    author: article.author, published: article.published, text_hash: article.textHash, text: article.text,
    entities: article.spans.map((s) => ({
      id: s.id, label: s.label, start_offset: s.start, end_offset: s.end, text: s.exact, speaker: s.speaker, note: s.note, status: s.status, claim_id: s.claimId,
    })),
    relations: article.links.filter((l) => here.has(l.toId)).map((l) => ({ id: l.id, from_id: l.fromId, to_id: l.toId, type: l.kind, status: l.status })),
    cross_relations: article.links
      .filter((l) => !here.has(l.toId))
      .map((l) => ({ id: l.id, from_id: l.fromId, to_id: l.toId, to_article_id: l.to.articleId, type: l.kind, status: l.status })),
  };
}

// Quotes, backslashes, control characters, separators, lone surrogates, astral characters.
const awkward = fc.string({
  unit: fc.oneof(fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\u2028', '\ud800', '\udfff', '👩‍💻', 'é'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
  maxLength: 12,
});
const status = fc.constantFrom('pending' as const, 'approved' as const, 'rejected' as const);
const at = new Date('2022-09-08T10:15:00.000Z');
const author = { id: 'u1', name: 'Ana' };
const spanArb = fc.record({
  id: fc.constantFrom('s1', 's2', 's3', 'x"1'), label: fc.constantFrom('assertion' as const, 'denial' as const, 'evidence' as const),
  start: fc.nat(), end: fc.nat(), exact: awkward, prefix: awkward, suffix: awkward, note: fc.option(awkward), speaker: fc.option(awkward),
  status, claimId: fc.option(awkward),
});
const articleArb = fc.record({
  id: awkward, externalId: fc.option(awkward), title: awkward, outlet: fc.option(awkward), url: fc.option(awkward), author: fc.option(awkward),
  published: fc.option(fc.constant('2022-09-08')), text: awkward, textHash: awkward,
  spans: fc.array(spanArb, { maxLength: 5 }),
  links: fc.array(
    fc.record({ id: awkward, kind: fc.constantFrom('corroborates' as const, 'contradicts' as const), status, fromId: fc.constantFrom('s1', 's2'), toId: fc.constantFrom('s1', 's3', 'elsewhere'), toArticle: awkward }),
    { maxLength: 4 },
  ),
});
type Generated = typeof articleArb extends fc.Arbitrary<infer T> ? T : never;
const toArticle = (a: Generated): ExportArticle => ({
  ...a,
  spans: a.spans.map((s) => ({ ...s, author, createdAt: at, updatedAt: at })),
  links: a.links.map(({ toArticle, ...l }) => ({ ...l, to: { articleId: toArticle, start: 0, end: 1, exact: 'x', prefix: '', suffix: '' }, author, createdAt: at, updatedAt: at })),
});

describe('JSONL export', () => {
  it('writes each article line exactly as JSON.stringify wrote its object form', () => {
    fc.assert(
      fc.property(articleArb, (generated) => {
        const article = toArticle(generated);
        expect(articleToJsonl(article)).toBe(JSON.stringify(lineObject(article)) + '\n');
      }),
      { numRuns: 500 },
    );
  });

  it('hands on whole lines in chunks of about 64 KB', async () => {
    const article = toArticle(fc.sample(articleArb, { numRuns: 1, seed: 7 })[0]);
    const many = Array.from({ length: 2000 }, (_, i) => ({ ...article, id: `a${i}`, text: 'Some text of the article. '.repeat(20) }));
    async function* gen() {
      yield* many;
    }
    const chunks: string[] = [];
    for await (const c of toJsonl(gen())) chunks.push(c);
    expect(chunks.length).toBeLessThan(many.length / 10);
    for (const c of chunks) expect(c.endsWith('\n')).toBe(true);
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(CHUNK_CHARS);
    expect(chunks.join('').split('\n').slice(0, -1).map((l) => JSON.parse(l).id)).toEqual(many.map((a) => a.id));
  });
});

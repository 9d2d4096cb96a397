import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mustValidator } from '../../test/w3c-validator';
import { ANNO_CONTEXT, toWebAnnotation } from './to-web-annotation';
import { CHUNK_CHARS } from './chunk-size';
import type { ExportArticle, ExportLink, ExportScope, ExportSpan } from './types';

const TEXT = 'Rama 🇦🇱 said Iran 👩‍💻 did it. Café owner denied.';
const cp = (needle: string) => {
  const unit = TEXT.indexOf(needle);
  const start = Array.from(TEXT.slice(0, unit)).length;
  return { start, end: start + Array.from(needle).length };
};
const at = new Date('2022-09-08T10:15:00.000Z');
const author = { id: 'u1', name: 'Ana' };
const span = (id: string, needle: string, label: 'assertion' | 'denial' | 'evidence', extra = {}) => ({
  id, label, ...cp(needle), exact: needle, prefix: '', suffix: '', note: null, speaker: null, status: 'approved' as const,
  author, claimId: null, createdAt: at, updatedAt: at, ...extra,
});
const article: ExportArticle = {
  id: 'a1', externalId: null, title: 'T', outlet: 'O', url: null, author: null, published: null, text: TEXT, textHash: 'h',
  spans: [
    span('s1', 'Iran 👩‍💻 did it', 'assertion', { speaker: 'Edi Rama', note: 'PM', claimId: 'c1' }),
    span('s2', 'Café owner denied', 'denial'),
  ],
  links: [{ id: 'l1', kind: 'contradicts', status: 'approved', fromId: 's2', toId: 's1', to: { articleId: 'a1', ...cp('Iran 👩‍💻 did it'), exact: 'Iran 👩‍💻 did it', prefix: '', suffix: '' }, author, createdAt: at, updatedAt: at }],
};
const scope: ExportScope = { projectId: 'p1', projectName: 'P', baseUrl: 'https://cc.example.org' };

async function exportChunks(a: ExportArticle[], s = scope) {
  async function* gen() {
    yield* a;
  }
  const chunks: string[] = [];
  for await (const chunk of toWebAnnotation(s, gen(), 'P (approved)')) chunks.push(chunk);
  return chunks;
}

const exportDoc = async (a: ExportArticle[], s = scope) => JSON.parse((await exportChunks(a, s)).join(''));

// The annotations as objects, as the writer built them before it wrote
// strings: the reference its output must match byte for byte.
const CONTEXT = [ANNO_CONTEXT, { cc: 'https://crosscheck.dev/ns#' }];
const segment = (source: string, x: { start: number; end: number; exact: string; prefix: string; suffix: string }) => ({
  type: 'SpecificResource',
  source,
  selector: [
    { type: 'TextQuoteSelector', exact: x.exact, prefix: x.prefix, suffix: x.suffix },
    { type: 'TextPositionSelector', start: x.start, end: x.end },
  ],
});
function spanObject(sc: ExportScope, a: ExportArticle, x: ExportSpan) {
  const body: object[] = [{ type: 'TextualBody', purpose: 'tagging', value: x.label, format: 'text/plain' }];
  if (x.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: x.note, format: 'text/plain' });
  if (x.speaker) body.push({ type: 'TextualBody', purpose: 'describing', value: `speaker: ${x.speaker}`, format: 'text/plain', 'cc:speaker': x.speaker });
  if (x.claimId) body.push({ type: 'SpecificResource', purpose: 'classifying', source: `${sc.baseUrl}/claims/${x.claimId}` });
  return {
    '@context': CONTEXT, id: `${sc.baseUrl}/annotations/${x.id}`, type: 'Annotation', motivation: 'tagging',
    created: x.createdAt.toISOString(), modified: x.updatedAt.toISOString(),
    creator: { id: `${sc.baseUrl}/users/${x.author.id}`, type: 'Person', name: x.author.name }, 'cc:status': x.status, body,
    target: { ...segment(`${sc.baseUrl}/articles/${a.id}`, x), 'cc:textHash': a.textHash },
  };
}
function linkObject(sc: ExportScope, a: ExportArticle, l: ExportLink, from: ExportSpan) {
  return {
    '@context': CONTEXT, id: `${sc.baseUrl}/links/${l.id}`, type: 'Annotation', motivation: 'linking',
    created: l.createdAt.toISOString(), modified: l.updatedAt.toISOString(),
    creator: { id: `${sc.baseUrl}/users/${l.author.id}`, type: 'Person', name: l.author.name }, 'cc:status': l.status,
    body: [
      { ...segment(`${sc.baseUrl}/articles/${a.id}`, from), purpose: 'linking', id: `${sc.baseUrl}/annotations/${from.id}` },
      { type: 'TextualBody', purpose: 'tagging', value: l.kind, format: 'text/plain' },
    ],
    target: { ...segment(`${sc.baseUrl}/articles/${l.to.articleId}`, l.to), id: `${sc.baseUrl}/annotations/${l.toId}` },
  };
}

// Text that JSON must escape, or that is easy to get wrong: quotes, backslashes,
// control characters, line and paragraph separators, lone surrogates, astral characters.
const awkward = fc.string({
  unit: fc.oneof(fc.constantFrom('"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\udfff', '👩‍💻', 'é', '/'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
  maxLength: 12,
});
const date = fc.date({ min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });
const spanArb = fc.record({
  id: awkward, label: fc.constantFrom('assertion' as const, 'denial' as const, 'evidence' as const), start: fc.nat(), end: fc.nat(),
  exact: awkward, prefix: awkward, suffix: awkward, note: fc.option(awkward), speaker: fc.option(awkward),
  status: fc.constantFrom('pending' as const, 'approved' as const, 'rejected' as const),
  author: fc.record({ id: awkward, name: awkward }), claimId: fc.option(awkward), createdAt: date, updatedAt: date,
});

describe('W3C Web Annotation export', () => {
  const annotationMusts = mustValidator('annotations/annotationMusts.test');
  const collectionMusts = mustValidator('collections/collectionMusts.test');
  const pageMusts = mustValidator('collections/pages/pageMusts.test');

  it('passes every MUST assertion of the W3C test schemas: collection, page and each annotation', async () => {
    const doc = await exportDoc([article]);
    expect(collectionMusts(doc)).toEqual([]);
    // An embedded page inherits the collection's @context (JSON-LD scoping).
    expect(pageMusts({ '@context': doc['@context'], ...doc.first })).toEqual([]);
    expect(doc.first.items).toHaveLength(3);
    for (const item of doc.first.items) expect(annotationMusts(item)).toEqual([]);
  });

  it('the validator is not vacuous: it rejects an annotation without a target or with a bad @context', () => {
    expect(annotationMusts({ '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'https://x.example/1', type: 'Annotation' })).not.toEqual([]);
    expect(annotationMusts({ '@context': 'https://www.w3.org/ns/anno.jsonld', id: 'https://x.example/1', type: 'Annotation', target: 'https://x.example' })).not.toEqual([]);
  });

  it('puts code-point offsets and the quote in each target, and tag, note, speaker in bodies', async () => {
    const doc = await exportDoc([article]);
    const [s1, , link] = doc.first.items;
    const [quote, position] = s1.target.selector;
    expect(quote).toMatchObject({ type: 'TextQuoteSelector', exact: 'Iran 👩‍💻 did it' });
    expect(position).toEqual({ type: 'TextPositionSelector', ...cp('Iran 👩‍💻 did it') });
    expect(Array.from(TEXT).slice(position.start, position.end).join('')).toBe(quote.exact);
    expect(s1.target.source).toBe('https://cc.example.org/articles/a1');
    expect(s1.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ purpose: 'tagging', value: 'assertion' }),
        expect.objectContaining({ purpose: 'commenting', value: 'PM' }),
        expect.objectContaining({ purpose: 'describing', 'cc:speaker': 'Edi Rama' }),
      ]),
    );
    expect(s1.created).toMatch(/Z$/);
    expect(link.motivation).toBe('linking');
    expect(link.target.id).toBe('https://cc.example.org/annotations/s1');
    expect(link.body[0]).toMatchObject({ purpose: 'linking', id: 'https://cc.example.org/annotations/s2' });
    expect(link.body[1]).toMatchObject({ purpose: 'tagging', value: 'contradicts' });
  });

  it('writes every annotation exactly as JSON.stringify wrote its object form', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ baseUrl: fc.constantFrom('https://cc.example.org', 'http://localhost:3000/a"b'), articleId: awkward, textHash: awkward }),
        fc.array(spanArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.record({ kind: fc.constantFrom('corroborates' as const, 'contradicts' as const), from: fc.nat(), to: spanArb, toArticle: awkward, id: awkward }), { maxLength: 4 }),
        async ({ baseUrl, articleId, textHash }, spans, linkSpecs) => {
          const sc: ExportScope = { ...scope, baseUrl };
          const links: ExportLink[] = linkSpecs.map((l) => ({
            id: l.id, kind: l.kind, status: l.to.status, fromId: spans[l.from % spans.length].id, toId: l.to.id,
            to: { articleId: l.toArticle, start: l.to.start, end: l.to.end, exact: l.to.exact, prefix: l.to.prefix, suffix: l.to.suffix },
            author: l.to.author, createdAt: l.to.createdAt, updatedAt: l.to.updatedAt,
          }));
          const a: ExportArticle = { ...article, id: articleId, textHash, spans, links };
          const out = (await exportChunks([a], sc)).join('');
          const byId = new Map(spans.map((x) => [x.id, x]));
          const items = [
            ...spans.map((x) => JSON.stringify(spanObject(sc, a, x))),
            ...links.map((l) => JSON.stringify(linkObject(sc, a, l, byId.get(l.fromId)!))),
          ];
          const body = out.slice(out.indexOf('"items":[\n') + '"items":[\n'.length);
          expect(body.slice(0, body.lastIndexOf('\n],"partOf":'))).toBe(items.join(',\n'));
          // The totals, counted as the items were written, follow them.
          const doc = JSON.parse(out);
          expect([doc.total, doc.first.partOf.total]).toEqual([items.length, items.length]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('streams a large export in chunks of about 64 KB, not one per annotation', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => span(`s${i}`, 'Café owner denied', 'denial'));
    const chunks = await exportChunks([{ ...article, spans: many, links: [] }], scope);
    expect(chunks.length).toBeLessThan(3000 / 50);
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(CHUNK_CHARS);
    expect(JSON.parse(chunks.join('')).first.items).toHaveLength(3000);
  });

  it('an empty export is a valid collection with total 0', async () => {
    const doc = await exportDoc([], scope);
    expect(doc.total).toBe(0);
    expect(collectionMusts(doc)).toEqual([]);
  });
});

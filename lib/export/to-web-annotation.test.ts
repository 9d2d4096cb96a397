import { describe, expect, it } from 'vitest';
import { mustValidator } from '../../test/w3c-validator';
import { toWebAnnotation } from './to-web-annotation';
import type { ExportArticle, ExportScope } from './types';

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
const scope: ExportScope = { projectId: 'p1', projectName: 'P', baseUrl: 'https://cc.example.org', total: { spans: 2, links: 1 } };

async function exportDoc(a: ExportArticle[], s = scope) {
  async function* gen() {
    yield* a;
  }
  let out = '';
  for await (const chunk of toWebAnnotation(s, gen(), 'P (approved)')) out += chunk;
  return JSON.parse(out);
}

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

  it('an empty export is a valid collection with total 0', async () => {
    const doc = await exportDoc([], { ...scope, total: { spans: 0, links: 0 } });
    expect(doc.total).toBe(0);
    expect(collectionMusts(doc)).toEqual([]);
  });
});

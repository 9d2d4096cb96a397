import { describe, expect, it } from 'vitest';
import { claimantType, mainSpeaker, toClaimReview } from './to-claimreview';
import type { ExportClaim, ExportClaimArticle, ExportScope } from './types';

const scope: ExportScope = { projectId: 'p1', projectName: 'Example Fact Desk', baseUrl: 'https://cc.example.org' };
const a1: ExportClaimArticle = { id: 'a1', title: 'Albania cuts ties 🇦🇱', outlet: 'News Example', url: 'https://news.example.com/2022/09/07/albania-iran', author: null, published: '2022-09-07' };
const a2: ExportClaimArticle = { id: 'a2', title: 'Attribution 👩‍💻', outlet: 'Wire', url: null, author: null, published: '2022-09-06' };
const a3: ExportClaimArticle = { id: 'a3', title: 'Undated', outlet: null, url: null, author: null, published: null };
const at = new Date('2022-09-12T08:00:00.000Z');

const claim = (id: string, verdict: string | null, spans: ExportClaim['spans'], verdictAt: Date | null = null): ExportClaim => ({
  id, text: 'Iran was behind the July 2022 cyberattack on Albania', verdict, verdictNote: null, verdictAt, createdAt: at, updatedAt: at, spans,
});
const claims: ExportClaim[] = [
  claim('c1', 'Mostly supported', [
    { id: 's1', label: 'assertion', speaker: 'Edi Rama', start: 0, article: a1 },
    { id: 's2', label: 'assertion', speaker: 'Microsoft', start: 5, article: a2 },
    { id: 's3', label: 'assertion', speaker: 'Edi Rama', start: 9, article: a2 },
    { id: 's4', label: 'denial', speaker: 'Tehran', start: 20, article: a1 },
    { id: 's5', label: 'denial', speaker: 'Tehran', start: 30, article: a3 },
  ]),
  claim('c2', null, [{ id: 's6', label: 'assertion', speaker: 'X', start: 0, article: a1 }]),
  claim('c3', '  ', []),
  claim('c4', 'False', [{ id: 's7', label: 'assertion', speaker: 'Iranian Foreign Ministry', start: 0, article: a3 }]),
];

async function exportDoc(list: ExportClaim[]) {
  async function* gen() {
    yield* list;
  }
  let out = '';
  for await (const chunk of toClaimReview(scope, gen())) out += chunk;
  return JSON.parse(out);
}

describe('ClaimReview export', () => {
  it("dates the review by its verdict, not by the claim's last rewording, and gives the verdict's reason", async () => {
    const judged = { ...claim('c5', 'False', [], new Date('2022-09-10T10:00:00Z')), verdictNote: ' Microsoft attributed it; Iran denies it. ', updatedAt: new Date('2022-10-01T00:00:00Z') };
    const [review] = await exportDoc([judged]);
    expect(review.datePublished).toBe('2022-09-10');
    expect(review.reviewRating).toEqual({ '@type': 'Rating', alternateName: 'False', ratingExplanation: 'Microsoft attributed it; Iran denies it.' });
  });

  it('is a JSON array with one ClaimReview per claim that has a verdict', async () => {
    const doc = await exportDoc(claims);
    expect(Array.isArray(doc)).toBe(true);
    expect(doc.map((r: { url: string }) => r.url)).toEqual(['https://cc.example.org/claims/c1', 'https://cc.example.org/claims/c4']);
  });

  it('has the required properties (claimReviewed, reviewRating.alternateName, url) and the recommended ones', async () => {
    const [review] = await exportDoc(claims);
    expect(review).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://cc.example.org/claims/c1',
      claimReviewed: 'Iran was behind the July 2022 cyberattack on Albania',
      datePublished: '2022-09-12',
      author: { '@type': 'Organization', name: 'Example Fact Desk' },
      reviewRating: { '@type': 'Rating', alternateName: 'Mostly supported' },
    });
    const item = review.itemReviewed;
    expect(item['@type']).toBe('Claim');
    // One appearance per distinct article, earliest published first, undated last.
    expect(item.appearance).toEqual([
      { '@type': 'CreativeWork', url: 'https://cc.example.org/articles/a2', headline: 'Attribution 👩‍💻', datePublished: '2022-09-06', publisher: { '@type': 'Organization', name: 'Wire' } },
      { '@type': 'CreativeWork', url: 'https://news.example.com/2022/09/07/albania-iran', headline: 'Albania cuts ties 🇦🇱', datePublished: '2022-09-07', publisher: { '@type': 'Organization', name: 'News Example' } },
      { '@type': 'CreativeWork', url: 'https://cc.example.org/articles/a3', headline: 'Undated' },
    ]);
    expect(item.firstAppearance).toEqual(item.appearance[0]);
    expect(item.datePublished).toBe('2022-09-06');
    // The most frequent speaker of its assertion spans (denials do not count).
    expect(item.author).toEqual({ '@type': 'Person', name: 'Edi Rama' });
  });

  it('types an organization claimant as Organization; no dated appearance means no firstAppearance', async () => {
    const [, review] = await exportDoc(claims);
    expect(review.itemReviewed.author).toEqual({ '@type': 'Organization', name: 'Iranian Foreign Ministry' });
    expect(review.itemReviewed.firstAppearance).toBeUndefined();
    expect(review.reviewRating.alternateName).toBe('False');
    expect(claimantType('NATO')).toBe('Organization');
    expect(claimantType('Edi Rama')).toBe('Person');
  });

  it('mainSpeaker breaks ties by the first one met; a claim without assertion speakers has no author', async () => {
    expect(mainSpeaker(claim('t', 'x', [
      { id: '1', label: 'assertion', speaker: 'B', start: 0, article: a1 },
      { id: '2', label: 'assertion', speaker: 'A', start: 1, article: a1 },
    ]))).toBe('B');
    const [review] = await exportDoc([claim('c5', 'True', [{ id: 's', label: 'evidence', speaker: 'Y', start: 0, article: a1 }])]);
    expect(review.itemReviewed.author).toBeUndefined();
  });

  it('an export without reviewed claims is an empty array', async () => {
    expect(await exportDoc([])).toEqual([]);
    expect(await exportDoc([claims[1]])).toEqual([]);
  });
});

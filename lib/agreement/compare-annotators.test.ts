import { describe, expect, it } from 'vitest';
import { compareAnnotators, type ArticleAnnotations } from './compare-annotators';
import { krippendorffAlphaNominal } from './krippendorff-alpha';

const span = (id: string, start: number, end: number, label: string) => ({ id, start, end, label });

describe('compareAnnotators', () => {
  // Two articles, worked by hand. Codes per character (A assertion, D denial, E evidence, . none):
  //   a1  alice  A A A A . D D . E E      bob  A A A A . E E . E .
  //   a2  alice  . . . . .  (listed, no spans)  bob  . D D . .
  const twoArticles: ArticleAnnotations[] = [
    {
      id: 'a1',
      length: 10,
      byAnnotator: {
        alice: [span('s1', 0, 4, 'assertion'), span('s2', 5, 7, 'denial'), span('s3', 8, 10, 'evidence')],
        bob: [span('t3', 8, 9, 'evidence'), span('t1', 0, 4, 'assertion'), span('t2', 5, 7, 'evidence')],
      },
    },
    { id: 'a2', length: 5, byAnnotator: { alice: [], bob: [span('t4', 1, 3, 'denial')] } },
  ];

  it('computes overall and per-label kappa over the characters of the shared articles', () => {
    const { annotators, pairs, alpha } = compareAnnotators(twoArticles);
    expect(annotators).toEqual(['alice', 'bob']);
    // Alpha for the two of them: 15 units of two values each, n = 30 (A 8, D 4, E 5, none 13).
    // The 5 characters they differ on give 2 unlike ordered pairs each, worth 1/(2-1): sum_{c != k} o_ck = 10.
    // sum_{c != k} n_c n_k = 30^2 - (64 + 16 + 25 + 169) = 626; alpha = 1 - 29 * 10 / 626 = 168/313.
    // (Scott's pi is (600 - 274)/(900 - 274) = 326/626, and pi + (1 - pi)/n = 336/626: the same.)
    expect(alpha).toEqual({ alpha: expect.closeTo(168 / 313, 12), n: 30 });
    expect(pairs).toHaveLength(1);
    const pair = pairs[0]!;
    expect(pair).toMatchObject({ a: 'alice', b: 'bob', articles: 2, items: 15 });

    // Overall: they agree on 10 of 15 characters (a1: 0-4, 7, 8; a2: 0, 3, 4).
    // alice A4 D2 E2 none7, bob A4 D2 E3 none6: n^2 p_e = 16 + 4 + 6 + 42 = 68.
    // kappa = (15 * 10 - 68) / (225 - 68) = 82/157.
    expect(pair.overall).toEqual({ kappa: 82 / 157, observed: 10 / 15, expected: 68 / 225, n: 15 });

    // Assertion: identical 4 yes / 11 no, kappa = 1.
    expect(pair.perLabel.assertion.kappa).toBe(1);
    // Denial: alice yes on a1 5-6, bob on a2 1-2; agree on the other 11.
    // n^2 p_e = 2*2 + 13*13 = 173; kappa = (15*11 - 173) / (225 - 173) = -8/52.
    expect(pair.perLabel.denial.kappa).toBeCloseTo(-8 / 52, 12);
    // Evidence: alice yes on a1 8-9, bob on a1 5, 6, 8; agree on 12 (8 yes, 11 no).
    // n^2 p_e = 2*3 + 13*12 = 162; kappa = (15*12 - 162) / (225 - 162) = 18/63.
    expect(pair.perLabel.evidence.kappa).toBeCloseTo(18 / 63, 12);
  });

  it('lists the spans without an exact twin, with the reason, in reading order', () => {
    const [pair] = compareAnnotators(twoArticles).pairs;
    expect(pair!.mismatches).toEqual([
      { articleId: 'a1', annotator: 'alice', spanId: 's2', start: 5, end: 7, label: 'denial', reason: 'label differs' },
      { articleId: 'a1', annotator: 'alice', spanId: 's3', start: 8, end: 10, label: 'evidence', reason: 'boundaries differ' },
      { articleId: 'a1', annotator: 'bob', spanId: 't2', start: 5, end: 7, label: 'evidence', reason: 'label differs' },
      { articleId: 'a1', annotator: 'bob', spanId: 't3', start: 8, end: 9, label: 'evidence', reason: 'boundaries differ' },
      { articleId: 'a2', annotator: 'bob', spanId: 't4', start: 1, end: 3, label: 'denial', reason: 'unmatched' },
    ]);
  });

  // Three annotators. carol did not annotate y; dave annotated only z, which nobody else did.
  //   x  alice A A . .   bob A A . .   carol A A A .
  //   y  alice . .       bob D .       carol (missing)
  const threeAnnotators: ArticleAnnotations[] = [
    {
      id: 'x',
      length: 4,
      byAnnotator: { alice: [span('a', 0, 2, 'assertion')], bob: [span('b', 0, 2, 'assertion')], carol: [span('c', 0, 3, 'assertion')] },
    },
    { id: 'y', length: 2, byAnnotator: { alice: [], bob: [span('d', 0, 1, 'denial')] } },
    { id: 'z', length: 3, byAnnotator: { dave: [span('e', 0, 3, 'evidence')] } },
  ];

  it('pairs only annotators who share an article, counting only what they share', () => {
    const { annotators, pairs } = compareAnnotators(threeAnnotators);
    expect(annotators).toEqual(['alice', 'bob', 'carol', 'dave']);
    expect(pairs.map(({ a, b, articles, items }) => [a, b, articles, items])).toEqual([
      ['alice', 'bob', 2, 6],
      ['alice', 'carol', 1, 4],
      ['bob', 'carol', 1, 4],
    ]);
  });

  it('adds nominal alpha over everyone, a missing value where someone did not annotate', () => {
    // Units (characters): x0 A A A, x1 A A A, x2 . . A, x3 . . ., y0 . D, y1 . .; z's units have one
    // value each and drop out. n = 16 (A 7, none 8, D 1).
    // Unlike pairs: x2 has 2*2*1 = 4 worth 1/(3-1) = 2; y0 has 2 worth 1: sum_{c != k} o_ck = 4.
    // sum_{c != k} n_c n_k = 16^2 - (49 + 64 + 1) = 142; alpha = 1 - 15 * 4 / 142 = 41/71.
    const { alpha } = compareAnnotators(threeAnnotators);
    expect(alpha!.n).toBe(16);
    expect(alpha!.alpha).toBeCloseTo(41 / 71, 12);
    const _ = null;
    const units = [['assertion', 'assertion', 'assertion', _], ['assertion', 'assertion', 'assertion', _], ['none', 'none', 'assertion', _], ['none', 'none', 'none', _], ['none', 'denial', _, _], ['none', 'none', _, _], [_, _, _, 'evidence'], [_, _, _, 'evidence'], [_, _, _, 'evidence']];
    expect(alpha).toEqual(krippendorffAlphaNominal(units));
  });

  it('says which article and annotator hold a span that does not fit', () => {
    expect(() => compareAnnotators([{ id: 'short', length: 3, byAnnotator: { alice: [span('s', 2, 9, 'denial')] } }])).toThrow(
      /Article short, annotator alice: Span \[2, 9\)/,
    );
  });

  it('has no alpha for a single annotator, who agrees with nobody', () => {
    expect(compareAnnotators([{ id: 'solo', length: 3, byAnnotator: { alice: [span('s', 0, 2, 'denial')] } }]).alpha).toBeNull();
  });

  it('reports nothing for no articles', () => {
    expect(compareAnnotators([])).toEqual({ annotators: [], pairs: [], alpha: null });
  });
});

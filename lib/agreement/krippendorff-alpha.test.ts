import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohenKappa } from './cohen-kappa';
import { coincidenceMatrix, krippendorffAlphaNominal } from './krippendorff-alpha';

const _ = null;
/** Rows are coders, columns units (the paper's layout); alpha wants one array per unit. */
const byUnit = (rows: (number | null)[][]) =>
  rows[0]!.map((_, u) => rows.map((row) => (row[u] == null ? null : String(row[u]))));

/** Scott's pi, computed independently of the coincidence matrix, for the two-coder cross-check. */
function scottsPi(a: string[], b: string[]) {
  const N = a.length;
  const pooled = new Map<string, number>();
  for (const v of [...a, ...b]) pooled.set(v, (pooled.get(v) ?? 0) + 1);
  const po = a.filter((v, i) => v === b[i]).length / N;
  let pe = 0;
  for (const c of pooled.values()) pe += (c / (2 * N)) ** 2;
  return (po - pe) / (1 - pe);
}

describe('krippendorffAlphaNominal', () => {
  // Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability, section C
  // ("nominal data, any number of observers, missing data"), https://repository.upenn.edu/asc_papers/43.
  // The same matrix is the "C" data in the examples of R's irr::kripp.alpha / DescTools::KrippAlpha.
  const paperExampleC = byUnit([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _], // observer A
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3], // observer B
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _], // observer C
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _], // observer D
  ]);

  it('reproduces Krippendorff (2011): 4 observers, 12 units, missing data, nominal alpha = 0.743', () => {
    // By hand: unit 12 has one value and drops out, leaving n = 40 pairable values.
    // Only units 2 (2,2,3,2), 6 (1,2,3,4) and 8 (1,1,2,1) disagree; each has m_u = 4 and
    // 6, 12 and 6 ordered unlike pairs, each worth 1/3: sum_{c != k} o_ck = 2 + 4 + 2 = 8.
    // n_1..n_5 = 9, 13, 10, 5, 3: sum_{c != k} n_c n_k = 40^2 - (81 + 169 + 100 + 25 + 9) = 1216.
    // alpha = 1 - 39 * 8 / 1216 = 0.74342...
    const result = krippendorffAlphaNominal(paperExampleC);
    expect(result.n).toBe(40);
    expect(result.alpha).toBeCloseTo(0.743, 3);
    expect(result.alpha).toBeCloseTo(1 - (39 * 8) / 1216, 12);
  });

  it('builds the coincidence matrix of that example: rows sum to the value counts', () => {
    const { o, marginals, n } = coincidenceMatrix(paperExampleC);
    expect(n).toBe(40);
    expect(Object.fromEntries([...marginals].sort())).toEqual({ '1': 9, '2': 13, '3': 10, '4': 5, '5': 3 });
    for (const [c, row] of o) {
      expect([...row.values()].reduce((s, v) => s + v, 0)).toBeCloseTo(marginals.get(c)!, 12);
      for (const [k, v] of row) expect(o.get(k)!.get(c)).toBeCloseTo(v, 12);
    }
    // 2-2 pairs: unit 2 (2,2,3,2) has 3*2 = 6, units 5 and 9 (2,2,2,2) 4*3 = 12 each, all with
    // m_u = 4 so worth 1/3; units 6 and 8 hold a single 2. o_22 = (6 + 12 + 12) / 3 = 10.
    expect(o.get('2')!.get('2')).toBeCloseTo(10, 12);
  });

  it('reproduces Krippendorff (2011) section B: 2 observers, 12 units, nominal alpha = 0.692', () => {
    // Same paper, "nominal data, two observers, no missing data". By hand: 12 units, n = 24 values:
    // a 4, b 6, c 6, d 6, e 2. Units 1 (a,b), 5 (d,b) and 12 (a,d) disagree, 2 unlike ordered pairs
    // each, worth 1/(2-1): sum_{c != k} o_ck = 6. sum_{c != k} n_c n_k = 24^2 - (16 + 36 + 36 + 36 + 4) = 448.
    // alpha = 1 - 23 * 6 / 448 = 310/448 = 0.69196...
    const a = ['a', 'a', 'b', 'b', 'd', 'c', 'c', 'c', 'e', 'd', 'd', 'a'];
    const b = ['b', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'e', 'd', 'd', 'd'];
    const result = krippendorffAlphaNominal(a.map((v, i) => [v, b[i]!]));
    expect(result.n).toBe(24);
    expect(result.alpha).toBeCloseTo(0.692, 3);
    expect(result.alpha).toBeCloseTo(310 / 448, 12);
  });

  it('reproduces the 3-coder, 15-unit computational example: nominal alpha = 0.691', () => {
    // The example in Wikipedia's "Krippendorff's alpha" article (after Krippendorff's Content
    // Analysis); dallascard/krippendorff_alpha reports 0.691 for it. By hand:
    // pairable units 3-13 and 15 hold n = 26 values: 1 x7, 2 x4, 3 x10, 4 x5.
    // Disagreements: unit 6 (3,3,4; m_u = 3) gives 4 unlike pairs worth 1/2 = 2,
    // unit 8 (1,3) gives 2, unit 15 (3,4) gives 2: sum_{c != k} o_ck = 6.
    // sum_{c != k} n_c n_k = 26^2 - (49 + 16 + 100 + 25) = 486. alpha = 1 - 25 * 6 / 486 = 0.69136...
    const result = krippendorffAlphaNominal(
      byUnit([
        [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
        [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
        [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
      ]),
    );
    expect(result.n).toBe(26);
    expect(result.alpha).toBeCloseTo(0.691, 3);
    expect(result.alpha).toBeCloseTo(1 - (25 * 6) / 486, 12);
  });

  it('for two coders without missing data is Scott\'s pi corrected for sample size, not kappa', () => {
    // N = 6 units, two coders:  A: y y y y n n
    //                           B: y y n n n n
    // Agreement on units 1, 2, 5, 6; units 3 and 4 are (y, n).
    // Kappa (own marginals): p_o = 4/6, p_e = (4*2 + 2*4)/36 = 4/9, kappa = (2/9)/(5/9) = 0.4.
    // Scott's pi (pooled marginals, y 6 of 12): p_e = 1/2, pi = (4/6 - 1/2)/(1/2) = 1/3.
    // Alpha: coincidences o_yy = 2 + 2 = 4, o_nn = 4, o_yn = o_ny = 1 + 1 = 2; n_y = n_n = 6, n = 12.
    //   D_o ~ sum_{c != k} o_ck = 4;  D_e ~ sum_{c != k} n_c n_k = 2 * 6 * 6 = 72.
    //   alpha = 1 - (n - 1) * 4 / 72 = 1 - 44/72 = 7/18 = 0.3888...
    // which is pi + (1 - pi)/n = 1/3 + (2/3)/12 = 7/18: alpha corrects pi for a small sample.
    const a = ['y', 'y', 'y', 'y', 'n', 'n'];
    const b = ['y', 'y', 'n', 'n', 'n', 'n'];
    const alpha = krippendorffAlphaNominal(a.map((v, i) => [v, b[i]!]));
    expect(alpha).toEqual({ alpha: expect.closeTo(7 / 18, 12), n: 12 });
    expect(scottsPi(a, b)).toBeCloseTo(1 / 3, 12);
    expect(cohenKappa(a, b).kappa).toBeCloseTo(0.4, 12);
    expect(alpha.alpha).not.toBeCloseTo(0.4, 3);
  });

  it('matches alpha = pi + (1 - pi) / n for any two complete codings', () => {
    const codes = fc.constantFrom('none', 'assertion', 'denial', 'evidence');
    fc.assert(
      fc.property(fc.array(fc.tuple(codes, codes), { minLength: 1, maxLength: 100 }), (pairs) => {
        const a = pairs.map(([x]) => x);
        const b = pairs.map(([, y]) => y);
        fc.pre(new Set([...a, ...b]).size >= 2);
        const pi = scottsPi(a, b);
        const { alpha, n } = krippendorffAlphaNominal(pairs);
        expect(n).toBe(2 * pairs.length);
        expect(alpha).toBeCloseTo(pi + (1 - pi) / n, 10);
      }),
    );
  });

  it('ignores units with fewer than two values', () => {
    const lone = [[_, '1', _, _], [_, _, _, _]];
    expect(krippendorffAlphaNominal([...paperExampleC, ...lone])).toEqual(krippendorffAlphaNominal(paperExampleC));
  });

  it('is undefined (null) with no pairable unit or a single value throughout', () => {
    expect(krippendorffAlphaNominal([])).toEqual({ alpha: null, n: 0 });
    expect(krippendorffAlphaNominal([['x', null], [null, 'y']])).toEqual({ alpha: null, n: 0 });
    expect(krippendorffAlphaNominal([['none', 'none'], ['none', 'none', null]])).toEqual({ alpha: null, n: 4 });
  });

  it('is 1 for identical codings with at least two values present, missing coders or not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('none', 'assertion', 'denial', 'evidence'), { minLength: 2, maxLength: 60 }),
        fc.integer({ min: 2, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 3 })),
        (values, coders, missing) => {
          fc.pre(new Set(values).size >= 2);
          // Every unit keeps at least two values; extra coders are missing where `missing` says so.
          const units = values.map((v, u) => [v, v, ...Array.from({ length: coders - 2 }, (_, i) => ((missing[u] ?? 0) > i ? null : v))]);
          expect(krippendorffAlphaNominal(units).alpha).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it('does not depend on the order of coders within a unit or of units', () => {
    const reversed = paperExampleC.map((unit) => [...unit].reverse()).reverse();
    expect(krippendorffAlphaNominal(reversed).alpha).toBeCloseTo(krippendorffAlphaNominal(paperExampleC).alpha!, 12);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohenKappa } from './cohen-kappa';

/** Items i where rater A said `x` and rater B said `y`, `count` times. */
const cells = (...spec: [x: string, y: string, count: number][]) => {
  const a: string[] = [];
  const b: string[] = [];
  for (const [x, y, count] of spec) for (let i = 0; i < count; i++) a.push(x), b.push(y);
  return [a, b] as const;
};

/** Two codings of the same items in which at least two codes occur (so kappa is defined). */
const twoCodings = fc
  .array(fc.tuple(fc.constantFrom('none', 'assertion', 'denial', 'evidence'), fc.constantFrom('none', 'assertion', 'denial', 'evidence')), { minLength: 1, maxLength: 200 })
  .map((pairs) => [pairs.map(([x]) => x), pairs.map(([, y]) => y)] as const);

describe('cohenKappa', () => {
  it("reproduces the grant-proposal example of Wikipedia's \"Cohen's kappa\" article", () => {
    // Wikipedia, "Cohen's kappa", simple example: 50 proposals, readers A and B.
    // A yes/B yes 20, A yes/B no 5, A no/B yes 10, A no/B no 15.
    // p_o = (20 + 15) / 50 = 0.7; A says yes 25/50 = 0.5, B says yes 30/50 = 0.6,
    // p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5; kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
    const [a, b] = cells(['yes', 'yes', 20], ['yes', 'no', 5], ['no', 'yes', 10], ['no', 'no', 15]);
    expect(cohenKappa(a, b)).toEqual({ kappa: 0.4, observed: 0.7, expected: 0.5, n: 50 });
  });

  it('is 1 for perfect agreement', () => {
    const codes = ['none', 'assertion', 'assertion', 'denial', 'none', 'evidence'];
    expect(cohenKappa(codes, [...codes]).kappa).toBe(1);
  });

  it('is negative when raters agree less often than chance would have them', () => {
    // A: y y n n, B: n y y y. p_o = 1/4 (item 2 only).
    // A says y 2/4, B says y 3/4: p_e = 2/4 * 3/4 + 2/4 * 1/4 = 8/16 = 0.5.
    // kappa = (0.25 - 0.5) / (1 - 0.5) = -0.5.
    expect(cohenKappa(['y', 'y', 'n', 'n'], ['n', 'y', 'y', 'y'])).toEqual({ kappa: -0.5, observed: 0.25, expected: 0.5, n: 4 });
    // Systematic disagreement: p_o = 0, p_e = 0.5, kappa = -1.
    expect(cohenKappa(['y', 'y', 'n', 'n'], ['n', 'n', 'y', 'y']).kappa).toBe(-1);
  });

  it('is undefined (null) when chance alone predicts full agreement', () => {
    // Both raters marked nothing: p_o = p_e = 1, and 0/0 is no measure of anything.
    expect(cohenKappa(['none', 'none'], ['none', 'none'])).toEqual({ kappa: null, observed: 1, expected: 1, n: 2 });
    expect(cohenKappa([], []).kappa).toBeNull();
  });

  it('is defined when one rater uses a single code and the other does not', () => {
    // p_o = 1/2, p_e = 1 * 1/2 = 1/2, kappa = 0: no better than chance.
    expect(cohenKappa(['none', 'none'], ['none', 'denial']).kappa).toBe(0);
  });

  it('refuses codings of different lengths', () => {
    expect(() => cohenKappa(['a'], ['a', 'b'])).toThrow(RangeError);
  });

  it('is 1 for identical codings with at least two codes present', () => {
    fc.assert(
      fc.property(twoCodings, ([a]) => {
        fc.pre(new Set(a).size >= 2);
        expect(cohenKappa(a, a).kappa).toBeCloseTo(1, 12);
      }),
    );
  });

  it('does not change when the raters swap', () => {
    fc.assert(
      fc.property(twoCodings, ([a, b]) => {
        expect(cohenKappa(b, a)).toEqual(cohenKappa(a, b));
      }),
    );
  });

  it('stays within [-1, 1] and agrees with the textbook formula', () => {
    fc.assert(
      fc.property(twoCodings, ([a, b]) => {
        const { kappa, observed, expected } = cohenKappa(a, b);
        if (kappa === null) return;
        expect(kappa).toBeGreaterThanOrEqual(-1 - 1e-12);
        expect(kappa).toBeLessThanOrEqual(1 + 1e-12);
        expect(kappa).toBeCloseTo((observed - expected) / (1 - expected), 10);
      }),
    );
  });
});

/**
 * Cohen's kappa for two raters who each gave one nominal code to the same n items:
 * kappa = (p_o - p_e) / (1 - p_e), where p_o is the share of items they coded alike
 * and p_e the agreement expected if each rater drew codes independently at their
 * own observed rates (the product of the two raters' marginals, summed over codes).
 */
export type KappaResult = {
  /** null when kappa is undefined: no items, or p_e = 1 (both raters used one and the same code throughout). */
  kappa: number | null;
  /** p_o; 0 when n = 0 (read kappa, not this, in that case). */
  observed: number;
  /** p_e; 0 when n = 0. */
  expected: number;
  n: number;
};

export function cohenKappa(a: readonly string[], b: readonly string[]): KappaResult {
  // A length mismatch means the caller paired the wrong codings; a number would hide that.
  if (a.length !== b.length) throw new RangeError(`cohenKappa: raters coded ${a.length} and ${b.length} items`);
  const n = a.length;
  if (n === 0) return { kappa: null, observed: 0, expected: 0, n };

  let agreed = 0;
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) agreed++;
    countA.set(a[i]!, (countA.get(a[i]!) ?? 0) + 1);
    countB.set(b[i]!, (countB.get(b[i]!) ?? 0) + 1);
  }
  // chance = n^2 * p_e, kept as an integer so that "p_e = 1" is an exact test and
  // kappa = (n*agreed - chance) / (n^2 - chance) divides only once (0.4 comes out as 0.4).
  let chance = 0;
  for (const [code, na] of countA) chance += na * (countB.get(code) ?? 0);
  const nn = n * n;
  return {
    kappa: chance === nn ? null : (n * agreed - chance) / (nn - chance),
    observed: agreed / n,
    expected: chance / nn,
    n,
  };
}

/**
 * Krippendorff's alpha for nominal data, any number of coders, missing values allowed,
 * computed the way Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability"
 * (https://repository.upenn.edu/asc_papers/43) lays it out:
 *
 * 1. Keep only pairable units, those with m_u >= 2 values; a lone value has nobody to agree with.
 * 2. Coincidence matrix: each ordered pair of values (c, k) from two different coders of unit u
 *    adds 1 / (m_u - 1), so every pairable value adds exactly 1 to its row and n_c is the number
 *    of pairable values c, n the number of all pairable values.
 * 3. alpha = 1 - D_o / D_e = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c * n_k
 *    (nominal difference: 0 for equal values, 1 otherwise).
 */
export type AlphaResult = {
  /** null when undefined: no pairable unit, or every pairable value is the same (D_e = 0). */
  alpha: number | null;
  /** Pairable values (n in the paper). */
  n: number;
};

export type Coincidences = {
  /** o_ck, both orders present (the matrix is symmetric); zero cells are absent. */
  o: Map<string, Map<string, number>>;
  /** n_c, the row sums of o. */
  marginals: Map<string, number>;
  n: number;
};

/** Units are read once, so a generator works: callers need not hold millions of arrays. */
export function coincidenceMatrix(units: Iterable<readonly (string | null)[]>): Coincidences {
  // Pair counts are integers; grouping them by m_u and dividing by (m_u - 1) only at the end
  // keeps rounding error from piling up over a million one-character units.
  const pairsByM = new Map<number, Map<string, Map<string, number>>>();
  const marginals = new Map<string, number>();
  let n = 0;
  for (const unit of units) {
    const counts = new Map<string, number>();
    for (const v of unit) if (v != null) counts.set(v, (counts.get(v) ?? 0) + 1);
    let m = 0;
    for (const c of counts.values()) m += c;
    if (m < 2) continue;
    n += m;
    let pairs = pairsByM.get(m);
    if (!pairs) pairsByM.set(m, (pairs = new Map()));
    for (const [c, nc] of counts) {
      marginals.set(c, (marginals.get(c) ?? 0) + nc);
      for (const [k, nk] of counts) add(pairs, c, k, c === k ? nc * (nc - 1) : nc * nk);
    }
  }
  const o = new Map<string, Map<string, number>>();
  for (const [m, pairs] of pairsByM)
    for (const [c, row] of pairs) for (const [k, count] of row) if (count > 0) add(o, c, k, count / (m - 1));
  return { o, marginals, n };
}

export function alphaFromCoincidences({ o, marginals, n }: Coincidences): AlphaResult {
  let observed = 0; // sum_{c != k} o_ck
  for (const [c, row] of o) for (const [k, v] of row) if (c !== k) observed += v;
  let expected = n * n; // sum_{c != k} n_c n_k = n^2 - sum_c n_c^2, exact in integers
  for (const nc of marginals.values()) expected -= nc * nc;
  if (expected === 0) return { alpha: null, n };
  return { alpha: 1 - ((n - 1) * observed) / expected, n };
}

/** units[u][i] is coder i's value for unit u, null where coder i gave none. */
export function krippendorffAlphaNominal(units: Iterable<readonly (string | null)[]>): AlphaResult {
  return alphaFromCoincidences(coincidenceMatrix(units));
}

function add(matrix: Map<string, Map<string, number>>, c: string, k: string, by: number) {
  let row = matrix.get(c);
  if (!row) matrix.set(c, (row = new Map()));
  row.set(k, (row.get(k) ?? 0) + by);
}

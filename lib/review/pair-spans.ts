/**
 * Pairs two analysts' spans on one article for a side-by-side comparison, the
 * way a curator reads them: two spans are a pair when they overlap (half-open
 * code-point ranges). With the same tag, identical boundaries make an exact
 * pair, anything else a partial one; with different tags they are a conflict
 * ('tag': the same passage called an assertion by one and evidence by the
 * other, what Agreement counts as "label differs"), decided like any pair.
 * Each span is in at most one pair; a span left over stands alone.
 *
 * Greedy, not an optimal matching: spans of the same tag first (exact, then
 * the largest overlap, then the closest boundaries), so a conflict never
 * takes a span that agrees with another; then conflicts the same way. A long span of one analyst against two
 * short ones of the other pairs with the one it shares most with, and the
 * other short span stands alone, which is what a reviewer wants to decide on
 * separately anyway. Spans per article number in the tens, so the quadratic
 * candidate list is cheap.
 */
export type PairableSpan = { id: string; start: number; end: number; label: string };

export type PairKind = 'exact' | 'partial' | 'tag' | 'only-a' | 'only-b';

export type SpanPair<T extends PairableSpan> =
  | { kind: 'exact' | 'partial' | 'tag'; a: T; b: T }
  | { kind: 'only-a'; a: T; b: null }
  | { kind: 'only-b'; a: null; b: T };

type Candidate = { i: number; j: number; sameTag: boolean; exact: boolean; overlap: number; distance: number };

export function pairSpans<T extends PairableSpan>(spansA: readonly T[], spansB: readonly T[]): SpanPair<T>[] {
  const a = [...spansA].sort(byPosition);
  const b = [...spansB].sort(byPosition);
  const candidates: Candidate[] = [];
  a.forEach((x, i) =>
    b.forEach((y, j) => {
      if (!(x.start < y.end && y.start < x.end)) return;
      candidates.push({
        i,
        j,
        sameTag: x.label === y.label,
        exact: x.start === y.start && x.end === y.end,
        overlap: Math.min(x.end, y.end) - Math.max(x.start, y.start),
        distance: Math.abs(x.start - y.start) + Math.abs(x.end - y.end),
      });
    }),
  );
  candidates.sort(
    (p, q) => Number(q.sameTag) - Number(p.sameTag) || Number(q.exact) - Number(p.exact) || q.overlap - p.overlap || p.distance - q.distance || p.i - q.i || p.j - q.j,
  );

  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: SpanPair<T>[] = [];
  for (const c of candidates) {
    if (usedA.has(c.i) || usedB.has(c.j)) continue;
    usedA.add(c.i);
    usedB.add(c.j);
    pairs.push({ kind: !c.sameTag ? 'tag' : c.exact ? 'exact' : 'partial', a: a[c.i]!, b: b[c.j]! });
  }
  a.forEach((x, i) => {
    if (!usedA.has(i)) pairs.push({ kind: 'only-a', a: x, b: null });
  });
  b.forEach((y, j) => {
    if (!usedB.has(j)) pairs.push({ kind: 'only-b', a: null, b: y });
  });
  return pairs.sort(pairOrder);
}

/** A stable key for a pair, for lists and for the client to address it. */
export function pairKey(pair: { a: { id: string } | null; b: { id: string } | null }): string {
  return `${pair.a?.id ?? '-'}:${pair.b?.id ?? '-'}`;
}

function byPosition(x: PairableSpan, y: PairableSpan): number {
  return x.start - y.start || x.end - y.end || compare(x.id, y.id);
}

const KIND_ORDER: Record<PairKind, number> = { exact: 0, partial: 0, tag: 0, 'only-a': 1, 'only-b': 2 };

/** Reading order: where the pair starts, then where it ends; on a tie pairs, then A's lone span, then B's. */
function pairOrder<T extends PairableSpan>(p: SpanPair<T>, q: SpanPair<T>): number {
  const range = (s: SpanPair<T>) => {
    const spans = [s.a, s.b].filter((x): x is T => x !== null);
    return { start: Math.min(...spans.map((x) => x.start)), end: Math.max(...spans.map((x) => x.end)) };
  };
  const rp = range(p);
  const rq = range(q);
  return rp.start - rq.start || rp.end - rq.end || KIND_ORDER[p.kind] - KIND_ORDER[q.kind] || compare(pairKey(p), pairKey(q));
}

function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

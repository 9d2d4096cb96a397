/**
 * Interval colouring for overlapping spans: gives each [from, to) the lowest
 * lane not used by any span it overlaps, so overlapping highlights can draw
 * their underlines at different depths and stay distinguishable.
 * O(n log n): two binary heaps (spans still open, by end; lanes freed).
 * Returns lanes in input order.
 */
export function assignLanes(spans: readonly { from: number; to: number }[]): number[] {
  // Longer spans first at equal starts, so the outer span gets the lower lane.
  const order = spans.map((_, i) => i).sort((a, b) => spans[a].from - spans[b].from || spans[b].to - spans[a].to);
  const lanes = new Array<number>(spans.length);
  const open = new MinHeap<[end: number, lane: number]>((x, y) => x[0] - y[0]);
  const free = new MinHeap<number>((x, y) => x - y);
  let next = 0;
  for (const i of order) {
    const { from, to } = spans[i];
    while (open.size > 0 && open.peek()![0] <= from) free.push(open.pop()![1]);
    const lane = free.size > 0 ? free.pop()! : next++;
    lanes[i] = lane;
    open.push([to, lane]);
  }
  return lanes;
}

class MinHeap<T> {
  private items: T[] = [];
  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.compare(a[i], a[p]) >= 0) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.compare(a[l], a[m]) < 0) m = l;
        if (r < a.length && this.compare(a[r], a[m]) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

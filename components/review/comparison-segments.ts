/**
 * Cuts an article's text (as code points) into runs that the same spans
 * cover, for a read-only column of the comparison view. A run covered by
 * several spans of one analyst shows the shortest (the most specific, as in
 * lib/agreement/character-codes.ts) and says how many cover it.
 */
export type SegmentSpan = { id: string; start: number; end: number };
export type Segment<T extends SegmentSpan> = { start: number; end: number; span: T | null; covering: number };

export function segmentText<T extends SegmentSpan>(length: number, spans: readonly T[]): Segment<T>[] {
  const fitting = spans.filter((s) => s.start >= 0 && s.end <= length && s.start < s.end);
  const cuts = new Set<number>([0, length]);
  for (const s of fitting) cuts.add(s.start).add(s.end);
  const points = [...cuts].sort((x, y) => x - y);
  const segments: Segment<T>[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const covering = fitting.filter((s) => s.start <= start && s.end >= end);
    const span = covering.reduce<T | null>((best, s) => (!best || s.end - s.start < best.end - best.start ? s : best), null);
    segments.push({ start, end, span, covering: covering.length });
  }
  return segments;
}

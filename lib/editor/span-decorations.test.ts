import { describe, expect, it } from 'vitest';
import { ArticleMapping } from './article-doc';
import { layoutSpans, spanClassName } from './span-decorations';

const span = (id: string, start: number, end: number, exact: string) =>
  ({ id, label: 'assertion', status: 'pending', start, end, exact }) as const;

describe('layoutSpans', () => {
  const mapping = new ArticleMapping('😀 Alpha beta.\nGamma delta.');

  it('converts code points to positions, sorts by position and assigns lanes', () => {
    const { drawn, orphanIds } = layoutSpans(mapping, [span('b', 8, 19, 'beta.\nGamma'), span('a', 2, 13, 'Alpha beta.')]);
    expect(orphanIds.size).toBe(0);
    expect(drawn.map((d) => [d.id, d.from, d.to, d.lane])).toEqual([
      ['a', 4, 15, 0],
      ['b', 10, 22, 1],
    ]);
  });

  it('does not draw a span whose quote no longer matches, and reports it', () => {
    const { drawn, orphanIds } = layoutSpans(mapping, [span('x', 2, 7, 'Alpho'), span('y', 40, 45, 'gone.')]);
    expect(drawn).toEqual([]);
    expect([...orphanIds]).toEqual(['x', 'y']);
  });

  it('lays out 2,000 spans over a long article quickly', () => {
    const words = Array.from({ length: 50_000 }, (_, i) => (i % 97 === 0 ? 'naïve😀' : `word${i % 13}`));
    const text = words.map((w, i) => (i % 120 === 119 ? `${w}\n\n` : `${w} `)).join('');
    const m = new ArticleMapping(text);
    const spans = Array.from({ length: 2000 }, (_, i) => {
      const start = Math.floor((i * (m.index.length - 200)) / 2000);
      const end = start + 5 + (i % 150);
      return span(`s${i}`, start, end, m.index.slice(start, end));
    });
    const t0 = performance.now();
    const { drawn } = layoutSpans(m, spans);
    expect(drawn).toHaveLength(2000);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('spanClassName', () => {
  it('names label, status and a capped lane', () => {
    expect(spanClassName({ label: 'denial', status: 'rejected', lane: 9 }, true)).toBe(
      'span-hl span-hl--denial span-hl--rejected span-hl--lane-3 span-hl--active',
    );
  });
});

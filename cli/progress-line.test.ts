import { describe, expect, it } from 'vitest';
import { renderProgress } from './progress-line';

describe('renderProgress', () => {
  it('draws the bytes read as a bar with the articles read, and says when only the storing is left', () => {
    expect(renderProgress('[1/2] bodies.csv', { articles: 1203, bytes: 2_500, totalBytes: 10_000 })).toBe('[1/2] bodies.csv: [######..................] 25% · 1,203 articles read');
    expect(renderProgress('[1/2] bodies.csv', { articles: 2587, bytes: 10_000, totalBytes: 10_000 })).toBe('[1/2] bodies.csv: [########################] 100% · 2,587 articles read · finishing');
  });

  it('counts articles alone where the size says nothing (a folder)', () => {
    expect(renderProgress('[1/1] corpus', { articles: 1, bytes: 0, totalBytes: 0 })).toBe('[1/1] corpus: 1 article read…');
  });
});

import { describe, expect, it } from 'vitest';
import { LineIndex } from './line-index';

describe('LineIndex', () => {
  it('has one line for text without newlines, including empty text', () => {
    expect(new LineIndex('').starts).toEqual([0]);
    expect(new LineIndex('abc').count).toBe(1);
  });

  it('keeps blank and trailing lines', () => {
    const lines = new LineIndex('ab\n\ncd\n');
    expect(lines.starts).toEqual([0, 3, 4, 7]);
    expect([0, 1, 2, 3].map((l) => [lines.lineStart(l), lines.lineEnd(l)])).toEqual([[0, 2], [3, 3], [4, 6], [7, 7]]);
  });

  it('puts a newline in the line it ends', () => {
    const lines = new LineIndex('ab\ncd');
    expect([0, 1, 2, 3, 4, 5].map((u) => lines.lineOfUnit(u))).toEqual([0, 0, 0, 1, 1, 1]);
  });
});

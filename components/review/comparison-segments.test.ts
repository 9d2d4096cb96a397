import { describe, expect, it } from 'vitest';
import { segmentText } from './comparison-segments';

const s = (id: string, start: number, end: number) => ({ id, start, end });
const view = (segments: ReturnType<typeof segmentText>) => segments.map((g) => `${g.start}-${g.end}:${g.span?.id ?? '.'}${g.covering > 1 ? `x${g.covering}` : ''}`);

describe('segmentText', () => {
  it('cuts the text at every span boundary and covers the whole text once', () => {
    expect(view(segmentText(10, [s('x', 2, 5)]))).toEqual(['0-2:.', '2-5:x', '5-10:.']);
    expect(view(segmentText(4, []))).toEqual(['0-4:.']);
    expect(view(segmentText(0, []))).toEqual([]);
  });

  it('shows the shortest span where spans overlap, and how many cover the run', () => {
    expect(view(segmentText(10, [s('long', 0, 10), s('short', 3, 5)]))).toEqual(['0-3:long', '3-5:shortx2', '5-10:long']);
  });

  it('ignores spans that do not fit the text rather than drawing past its end', () => {
    expect(view(segmentText(5, [s('bad', 3, 9), s('ok', 0, 2)]))).toEqual(['0-2:ok', '2-5:.']);
    expect(view(segmentText(5, [s('bad', 0, 9)]))).toEqual(['0-5:.']);
  });
});

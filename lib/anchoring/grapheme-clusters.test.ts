import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graphemeClusters } from './grapheme-clusters';

const whole = (text: string) => [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);

describe('graphemeClusters', () => {
  it('gives the clusters the segmenter gives for the whole text, across its windows', () => {
    const unit = fc.constantFrom('a', ' ', '\r\n', '\n', 'e\u0301', '👍🏽', '👩‍💻', '🇦', '🇱', '한', '\u1100\u1161', 'x'.repeat(300));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
        const text = units.join('');
        expect([...graphemeClusters(text)]).toEqual(whole(text));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps flags paired when a window ends between regional indicators', () => {
    const text = `${'a'.repeat(1023)}${'🇦🇱'.repeat(20)}`;
    expect([...graphemeClusters(text)]).toEqual(whole(text));
  });
});

import { describe, expect, it } from 'vitest';
import { wordingFromSpan } from './wording-from-span';
import { MAX_CLAIM_LENGTH } from './schema';

describe('wordingFromSpan', () => {
  it('makes one line with single spaces', () => {
    expect(wordingFromSpan('  Iran orchestrated\n\nthe  cyberattack.\t')).toBe('Iran orchestrated the cyberattack.');
  });

  it('cuts long text at a code point and marks the cut', () => {
    const wording = wordingFromSpan('👩‍💻'.repeat(MAX_CLAIM_LENGTH));
    const cps = Array.from(wording);
    expect(cps.length).toBeLessThanOrEqual(MAX_CLAIM_LENGTH);
    expect(cps[cps.length - 1]).toBe('…');
    expect(wording.includes('\uFFFD')).toBe(false);
  });
});

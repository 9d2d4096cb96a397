import { describe, expect, it } from 'vitest';
import { utcTime } from './utc-time';

describe('utcTime', () => {
  it('writes an ISO moment as UTC date and time to the second', () => {
    expect(utcTime('2026-11-22T03:41:16.512Z')).toBe('2026-11-22 03:41:16');
    // An offset is converted, not cut off.
    expect(utcTime('2026-11-22T05:41:16+02:00')).toBe('2026-11-22 03:41:16');
  });
});

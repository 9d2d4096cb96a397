import { describe, expect, it } from 'vitest';
import type { AnnotationDto } from '@/lib/annotations/dto';
import type { ComparisonItem } from '@/lib/review/comparison-dto';
import { overturns } from './comparison-view';

const span = (status: AnnotationDto['status']) => ({ id: status, status }) as AnnotationDto;
const item = (a: AnnotationDto | null, b: AnnotationDto | null): ComparisonItem => ({ key: 'k', kind: a && b ? 'tag' : a ? 'only-a' : 'only-b', a, b });

describe('overturns', () => {
  it('names an earlier decision that a choice would reverse, and nothing otherwise', () => {
    expect(overturns(item(span('approved'), span('pending')), 'b', 'Ana', 'Bo')).toBe('Ana’s span was approved; this rejects it.');
    expect(overturns(item(span('pending'), span('rejected')), 'both', 'Ana', 'Bo')).toBe('Bo’s span was rejected; this approves it.');
    expect(overturns(item(span('approved'), span('rejected')), 'b', 'Ana', 'Bo')).toBe('Ana’s span was approved; this rejects it. Bo’s span was rejected; this approves it.');
    expect(overturns(item(span('approved'), span('rejected')), 'a', 'Ana', 'Bo')).toBeNull();
    expect(overturns(item(span('pending'), null), 'neither', 'Ana', 'Bo')).toBeNull();
  });
});

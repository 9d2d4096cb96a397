import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LABELS } from '@/lib/annotations/dto';
import { parsePageFilters, parsePageQuery } from './page-query';

// The review queue's query, as lib/review/list-queue.ts declares it (that module is server-only).
const queueQuery = z.strictObject({
  status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
  label: z.enum(LABELS).optional(),
  authorId: z.string().max(100).optional(),
});

describe('parsePageQuery', () => {
  it('reads a filter form whose "any" choices send empty values as no filter on them', () => {
    // What the review queue's form sends for Status "approved", Tag and Analyst "any".
    const parsed = parsePageQuery(queueQuery, { status: 'approved', label: '', authorId: '' });
    expect(parsed).toMatchObject({ success: true, data: { status: 'approved' } });
    expect(parsed.success && parsed.data).not.toHaveProperty('label');
  });

  it('still refuses a value the schema does not take, and text PostgreSQL cannot store', () => {
    expect(parsePageQuery(queueQuery, { status: 'maybe' }).success).toBe(false);
    expect(parsePageQuery(queueQuery, { label: 'x\u0000' })).toMatchObject({ success: false, message: expect.stringContaining('U+0000') });
  });
});

describe('parsePageFilters', () => {
  const fallback = queueQuery.parse({});
  it('keeps the valid filters and names what it left out', () => {
    expect(parsePageFilters(queueQuery, { status: 'approved', label: 'claim' }, fallback)).toEqual({
      data: { status: 'approved' },
      message: 'Left out label="claim": must be one of assertion, denial, evidence.',
    });
    expect(parsePageFilters(queueQuery, { foo: '1', label: 'denial' }, fallback)).toEqual({
      data: { status: 'pending', label: 'denial' },
      message: 'Left out “foo”: this page has no such filter.',
    });
    expect(parsePageFilters(queueQuery, { status: 'rejected' }, fallback)).toEqual({ data: { status: 'rejected' }, message: null });
    // In words, and a long value cut short.
    const paged = z.strictObject({ page: z.coerce.number().int().min(1).default(1), q: z.string().max(5).optional() });
    expect(parsePageFilters(paged, { page: '0' }, { page: 1 }).message).toBe('Left out page="0": must be at least 1.');
    expect(parsePageFilters(paged, { page: '1.5' }, { page: 1 }).message).toBe('Left out page="1.5": must be a whole number.');
    expect(parsePageFilters(paged, { page: 'abc' }, { page: 1 }).message).toBe('Left out page="abc": must be a number.');
    expect(parsePageFilters(paged, { q: 'x'.repeat(600) }, { page: 1 }).message).toBe(`Left out q="${'x'.repeat(40)}…": must be at most 5 characters.`);
  });

  it('falls back when nothing valid is left', () => {
    expect(parsePageFilters(queueQuery, { authorId: 'x\u0000' }, fallback)).toEqual({ data: fallback, message: expect.stringContaining('U+0000') });
  });
});

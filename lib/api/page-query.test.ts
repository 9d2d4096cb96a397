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
      message: expect.stringMatching(/^Left out label="claim": /),
    });
    expect(parsePageFilters(queueQuery, { foo: '1', label: 'denial' }, fallback)).toEqual({
      data: { status: 'pending', label: 'denial' },
      message: 'Left out “foo”: this page has no such filter.',
    });
    expect(parsePageFilters(queueQuery, { status: 'rejected' }, fallback)).toEqual({ data: { status: 'rejected' }, message: null });
  });

  it('falls back when nothing valid is left', () => {
    expect(parsePageFilters(queueQuery, { authorId: 'x\u0000' }, fallback)).toEqual({ data: fallback, message: expect.stringContaining('U+0000') });
  });
});

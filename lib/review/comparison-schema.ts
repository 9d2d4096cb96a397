import { z } from 'zod';
import { versionField } from '@/lib/api/version-field';
import { ACCEPT_CHOICES } from './comparison-dto';
import { MAX_REVIEW_COMMENT } from './schema';

const id = z.string().min(1).max(64);
const spanRef = z.strictObject({
  id: id.describe('A span of the article'),
  version: versionField('The version the decision was made against; stale → 409'),
});

/** Query of GET /api/v1/articles/{id}/comparison and of the comparison page. */
export const comparisonQuery = z.strictObject({
  a: id.optional().describe('User id of the first analyst (default: the one with most spans)'),
  b: id.optional().describe('User id of the second analyst (default: the next one)'),
});
export type ComparisonQuery = z.infer<typeof comparisonQuery>;

/**
 * One decision of the comparison view, on a pair of spans or a span alone:
 * accepted spans are approved, the others rejected, all or none.
 */
export const comparisonDecisionInput = z
  .strictObject({
    analystA: id.describe('User id of the analyst in column A'),
    analystB: id.describe('User id of the analyst in column B'),
    a: spanRef.nullable().optional().describe("Analyst A's span of the pair; absent when B's span stands alone"),
    b: spanRef.nullable().optional().describe("Analyst B's span of the pair; absent when A's span stands alone"),
    accept: z.enum(ACCEPT_CHOICES).describe("a: approve A's span and reject B's; b: the reverse; both; neither"),
    comment: z
      .string()
      .trim()
      .max(MAX_REVIEW_COMMENT)
      .optional()
      .describe('Review comment; rejections without one get "Not accepted in comparison with <other analyst>"'),
  })
  .refine((v) => v.a || v.b, { message: 'give the span of A, of B, or both', path: ['a'] })
  .refine((v) => v.analystA !== v.analystB, { message: 'compare two different analysts', path: ['analystB'] });
export type ComparisonDecisionInput = z.infer<typeof comparisonDecisionInput>;

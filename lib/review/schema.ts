import { z } from 'zod';
import { versionField } from '@/lib/api/version-field';

export const MAX_REVIEW_COMMENT = 2_000;

export const reviewInput = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    comment: z.string().trim().max(MAX_REVIEW_COMMENT).optional(),
    version: versionField('The version the decision was made against; stale → 409'),
  })
  .refine((v) => v.decision === 'approve' || (v.comment ?? '').length > 0, {
    message: 'a rejection needs a comment saying why',
    path: ['comment'],
  });
export type ReviewInput = z.infer<typeof reviewInput>;

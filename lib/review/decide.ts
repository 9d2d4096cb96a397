import 'server-only';
import { AppError } from '@/lib/errors';
import { assertAllowed, can, type ProjectRole } from '@/lib/auth/permissions';
import type { ReviewInput } from './schema';

/**
 * The review state machine, in one place. Any status may be decided again
 * (a reviewer can change their mind); edits send an item back to pending
 * elsewhere. Nobody reviews their own work; analysts cannot review.
 */
export function checkReviewAllowed(roles: ProjectRole[], authorId: string, reviewerId: string) {
  assertAllowed(can.review(roles), 'Only reviewers and admins of this project can approve or reject');
  assertAllowed(can.reviewWork(roles, authorId, reviewerId), 'Nobody reviews their own work');
}

export const statusFor = (decision: ReviewInput['decision']) => (decision === 'approve' ? 'APPROVED' : 'REJECTED') as 'APPROVED' | 'REJECTED';

export function staleVersion(current: number, sent: number) {
  return new AppError('CONFLICT', `This item changed since you loaded it (now version ${current}, you sent ${sent}); reload and decide again`, {
    version: `stale; current is ${current}`,
  });
}

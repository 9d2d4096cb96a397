import 'server-only';
import { db } from '@/lib/db/client';
import { recordEvent } from '@/lib/audit/record-event';
import { AppError } from '@/lib/errors';
import { assertAllowed, can } from '@/lib/auth/permissions';
import type { Caller } from '@/lib/auth/caller';
import { findClaimForUser, findSpanForClaim } from './find-claim';

/** Detaches a span from a claim; the span itself stays. A span not attached to this claim answers 404. */
export async function detachSpan(caller: Caller, claimId: string, annotationId: string): Promise<void> {
  const claim = await findClaimForUser(caller.id, claimId);
  assertAllowed(can.annotate(claim.roles), 'Only analysts and admins of this project can detach spans from claims');
  const span = await findSpanForClaim(caller.id, annotationId, claim.projectId, claim.visibility);
  await db.$transaction(async (tx) => {
    const { count } = await tx.annotation.updateMany({ where: { id: span.id, claimId }, data: { claimId: null } });
    if (count === 0) throw new AppError('NOT_FOUND', 'That span is not attached to this claim', { annotationId: 'not attached to this claim' });
    await recordEvent(tx, {
      projectId: claim.projectId, actorId: caller.id, action: 'claim.detach', objectType: 'claim', objectId: claimId,
      before: { annotationId: span.id, exact: span.exact },
    });
  });
}

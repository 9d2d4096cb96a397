import 'server-only';
import { db } from '@/lib/db/client';
import { recordEvent } from '@/lib/audit/record-event';
import { assertAllowed, can } from '@/lib/auth/permissions';
import type { Caller } from '@/lib/auth/caller';
import type { ClaimDto } from './dto';
import { findClaimForUser, findSpanForClaim, spanTaken } from './find-claim';
import { readClaim } from './read-claims';

/**
 * Attaches a span to a claim of the same project. Attaching it again is a
 * no-op; a span attached to another claim answers 409 (a span belongs to at
 * most one claim: detach it there first).
 */
export async function attachSpan(caller: Caller, claimId: string, annotationId: string): Promise<ClaimDto> {
  const claim = await findClaimForUser(caller.id, claimId);
  assertAllowed(can.annotate(claim.roles), 'Only analysts and admins of this project can attach spans to claims');
  const span = await findSpanForClaim(caller.id, annotationId, claim.projectId, claim.visibility);
  if (span.claimId !== claimId) {
    if (span.claimId) throw spanTaken();
    await db.$transaction(async (tx) => {
      const { count } = await tx.annotation.updateMany({ where: { id: span.id, claimId: null }, data: { claimId } });
      if (count === 0) throw spanTaken();
      await recordEvent(tx, {
        projectId: claim.projectId, actorId: caller.id, action: 'claim.attach', objectType: 'claim', objectId: claimId,
        after: { annotationId: span.id, exact: span.exact },
      });
    });
  }
  return readClaim(claimId, claim.visibility);
}

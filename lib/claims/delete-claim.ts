import 'server-only';
import { db } from '@/lib/db/client';
import { recordEvent } from '@/lib/audit/record-event';
import { AppError } from '@/lib/errors';
import { assertAllowed, can } from '@/lib/auth/permissions';
import type { Caller } from '@/lib/auth/caller';
import { findClaimForUser } from './find-claim';
import { staleClaim } from './rename-claim';

/**
 * Deletes a claim at the version the caller saw. Its spans stay (detached,
 * and so do the links between them); the audit event keeps the wording, the
 * verdict and which spans were attached, so the claim's history outlives it.
 * Returns how many spans were detached.
 */
export async function deleteClaim(caller: Caller, id: string, version: number): Promise<{ spansDetached: number }> {
  const found = await findClaimForUser(caller.id, id);
  assertAllowed(can.annotate(found.roles), 'Only analysts and admins of this project can delete claims');
  return db.$transaction(async (tx) => {
    const before = await tx.claim.findUnique({ where: { id }, select: { text: true, verdict: true, verdictNote: true, version: true } });
    if (!before) throw new AppError('NOT_FOUND', 'Claim not found');
    if (before.version !== version) throw staleClaim(before.version, version);
    const spans = await tx.annotation.findMany({ where: { claimId: id }, select: { id: true }, orderBy: { id: 'asc' } });
    await tx.annotation.updateMany({ where: { claimId: id }, data: { claimId: null } });
    // Conditional on the version: a rename that committed meanwhile makes this delete 409.
    const { count } = await tx.claim.deleteMany({ where: { id, version } });
    if (count === 0) throw staleClaim(version + 1, version);
    await recordEvent(tx, {
      projectId: found.projectId, actorId: caller.id, action: 'claim.delete', objectType: 'claim', objectId: id,
      before: { ...before, annotationIds: spans.map((s) => s.id) },
    });
    return { spansDetached: spans.length };
  });
}

import 'server-only';
import { db } from '@/lib/db/client';
import { recordEvent } from '@/lib/audit/record-event';
import { AppError } from '@/lib/errors';
import { assertAllowed, can } from '@/lib/auth/permissions';
import type { Caller } from '@/lib/auth/caller';
import type { ClaimDto } from './dto';
import type { RenameClaimInput } from './schema';
import { findClaimForUser } from './find-claim';
import { readClaim } from './read-claims';

/**
 * New wording for a claim, written only if the claim is still at the version
 * the caller saw (a conditional UPDATE). A stale version gets 409 and changes
 * nothing, so two analysts never overwrite each other unseen.
 */
export async function renameClaim(caller: Caller, id: string, input: RenameClaimInput): Promise<ClaimDto> {
  const found = await findClaimForUser(caller.id, id);
  assertAllowed(can.annotate(found.roles), 'Only analysts and admins of this project can rename claims');
  await db.$transaction(async (tx) => {
    const before = await tx.claim.findUnique({ where: { id }, select: { text: true, verdict: true, verdictNote: true, version: true } });
    if (!before) throw new AppError('NOT_FOUND', 'Claim not found');
    const verdict = input.verdict !== undefined ? input.verdict || null : before.verdict;
    // A reason without a verdict means nothing: clearing the verdict clears it.
    const verdictNote = verdict === null ? null : input.verdictNote !== undefined ? input.verdictNote || null : before.verdictNote;
    // The verdict's date (ClaimReview's datePublished) moves when the verdict or its reason does, not with the wording.
    const judged = verdict !== before.verdict || verdictNote !== before.verdictNote;
    const { count } = await tx.claim.updateMany({
      where: { id, version: input.version },
      data: { text: input.text, verdict, verdictNote, ...(judged && { verdictAt: verdict === null ? null : new Date() }), version: { increment: 1 } },
    });
    if (count === 0) throw staleClaim(before.version, input.version);
    await recordEvent(tx, {
      projectId: found.projectId, actorId: caller.id, action: 'claim.update', objectType: 'claim', objectId: id,
      before, after: { text: input.text, verdict, verdictNote, version: input.version + 1 },
    });
  });
  return readClaim(id, found.visibility);
}

export const staleClaim = (current: number, sent: number) =>
  new AppError('CONFLICT', `This claim was changed by someone else (now version ${current}, you sent ${sent})`, {
    version: `stale; current is ${current}`,
  });

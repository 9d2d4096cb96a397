import 'server-only';
import { db } from '@/lib/db/client';
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
  const { count } = await db.claim.updateMany({
    where: { id, version: input.version },
    data: { text: input.text, ...(input.verdict !== undefined && { verdict: input.verdict || null }), version: { increment: 1 } },
  });
  if (count === 0) {
    const current = await db.claim.findUnique({ where: { id }, select: { version: true } });
    if (!current) throw new AppError('NOT_FOUND', 'Claim not found');
    throw new AppError('CONFLICT', `This claim was renamed by someone else (now version ${current.version}, you sent ${input.version})`, {
      version: `stale; current is ${current.version}`,
    });
  }
  return readClaim(id);
}

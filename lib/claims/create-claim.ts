import 'server-only';
import { db } from '@/lib/db/client';
import { recordEvent } from '@/lib/audit/record-event';
import { AppError } from '@/lib/errors';
import { assertAllowed, can } from '@/lib/auth/permissions';
import { requireSpanVisibility } from '@/lib/annotations/span-visibility';
import type { Caller } from '@/lib/auth/caller';
import type { ClaimDto } from './dto';
import type { CreateClaimInput } from './schema';
import { findSpanForClaim, spanTaken } from './find-claim';
import { readClaim } from './read-claims';
import { wordingFromSpan } from './wording-from-span';

/**
 * A new claim. Made from a span, it takes the span's text as its first
 * wording (unless `text` is given) and the span is attached to it, in one
 * transaction: a span already attached elsewhere refuses the whole thing.
 */
export async function createClaim(caller: Caller, input: CreateClaimInput): Promise<ClaimDto> {
  const { roles, visibility } = await requireSpanVisibility(caller.id, input.projectId);
  assertAllowed(can.annotate(roles), 'Only analysts and admins of this project can create claims');
  const span = input.annotationId ? await findSpanForClaim(caller.id, input.annotationId, input.projectId, visibility) : null;
  if (span?.claimId) throw spanTaken();
  const text = input.text ?? (span ? wordingFromSpan(span.exact) : '');
  if (!text) throw new AppError('BAD_REQUEST', 'Give the claim text, or a span to start from', { text: 'required' });

  const id = await db.$transaction(async (tx) => {
    const claim = await tx.claim.create({ data: { projectId: input.projectId, text, authorId: caller.id }, select: { id: true } });
    if (span) {
      // Conditional: if someone attached the span meanwhile, nothing is stored.
      const { count } = await tx.annotation.updateMany({ where: { id: span.id, claimId: null }, data: { claimId: claim.id } });
      if (count === 0) throw spanTaken();
    }
    await recordEvent(tx, {
      projectId: input.projectId, actorId: caller.id, action: 'claim.create', objectType: 'claim', objectId: claim.id,
      after: { text, annotationId: span?.id ?? null },
    });
    return claim.id;
  });
  return readClaim(id, visibility);
}

import 'server-only';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { recordEvent } from '@/lib/audit/record-event';
import { findAnnotationForUser } from '@/lib/annotations/find-annotation';
import { annotationSelect, toAnnotationDto } from '@/lib/annotations/to-dto';
import type { AnnotationDto } from '@/lib/annotations/dto';
import type { Caller } from '@/lib/auth/caller';
import type { ReviewInput } from './schema';
import { checkReviewAllowed, staleVersion, statusFor } from './decide';

/**
 * Approve or reject a span. The conditional UPDATE (WHERE version = sent)
 * makes concurrent decisions race safely: exactly one commits, with its audit
 * event in the same transaction; the others get 409.
 */
export async function reviewAnnotation(caller: Caller, id: string, input: ReviewInput): Promise<AnnotationDto> {
  const found = await findAnnotationForUser(caller.id, id);
  checkReviewAllowed(found.roles, found.authorId, caller.id);
  const status = statusFor(input.decision);
  return db.$transaction(async (tx) => {
    const { count } = await tx.annotation.updateMany({
      where: { id, version: input.version },
      data: { status, reviewedById: caller.id, reviewedAt: new Date(), reviewComment: input.comment || null, version: { increment: 1 } },
    });
    if (count === 0) {
      const current = await tx.annotation.findUnique({ where: { id }, select: { version: true } });
      if (!current) throw notFound('Annotation');
      throw staleVersion(current.version, input.version);
    }
    await recordEvent(tx, {
      projectId: found.projectId,
      actorId: caller.id,
      action: 'annotation.review',
      objectType: 'annotation',
      objectId: id,
      before: { status: found.status.toLowerCase(), version: input.version },
      after: { status: status.toLowerCase(), version: input.version + 1, comment: input.comment ?? null, asAdmin: !found.roles.includes('reviewer') },
    });
    return toAnnotationDto(await tx.annotation.findUniqueOrThrow({ where: { id }, select: annotationSelect }));
  });
}

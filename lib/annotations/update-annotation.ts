import 'server-only';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { assertAllowed, can } from '@/lib/auth/permissions';
import type { Caller } from '@/lib/auth/caller';
import type { AnnotationDto } from './dto';
import type { UpdateAnnotationInput } from './schema';
import { findAnnotationForUser } from './find-annotation';
import { annotationSelect, toAnnotationDto, toDbLabel } from './to-dto';
import { recordEvent } from '@/lib/audit/record-event';

/**
 * Optimistic concurrency: the write only happens if the row is still at the
 * version the caller saw (a conditional UPDATE, atomic in Postgres). A stale
 * version gets 409 and changes nothing. Any edit sends a reviewed span back
 * to pending.
 */
export async function updateAnnotation(caller: Caller, id: string, input: UpdateAnnotationInput): Promise<AnnotationDto> {
  const found = await findAnnotationForUser(caller.id, id);
  assertAllowed(can.changeSpan(found.roles, found.authorId, caller.id), 'Only the author or an admin can edit this span');
  const data = {
    ...(input.label !== undefined && { label: toDbLabel(input.label) }),
    ...(input.note !== undefined && { note: input.note || null }),
    ...(input.speaker !== undefined && { speaker: input.speaker || null }),
    // Any edit sends a reviewed span back to review.
    status: 'PENDING' as const,
    reviewedById: null,
    reviewedAt: null,
    reviewComment: null,
    version: { increment: 1 },
  };
  return db.$transaction(async (tx) => {
    const before = await tx.annotation.findUnique({ where: { id }, select: annotationSelect });
    const { count } = await tx.annotation.updateMany({ where: { id, version: input.version }, data });
    if (count === 0 || !before) {
      const current = await tx.annotation.findUnique({ where: { id }, select: { version: true } });
      if (!current) throw new AppError('NOT_FOUND', 'Annotation not found');
      throw new AppError('CONFLICT', `This span was changed by someone else (now version ${current.version}, you sent ${input.version})`, {
        version: `stale; current is ${current.version}`,
      });
    }
    const after = toAnnotationDto(await tx.annotation.findUniqueOrThrow({ where: { id }, select: annotationSelect }));
    await recordEvent(tx, {
      projectId: found.projectId,
      actorId: caller.id,
      action: 'annotation.update',
      objectType: 'annotation',
      objectId: id,
      before: toAnnotationDto(before),
      after,
    });
    return after;
  });
}

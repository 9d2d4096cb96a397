import 'server-only';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { assertAllowed, can } from '@/lib/auth/permissions';
import type { Caller } from '@/lib/auth/caller';
import type { AnnotationDto } from './dto';
import type { UpdateAnnotationInput } from './schema';
import { findAnnotationForUser } from './find-annotation';
import { annotationSelect, toAnnotationDto, toDbLabel } from './to-dto';

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
    status: 'PENDING' as const,
    version: { increment: 1 },
  };
  const { count } = await db.annotation.updateMany({ where: { id, version: input.version }, data });
  if (count === 0) {
    const current = await db.annotation.findUnique({ where: { id }, select: { version: true } });
    if (!current) throw new AppError('NOT_FOUND', 'Annotation not found');
    throw new AppError('CONFLICT', `This span was changed by someone else (now version ${current.version}, you sent ${input.version})`, {
      version: `stale; current is ${current.version}`,
    });
  }
  const row = await db.annotation.findUniqueOrThrow({ where: { id }, select: annotationSelect });
  return toAnnotationDto(row);
}

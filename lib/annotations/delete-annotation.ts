import 'server-only';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { assertAllowed, can } from '@/lib/auth/permissions';
import type { Caller } from '@/lib/auth/caller';
import { findAnnotationForUser } from './find-annotation';
import { annotationSelect, toAnnotationDto } from './to-dto';
import { recordEvent } from '@/lib/audit/record-event';
import type { DeleteAnnotationQuery } from './schema';
import { staleSpan } from './update-annotation';

/**
 * Deletes a span and, with it, every link that starts or ends at it, in one
 * transaction. The span row is locked first: a link being created meanwhile
 * waits on that lock (its foreign key needs it), so the count we return is
 * exactly what was removed. The caller reports it; nothing goes silently.
 */
export async function deleteAnnotation(caller: Caller, id: string, { version }: DeleteAnnotationQuery = {}): Promise<{ linksRemoved: number }> {
  const found = await findAnnotationForUser(caller.id, id);
  assertAllowed(can.changeSpan(found.roles, found.authorId, caller.id), 'Only the author or an admin can delete this span');
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Annotation" WHERE id = ${id} FOR UPDATE`;
    if (locked.length === 0) throw new AppError('NOT_FOUND', 'Annotation not found');
    const before = await tx.annotation.findUniqueOrThrow({ where: { id }, select: annotationSelect });
    if (version !== undefined && before.version !== version) throw staleSpan(before.version, version);
    const links = await tx.link.deleteMany({ where: { OR: [{ fromAnnotationId: id }, { toAnnotationId: id }] } });
    await tx.annotation.deleteMany({ where: { id } });
    await recordEvent(tx, {
      projectId: found.projectId,
      actorId: caller.id,
      action: 'annotation.delete',
      objectType: 'annotation',
      objectId: id,
      before: { ...toAnnotationDto(before), linksRemoved: links.count },
    });
    return { linksRemoved: links.count };
  });
}

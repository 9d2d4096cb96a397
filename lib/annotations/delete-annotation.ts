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
export async function deleteAnnotation(caller: Caller, id: string, { version, unlinked }: DeleteAnnotationQuery = {}): Promise<{ linksRemoved: number }> {
  const found = await findAnnotationForUser(caller.id, id);
  assertAllowed(can.changeSpan(found.roles, found.authorId, caller.id), 'Only the author or an admin can delete this span');
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Annotation" WHERE id = ${id} FOR UPDATE`;
    if (locked.length === 0) throw new AppError('NOT_FOUND', 'Annotation not found');
    const before = await tx.annotation.findUniqueOrThrow({ where: { id }, select: annotationSelect });
    if (version !== undefined && before.version !== version) throw staleSpan(before.version, version);
    const touching = { OR: [{ fromAnnotationId: id }, { toAnnotationId: id }] };
    const removed = await tx.link.findMany({ where: touching, select: { id: true, authorId: true, projectId: true, kind: true, fromAnnotationId: true, toAnnotationId: true } });
    if (unlinked === 'true' && removed.length > 0) {
      throw new AppError('CONFLICT', `This span has ${removed.length === 1 ? 'a link' : `${removed.length} links`} now; it was not deleted`, { unlinked: `${removed.length} links` });
    }
    const links = await tx.link.deleteMany({ where: touching });
    await tx.annotation.deleteMany({ where: { id } });
    // Each link keeps its own history: it ends with its removal, by whoever removed the span.
    for (const { id: linkId, ...link } of removed) {
      await recordEvent(tx, { projectId: link.projectId, actorId: caller.id, action: 'link.delete', objectType: 'link', objectId: linkId, before: { ...link, removedWithSpan: id } });
    }
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

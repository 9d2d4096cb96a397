import 'server-only';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { assertAllowed, can } from '@/lib/auth/permissions';
import type { Caller } from '@/lib/auth/caller';
import { findAnnotationForUser } from './find-annotation';

/**
 * Deletes a span and, with it, every link that starts or ends at it, in one
 * transaction. The span row is locked first: a link being created meanwhile
 * waits on that lock (its foreign key needs it), so the count we return is
 * exactly what was removed. The caller reports it; nothing goes silently.
 */
export async function deleteAnnotation(caller: Caller, id: string): Promise<{ linksRemoved: number }> {
  const found = await findAnnotationForUser(caller.id, id);
  assertAllowed(can.changeSpan(found.roles, found.authorId, caller.id), 'Only the author or an admin can delete this span');
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Annotation" WHERE id = ${id} FOR UPDATE`;
    if (locked.length === 0) throw new AppError('NOT_FOUND', 'Annotation not found');
    const links = await tx.link.deleteMany({ where: { OR: [{ fromAnnotationId: id }, { toAnnotationId: id }] } });
    await tx.annotation.deleteMany({ where: { id } });
    return { linksRemoved: links.count };
  });
}

import 'server-only';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { assertAllowed, can } from '@/lib/auth/permissions';
import type { Caller } from '@/lib/auth/caller';
import { findAnnotationForUser } from './find-annotation';

export async function deleteAnnotation(caller: Caller, id: string): Promise<void> {
  const found = await findAnnotationForUser(caller.id, id);
  assertAllowed(can.changeSpan(found.roles, found.authorId, caller.id), 'Only the author or an admin can delete this span');
  const { count } = await db.annotation.deleteMany({ where: { id } });
  if (count === 0) throw new AppError('NOT_FOUND', 'Annotation not found');
}

import 'server-only';
import { recordEvent } from '@/lib/audit/record-event';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { assertAllowed, can, memberOf, toProjectRole } from '@/lib/auth/permissions';
import type { Caller } from '@/lib/auth/caller';

/** Deletes a link: its author (still an analyst) or an admin. Other projects' links answer 404. */
export async function deleteLink(caller: Caller, id: string): Promise<void> {
  const link = await db.link.findFirst({
    where: { id, project: memberOf(caller.id) },
    select: { authorId: true, projectId: true, kind: true, fromAnnotationId: true, toAnnotationId: true, project: { select: { memberships: { where: { userId: caller.id }, select: { role: true } } } } },
  });
  if (!link) throw notFound('Link');
  const roles = link.project.memberships.map((m) => toProjectRole(m.role));
  assertAllowed(can.changeSpan(roles, link.authorId, caller.id), 'Only the author or an admin can delete this link');
  await db.$transaction(async (tx) => {
    const { count } = await tx.link.deleteMany({ where: { id } });
    if (count === 0) throw notFound('Link');
    const { project: _p, ...before } = link;
    await recordEvent(tx, { projectId: link.projectId, actorId: caller.id, action: 'link.delete', objectType: 'link', objectId: id, before });
  });
}

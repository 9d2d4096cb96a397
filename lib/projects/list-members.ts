import 'server-only';
import { db } from '@/lib/db/client';
import { requireProjectRoles } from '@/lib/auth/permissions';

/** The project's members (each once, whatever their roles), by name: for "who" filters. Members only. */
export async function listMembers(userId: string, projectId: string): Promise<{ id: string; name: string }[]> {
  await requireProjectRoles(userId, projectId);
  return db.user.findMany({ where: { memberships: { some: { projectId } } }, select: { id: true, name: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
}

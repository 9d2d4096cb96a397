import 'server-only';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { memberOf, toProjectRole, type ProjectRole } from '@/lib/auth/permissions';

/**
 * An annotation the user may see, with their roles in its project. Anything
 * outside their projects is "not found", never "forbidden".
 */
export async function findAnnotationForUser(userId: string, id: string) {
  const row = await db.annotation.findFirst({
    where: { id, article: { project: memberOf(userId) } },
    select: {
      id: true,
      authorId: true,
      version: true,
      status: true,
      article: { select: { projectId: true, project: { select: { memberships: { where: { userId }, select: { role: true } } } } } },
    },
  });
  if (!row) throw notFound('Annotation');
  const roles: ProjectRole[] = row.article.project.memberships.map((m) => toProjectRole(m.role));
  return { id: row.id, authorId: row.authorId, version: row.version, status: row.status, projectId: row.article.projectId, roles };
}

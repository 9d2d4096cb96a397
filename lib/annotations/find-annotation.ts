import 'server-only';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { memberOf, toProjectRole, type ProjectRole } from '@/lib/auth/permissions';
import { isSpanVisible, spanVisibility } from './span-visibility';

/**
 * An annotation the user may see, with their roles in its project and what
 * else they may see there (span-visibility.ts). Anything
 * outside their projects, or hidden from them by independent annotation, is
 * "not found", never "forbidden".
 */
export async function findAnnotationForUser(userId: string, id: string) {
  const row = await db.annotation.findFirst({
    where: { id, article: { project: memberOf(userId) } },
    select: {
      id: true,
      authorId: true,
      articleId: true,
      exact: true,
      version: true,
      status: true,
      article: {
        select: {
          projectId: true,
          comparison: { select: { openedAt: true } },
          project: { select: { independentAnnotation: true, memberships: { where: { userId }, select: { role: true } } } },
        },
      },
    },
  });
  if (!row) throw notFound('Annotation');
  const roles: ProjectRole[] = row.article.project.memberships.map((m) => toProjectRole(m.role));
  const visibility = spanVisibility({ userId, roles, independentAnnotation: row.article.project.independentAnnotation });
  if (!isSpanVisible(visibility, { authorId: row.authorId, articleOpened: row.article.comparison !== null })) throw notFound('Annotation');
  return {
    id: row.id, authorId: row.authorId, articleId: row.articleId, exact: row.exact, version: row.version, status: row.status,
    projectId: row.article.projectId, roles, visibility,
  };
}

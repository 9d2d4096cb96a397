import 'server-only';
import { sql } from '@/lib/db/client';
import type { Role } from '@/lib/db/generated/client';
import { notFound } from '@/lib/errors';
import { toProjectRole, type ProjectRole } from '@/lib/auth/permissions';
import { isSpanVisible, spanVisibility } from './span-visibility';
import { spanColumns, spanRowToDto, type SpanRow } from './span-row';

type FoundRow = SpanRow & {
  projectId: string;
  independentAnnotation: boolean;
  opened: boolean;
  roles: Role[];
};

/**
 * An annotation the user may see, with their roles in its project and what
 * else they may see there (span-visibility.ts). Anything
 * outside their projects, or hidden from them by independent annotation, is
 * "not found", never "forbidden".
 */
export async function findAnnotationForUser(userId: string, id: string) {
  // One statement on the pool: every span route (edit, review, link, suggestions) starts here,
  // and Prisma's nested select took a round trip per relation.
  const [row] = await sql<FoundRow>`
    SELECT ${spanColumns('a', 'u')}, ar."projectId", p."independentAnnotation",
           EXISTS (SELECT 1 FROM "ArticleComparison" c WHERE c."articleId" = a."articleId") AS opened,
           ARRAY(SELECT m.role::text FROM "Membership" m WHERE m."projectId" = ar."projectId" AND m."userId" = ${userId}) AS roles
      FROM "Annotation" a
      JOIN "User" u ON u.id = a."authorId"
      JOIN "Article" ar ON ar.id = a."articleId"
      JOIN "Project" p ON p.id = ar."projectId"
     WHERE a.id = ${id}`;
  if (!row || row.roles.length === 0) throw notFound('Annotation');
  const roles: ProjectRole[] = row.roles.map(toProjectRole);
  const visibility = spanVisibility({ userId, roles, independentAnnotation: row.independentAnnotation });
  if (!isSpanVisible(visibility, { authorId: row.authorId, articleOpened: row.opened })) throw notFound('Annotation');
  const { projectId, independentAnnotation: _i, opened: _o, roles: _r, ...span } = row;
  return {
    id: row.id, authorId: row.authorId, articleId: row.articleId, exact: row.exact, version: row.version, status: row.status,
    projectId, roles, visibility,
    /** The span as the API shows it (before any change the caller is about to make). */
    span: spanRowToDto(span),
  };
}

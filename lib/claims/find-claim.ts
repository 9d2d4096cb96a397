import 'server-only';
import { db } from '@/lib/db/client';
import { AppError, notFound } from '@/lib/errors';
import { memberOf, toProjectRole, type ProjectRole } from '@/lib/auth/permissions';
import { spanVisibility, visibleSpanWhere, type SpanVisibility } from '@/lib/annotations/span-visibility';

/**
 * A claim the user may see, with their roles in its project and which of its
 * spans they may see (independent annotation); anything else is "not found".
 */
export async function findClaimForUser(userId: string, id: string) {
  const row = await db.claim.findFirst({
    where: { id, project: memberOf(userId) },
    select: {
      id: true,
      projectId: true,
      version: true,
      project: { select: { independentAnnotation: true, memberships: { where: { userId }, select: { role: true } } } },
    },
  });
  if (!row) throw notFound('Claim');
  const roles: ProjectRole[] = row.project.memberships.map((m) => toProjectRole(m.role));
  const visibility = spanVisibility({ userId, roles, independentAnnotation: row.project.independentAnnotation });
  return { id: row.id, projectId: row.projectId, version: row.version, roles, visibility };
}

/**
 * A span the user may see (`visibility`: theirs in `projectId`), to attach to
 * or detach from a claim of `projectId`. Invisible → 404; in another project → 400.
 */
export async function findSpanForClaim(userId: string, annotationId: string, projectId: string, visibility: SpanVisibility) {
  const span = await db.annotation.findFirst({
    where: { id: annotationId, article: { project: memberOf(userId) }, ...visibleSpanWhere(visibility) },
    select: { id: true, claimId: true, exact: true, article: { select: { projectId: true } } },
  });
  if (!span) throw new AppError('NOT_FOUND', 'Span not found', { annotationId: 'no such span in your projects' });
  if (span.article.projectId !== projectId) {
    throw new AppError('BAD_REQUEST', 'The span and the claim are in different projects', { annotationId: 'is in another project' });
  }
  return { id: span.id, claimId: span.claimId, exact: span.exact };
}

/** A span belongs to at most one claim. */
export const spanTaken = () =>
  new AppError('CONFLICT', 'This span already belongs to another claim; detach it there first', { annotationId: 'already attached to a claim' });

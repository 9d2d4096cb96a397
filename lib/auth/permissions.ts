import 'server-only';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { Role } from '@/lib/db/generated/enums';
import type { ProjectRole } from './can';

// The rules themselves are client-safe (the reader shows what they allow).
export { can, type ProjectRole } from './can';

export const toProjectRole = (r: Role): ProjectRole => r.toLowerCase() as ProjectRole;

/** Where-clause fragment: rows of projects the user belongs to. */
export const memberOf = (userId: string) => ({ memberships: { some: { userId } } });

export async function projectRoles(userId: string, projectId: string): Promise<ProjectRole[]> {
  const rows = await db.membership.findMany({ where: { userId, projectId }, select: { role: true } });
  return rows.map((r) => toProjectRole(r.role));
}

/**
 * The caller's roles in a project. A project they do not belong to answers
 * 404, exactly like one that does not exist, so ids reveal nothing.
 */
export async function requireProjectRoles(userId: string, projectId: string): Promise<ProjectRole[]> {
  const roles = await projectRoles(userId, projectId);
  if (roles.length === 0) throw new AppError('NOT_FOUND', 'Project not found');
  return roles;
}

export function assertAllowed(allowed: boolean, message: string): asserts allowed {
  if (!allowed) throw new AppError('FORBIDDEN', message);
}

import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { memberOf, requireProjectRoles } from '@/lib/auth/permissions';
import { notFound } from '@/lib/errors';

export type AuditEventDto = {
  id: string;
  action: string;
  objectType: string;
  objectId: string;
  actor: { id: string; name: string } | null;
  before: unknown;
  after: unknown;
  createdAt: string;
};

export const activityQuery = z.strictObject({
  action: z.string().max(50).optional(),
  objectType: z.enum(['annotation', 'link', 'claim', 'project', 'article']).optional(),
  actorId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().datetime().optional().describe('Only events older than this (for paging)'),
});
export type ActivityQuery = z.infer<typeof activityQuery>;

const select = { id: true, action: true, objectType: true, objectId: true, actorId: true, before: true, after: true, createdAt: true } as const;

async function withActors(rows: { id: string; action: string; objectType: string; objectId: string; actorId: string | null; before: unknown; after: unknown; createdAt: Date }[]) {
  const ids = [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))];
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map(({ actorId, createdAt, ...r }): AuditEventDto => ({ ...r, actor: actorId ? (byId.get(actorId) ?? null) : null, createdAt: createdAt.toISOString() }));
}

/**
 * The history of one object, oldest first, also after it was deleted: access
 * is decided by the project recorded on its events.
 */
export async function listObjectHistory(userId: string, objectType: 'annotation' | 'link' | 'claim', objectId: string): Promise<AuditEventDto[]> {
  const first = await db.auditEvent.findFirst({ where: { objectType, objectId }, select: { projectId: true } });
  if (!first) {
    // No events (e.g. rows from before the audit log): an empty history, if the caller may see the object.
    const visible =
      objectType === 'annotation'
        ? await db.annotation.count({ where: { id: objectId, article: { project: memberOf(userId) } } })
        : objectType === 'link'
          ? await db.link.count({ where: { id: objectId, project: memberOf(userId) } })
          : await db.claim.count({ where: { id: objectId, project: memberOf(userId) } });
    if (!visible) throw notFound('History');
    return [];
  }
  await requireProjectRoles(userId, first.projectId);
  const rows = await db.auditEvent.findMany({ where: { objectType, objectId, projectId: first.projectId }, orderBy: { createdAt: 'asc' }, select });
  return withActors(rows);
}

/** A project's activity, newest first, filterable. */
export async function listActivity(userId: string, projectId: string, q: ActivityQuery): Promise<AuditEventDto[]> {
  await requireProjectRoles(userId, projectId);
  const rows = await db.auditEvent.findMany({
    where: {
      projectId,
      ...(q.action && { action: q.action }),
      ...(q.objectType && { objectType: q.objectType }),
      ...(q.actorId && { actorId: q.actorId }),
      ...(q.before && { createdAt: { lt: new Date(q.before) } }),
    },
    orderBy: { createdAt: 'desc' },
    take: q.limit,
    select,
  });
  return withActors(rows);
}

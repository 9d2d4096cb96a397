import 'server-only';
import { z } from 'zod';
import { AUDIT_ACTION_NAMES } from './actions';
import { db } from '@/lib/db/client';
import { memberOf } from '@/lib/auth/permissions';
import { isSpanVisible, requireSpanVisibility, visibleEventSql, type SpanVisibility } from '@/lib/annotations/span-visibility';
import { AppError, notFound } from '@/lib/errors';
import { quotesAtEvents } from './quote-at-event';
import type { Prisma } from '@/lib/db/generated/client';

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
  action: z.enum(AUDIT_ACTION_NAMES).optional(),
  objectType: z.enum(['annotation', 'link', 'claim', 'project', 'article', 'user']).optional(),
  actorId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  // Year 0000 fits the ISO format, but PostgreSQL has no year 0.
  before: z.string().datetime().refine((v) => new Date(v).getUTCFullYear() >= 1, 'must be in year 1 or later').optional().describe('Only events older than this time'),
  beforeEvent: z.string().max(100).optional().describe("Only events listed after this one (for paging: the last event's id); events of one moment are not skipped"),
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
  const { visibility } = await requireSpanVisibility(userId, first.projectId);
  if (objectType === 'annotation' && !(await isSpanHistoryVisible(visibility, objectId))) throw notFound('History');
  if (objectType === 'link' && !(await isLinkHistoryVisible(visibility, objectId, userId))) throw notFound('History');
  const rows = await db.auditEvent.findMany({ where: { objectType, objectId, projectId: first.projectId }, orderBy: [{ createdAt: 'asc' }, { seq: 'asc' }], select });
  return withActors(rows);
}

/**
 * A link is visible when both its spans are; a deleted one only to whoever made
 * it (its spans may be gone too, so nothing else is left to judge by).
 */
async function isLinkHistoryVisible(visibility: SpanVisibility, id: string, userId: string): Promise<boolean> {
  if (visibility.everything) return true;
  const link = await db.link.findUnique({ where: { id }, select: { fromAnnotationId: true, toAnnotationId: true } });
  if (!link) return (await db.auditEvent.count({ where: { objectType: 'link', objectId: id, action: 'link.create', actorId: userId } })) > 0;
  return (await isSpanHistoryVisible(visibility, link.fromAnnotationId)) && (await isSpanHistoryVisible(visibility, link.toAnnotationId));
}

/**
 * Independent annotation hides another analyst's span, and its history with
 * it. A deleted span is judged by its author and article as its delete event
 * recorded them (annotation DTO: author.id, articleId).
 */
async function isSpanHistoryVisible(visibility: SpanVisibility, id: string): Promise<boolean> {
  if (visibility.everything) return true;
  const span = await db.annotation.findUnique({ where: { id }, select: { authorId: true, articleId: true } });
  const deleted = span
    ? null
    : ((await db.auditEvent.findFirst({ where: { objectType: 'annotation', objectId: id, action: 'annotation.delete' }, select: { before: true } }))?.before as
        | { articleId?: string; author?: { id?: string } }
        | null
        | undefined);
  const authorId = span?.authorId ?? deleted?.author?.id;
  const articleId = span?.articleId ?? deleted?.articleId;
  if (!authorId || !articleId) return false;
  const opened = (await db.articleComparison.count({ where: { articleId } })) > 0;
  return isSpanVisible(visibility, { authorId, articleOpened: opened });
}

/**
 * A project's activity, newest first, filterable. Under independent annotation
 * an analyst does not see events of spans hidden from them (nor of links to
 * them): a span's creation event carries its whole text. Their own actions and
 * events of other kinds (articles, claims, imports, exports, settings) stay.
 */
export async function listActivity(userId: string, projectId: string, q: ActivityQuery): Promise<ActivityEventDto[]> {
  const { visibility } = await requireSpanVisibility(userId, projectId);
  // Paging by an event, not by a time: events of one transaction share a createdAt, and
  // a page that ended among them would skip the rest. The write order (seq) breaks the tie.
  const after = q.beforeEvent === undefined ? null : await db.auditEvent.findFirst({ where: { id: q.beforeEvent, projectId }, select: { createdAt: true, seq: true } });
  if (q.beforeEvent !== undefined && !after) throw new AppError('BAD_REQUEST', `beforeEvent: no event "${q.beforeEvent}" in this project`, { beforeEvent: 'no such event in this project' });
  const where: Prisma.AuditEventWhereInput = {
    projectId,
    ...(q.action && { action: q.action }),
    ...(q.objectType && { objectType: q.objectType }),
    ...(q.actorId && { actorId: q.actorId }),
    AND: [
      q.before ? { createdAt: { lt: new Date(q.before) } } : {},
      after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, seq: { lt: after.seq } }] } : {},
    ],
  };
  if (visibility.everything) {
    return withSpans(await withActors(await db.auditEvent.findMany({ where, orderBy: [{ createdAt: 'desc' }, { seq: 'desc' }], take: q.limit, select })));
  }
  // The visibility test needs the span and link rows, which Prisma cannot join to
  // AuditEvent (no relation): the ids come from SQL, the rows from Prisma.
  const ids = await db.$queryRaw<{ id: string }[]>`
    SELECT e.id FROM "AuditEvent" e
     WHERE e."projectId" = ${projectId}
       AND (${q.action ?? null}::text IS NULL OR e.action = ${q.action ?? null}::text)
       AND (${q.objectType ?? null}::text IS NULL OR e."objectType" = ${q.objectType ?? null}::text)
       AND (${q.actorId ?? null}::text IS NULL OR e."actorId" = ${q.actorId ?? null}::text)
       AND (${q.before ? new Date(q.before) : null}::timestamp IS NULL OR e."createdAt" < ${q.before ? new Date(q.before) : null}::timestamp)
       AND (${after?.createdAt ?? null}::timestamp IS NULL OR (e."createdAt", e.seq) < (${after?.createdAt ?? null}::timestamp, ${after?.seq ?? null}::bigint))
       AND ${visibleEventSql(visibility, 'e')}
     ORDER BY e."createdAt" DESC, e.seq DESC
     LIMIT ${q.limit}`;
  const rows = await db.auditEvent.findMany({ where: { id: { in: ids.map((r) => r.id) } }, orderBy: [{ createdAt: 'desc' }, { seq: 'desc' }], select });
  return withSpans(await withActors(rows));
}

/** A span as an activity row names it: where it is and its words, or its words when it was deleted. */
export type SpanRef = { id: string; articleId: string; exact: string; deleted?: true };

/**
 * An activity event; for a span's event, the span with the words it had at
 * the event (quote-at-event.ts), marked `deleted` once it is gone, so that a
 * review row can say which span it decided; for a link's event, its kind and
 * the spans at its two ends as they are now (or were when deleted). Null for
 * what has no record of its words (rows from before the audit log).
 */
export type ActivityEventDto = AuditEventDto & {
  span?: Omit<SpanRef, 'id'> | null;
  link?: { kind: string; from: SpanRef | null; to: SpanRef | null } | null;
};

/**
 * The spans of the span events and of the links' ends: one query for links
 * (their delete event keeps a deleted one's ends), one for spans and one more
 * for deleted spans (their delete event keeps them). The events were already
 * filtered to spans the caller may see.
 */
async function withSpans(events: AuditEventDto[]): Promise<ActivityEventDto[]> {
  const linkIds = [...new Set(events.flatMap((e) => (e.objectType === 'link' ? [e.objectId] : [])))];
  const links = new Map<string, { kind: string; fromAnnotationId: string; toAnnotationId: string }>();
  if (linkIds.length) {
    for (const l of await db.link.findMany({ where: { id: { in: linkIds } }, select: { id: true, kind: true, fromAnnotationId: true, toAnnotationId: true } })) links.set(l.id, l);
    const gone = linkIds.filter((id) => !links.has(id));
    if (gone.length) {
      for (const d of await db.auditEvent.findMany({ where: { objectType: 'link', action: 'link.delete', objectId: { in: gone } }, select: { objectId: true, before: true } })) {
        const b = (d.before ?? {}) as Record<string, unknown>;
        if (typeof b.kind === 'string' && typeof b.fromAnnotationId === 'string' && typeof b.toAnnotationId === 'string') {
          links.set(d.objectId, { kind: b.kind, fromAnnotationId: b.fromAnnotationId, toAnnotationId: b.toAnnotationId });
        }
      }
    }
  }
  const ids = [
    ...new Set([...events.flatMap((e) => (e.objectType === 'annotation' ? [e.objectId] : [])), ...[...links.values()].flatMap((l) => [l.fromAnnotationId, l.toAnnotationId])]),
  ];
  if (ids.length === 0) return events;
  const [spans, quotes] = await Promise.all([db.annotation.findMany({ where: { id: { in: ids } }, select: { id: true, articleId: true, exact: true } }), quotesAtEvents(events)]);
  const byId = new Map<string, SpanRef>(spans.map((s) => [s.id, s]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length) {
    const deletions = await db.auditEvent.findMany({ where: { objectType: 'annotation', action: 'annotation.delete', objectId: { in: missing } }, select: { objectId: true, before: true } });
    for (const d of deletions) {
      const before = (d.before ?? {}) as { articleId?: unknown; exact?: unknown };
      if (typeof before.articleId === 'string' && typeof before.exact === 'string') byId.set(d.objectId, { id: d.objectId, articleId: before.articleId, exact: before.exact, deleted: true });
    }
  }
  return events.map((e) => {
    if (e.objectType === 'annotation') {
      const span = byId.get(e.objectId);
      return { ...e, span: span ? { articleId: span.articleId, exact: quotes.get(e.id) ?? span.exact, ...(span.deleted && { deleted: true as const }) } : null };
    }
    if (e.objectType !== 'link') return e;
    const link = links.get(e.objectId);
    return { ...e, link: link ? { kind: link.kind.toLowerCase(), from: byId.get(link.fromAnnotationId) ?? null, to: byId.get(link.toAnnotationId) ?? null } : null };
  });
}

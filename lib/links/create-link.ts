import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from '@/lib/db/client';
import type { Label as DbLabel, LinkKind as DbLinkKind, ReviewStatus as DbStatus, Role } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { assertAllowed, can, toProjectRole } from '@/lib/auth/permissions';
import { isSpanVisible, spanVisibility } from '@/lib/annotations/span-visibility';
import type { Caller } from '@/lib/auth/caller';
import type { LinkDto } from './dto';
import type { CreateLinkInput } from './schema';
import { toDbLinkKind, toLinkDto } from './to-dto';

const alreadyLinked = (id: string) =>
  new AppError('CONFLICT', 'These two spans are already linked', { toAnnotationId: `already linked to fromAnnotationId (link ${id})` });
const notFound = (field: 'fromAnnotationId' | 'toAnnotationId') => new AppError('NOT_FOUND', 'Span not found', { [field]: 'no such span in your projects' });

/** One of the two spans, with what the caller may do and see in its project, and any link already between the two. */
type SpanRow = {
  id: string;
  authorId: string;
  projectId: string;
  independentAnnotation: boolean;
  opened: boolean;
  roles: Role[];
  existing: string | null;
};

/**
 * Links two spans of one project. Refused, storing nothing: a span linked to
 * itself (400), a span the caller cannot see or that was deleted (404), spans
 * of two projects (400), a pair already linked either way round (409).
 *
 * Two statements on the pool: linking is one of the most frequent writes, and
 * through Prisma's nested selects and interactive transaction it took about a
 * dozen round trips, each waiting for a pooled connection under load.
 */
export async function createLink(caller: Caller, input: CreateLinkInput): Promise<LinkDto> {
  const { fromAnnotationId, toAnnotationId } = input;
  if (fromAnnotationId === toAnnotationId) {
    throw new AppError('BAD_REQUEST', 'A span cannot be linked to itself', { toAnnotationId: 'is the same span as fromAnnotationId' });
  }
  const spans = await sql<SpanRow>`
    SELECT a.id, a."authorId", ar."projectId", p."independentAnnotation",
           EXISTS (SELECT 1 FROM "ArticleComparison" c WHERE c."articleId" = a."articleId") AS opened,
           ARRAY(SELECT m.role::text FROM "Membership" m WHERE m."projectId" = ar."projectId" AND m."userId" = ${caller.id}) AS roles,
           (SELECT l.id FROM "Link" l
             WHERE (l."fromAnnotationId" = ${fromAnnotationId} AND l."toAnnotationId" = ${toAnnotationId})
                OR (l."fromAnnotationId" = ${toAnnotationId} AND l."toAnnotationId" = ${fromAnnotationId})
             LIMIT 1) AS existing
      FROM "Annotation" a
      JOIN "Article" ar ON ar.id = a."articleId"
      JOIN "Project" p ON p.id = ar."projectId"
     WHERE a.id IN (${fromAnnotationId}, ${toAnnotationId})`;
  // Outside the caller's projects is "not found", never "forbidden".
  const from = spans.find((s) => s.id === fromAnnotationId && s.roles.length > 0);
  const to = spans.find((s) => s.id === toAnnotationId && s.roles.length > 0);
  if (!from) throw notFound('fromAnnotationId');
  if (!to) throw notFound('toAnnotationId');
  if (to.projectId !== from.projectId) {
    throw new AppError('BAD_REQUEST', 'The spans are in different projects', { toAnnotationId: 'is in another project than fromAnnotationId' });
  }
  const roles = from.roles.map(toProjectRole);
  // Independent annotation: a span hidden from the caller is not there for them.
  const visibility = spanVisibility({ userId: caller.id, roles, independentAnnotation: from.independentAnnotation });
  if (!isSpanVisible(visibility, { authorId: from.authorId, articleOpened: from.opened })) throw notFound('fromAnnotationId');
  if (!isSpanVisible(visibility, { authorId: to.authorId, articleOpened: to.opened })) throw notFound('toAnnotationId');
  assertAllowed(can.annotate(roles), 'Only analysts and admins of this project can link spans');
  if (from.existing) throw alreadyLinked(from.existing);

  // The link, its audit event and the DTO's fields in one statement, so the
  // link and its event commit together.
  let row: InsertedRow | undefined;
  try {
    [row] = await sql<InsertedRow>`
      WITH ins AS (
        INSERT INTO "Link" (id, "projectId", "fromAnnotationId", "toAnnotationId", kind, "authorId", "updatedAt")
        VALUES (${randomUUID()}, ${from.projectId}, ${fromAnnotationId}, ${toAnnotationId}, ${toDbLinkKind(input.kind)}::"LinkKind", ${caller.id}, now())
        RETURNING id, "projectId", "fromAnnotationId", "toAnnotationId", kind, status, version, "createdAt", "updatedAt"
      ), event AS (
        INSERT INTO "AuditEvent" (id, "projectId", "actorId", action, "objectType", "objectId", after)
        SELECT ${randomUUID()}, ins."projectId", ${caller.id}, 'link.create', 'link', ins.id, ${JSON.stringify(input)}::jsonb FROM ins
      )
      SELECT ins.id, ins."projectId", ins.kind, ins.status, ins.version, ins."createdAt", ins."updatedAt",
             f.id AS "fromId", f."articleId" AS "fromArticleId", f.label AS "fromLabel", f.exact AS "fromExact", f.start AS "fromStart", f."end" AS "fromEnd",
             fa.title AS "fromTitle", fa.outlet AS "fromOutlet",
             t.id AS "toId", t."articleId" AS "toArticleId", t.label AS "toLabel", t.exact AS "toExact", t.start AS "toStart", t."end" AS "toEnd",
             ta.title AS "toTitle", ta.outlet AS "toOutlet"
        FROM ins
        JOIN "Annotation" f ON f.id = ins."fromAnnotationId" JOIN "Article" fa ON fa.id = f."articleId"
        JOIN "Annotation" t ON t.id = ins."toAnnotationId" JOIN "Article" ta ON ta.id = t."articleId"`;
  } catch (error) {
    // Lost a race: the same pair was linked (unique index on the unordered pair),
    // or one span was deleted, between the checks and the insert.
    const code = (error as { code?: unknown }).code;
    if (code === '23505') throw new AppError('CONFLICT', 'These two spans are already linked', { toAnnotationId: 'already linked' });
    if (code === '23503') throw new AppError('NOT_FOUND', 'Span not found; it was deleted meanwhile');
    throw error;
  }
  // The insert succeeded, so the spans existed when it ran; a span deleted
  // since the statement's snapshot leaves no row to describe.
  if (!row) throw new AppError('NOT_FOUND', 'Span not found; it was deleted meanwhile');
  return toLinkDto({
    id: row.id, projectId: row.projectId, kind: row.kind, status: row.status, version: row.version, createdAt: row.createdAt, updatedAt: row.updatedAt,
    author: { id: caller.id, name: caller.name },
    from: { id: row.fromId, articleId: row.fromArticleId, label: row.fromLabel, exact: row.fromExact, start: row.fromStart, end: row.fromEnd, article: { title: row.fromTitle, outlet: row.fromOutlet } },
    to: { id: row.toId, articleId: row.toArticleId, label: row.toLabel, exact: row.toExact, start: row.toStart, end: row.toEnd, article: { title: row.toTitle, outlet: row.toOutlet } },
  });
}

type InsertedRow = {
  id: string; projectId: string; kind: DbLinkKind; status: DbStatus; version: number; createdAt: Date; updatedAt: Date;
  fromId: string; fromArticleId: string; fromLabel: DbLabel; fromExact: string; fromStart: number; fromEnd: number; fromTitle: string; fromOutlet: string | null;
  toId: string; toArticleId: string; toLabel: DbLabel; toExact: string; toStart: number; toEnd: number; toTitle: string; toOutlet: string | null;
};

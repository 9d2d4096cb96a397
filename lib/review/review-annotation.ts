import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { toProjectRole } from '@/lib/auth/permissions';
import { spanColumns, spanRowToDto, type SpanRow } from '@/lib/annotations/span-row';
import type { AnnotationDto } from '@/lib/annotations/dto';
import type { Caller } from '@/lib/auth/caller';
import type { ReviewInput } from './schema';
import { checkReviewAllowed, staleVersion, statusFor } from './decide';

type Target = { authorId: string; status: string; version: number; projectId: string; roles: string[] | null };

/**
 * Approve or reject a span. The conditional UPDATE (WHERE version = sent)
 * makes concurrent decisions race safely: exactly one commits, with its audit
 * event in the same statement; the others get 409. Raw SQL on the shared pool:
 * reviewing is a hot path (a queue is worked through by keyboard), and three
 * round trips (token, check, write) keep approve fast.
 */
export async function reviewAnnotation(caller: Caller, id: string, input: ReviewInput): Promise<AnnotationDto> {
  const [target] = await sql<Target>`
    SELECT a."authorId", a.status::text AS status, a.version, ar."projectId",
           (SELECT array_agg(m.role::text) FROM "Membership" m WHERE m."projectId" = ar."projectId" AND m."userId" = ${caller.id}) AS roles
      FROM "Annotation" a JOIN "Article" ar ON ar.id = a."articleId"
     WHERE a.id = ${id}`;
  if (!target?.roles) throw notFound('Annotation');
  const roles = target.roles.map((r) => toProjectRole(r as 'ADMIN'));
  checkReviewAllowed(roles, target.authorId, caller.id);
  const status = statusFor(input.decision);
  const comment = input.comment || null;
  const before = { status: target.status.toLowerCase(), version: input.version };
  const after = { status: status.toLowerCase(), version: input.version + 1, comment, asAdmin: !roles.includes('reviewer') };
  // The event also keeps the words decided on (`exact`, from the row it updates): a revision
  // may re-anchor the span onto other words later, and the activity log quotes these.
  const [row] = await sql<SpanRow>`
    WITH upd AS (
      UPDATE "Annotation"
         SET status = ${status}::"ReviewStatus", "reviewedById" = ${caller.id}, "reviewedAt" = now(), "reviewComment" = ${comment},
             version = version + 1, "updatedAt" = now()
       WHERE id = ${id} AND version = ${input.version}::int
      RETURNING *
    ), event AS (
      INSERT INTO "AuditEvent" (id, "projectId", "actorId", action, "objectType", "objectId", before, after)
      SELECT ${randomUUID()}, ${target.projectId}, ${caller.id}, 'annotation.review', 'annotation', upd.id, ${JSON.stringify(before)}::jsonb,
             ${JSON.stringify(after)}::jsonb || jsonb_build_object('exact', upd.exact)
        FROM upd
    )
    SELECT ${spanColumns('upd', 'u')} FROM upd JOIN "User" u ON u.id = upd."authorId"`;
  if (!row) {
    const [current] = await sql<{ version: number }>`SELECT version FROM "Annotation" WHERE id = ${id}`;
    if (!current) throw notFound('Annotation');
    throw staleVersion(current.version, input.version);
  }
  return spanRowToDto(row);
}

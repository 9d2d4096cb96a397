import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from '@/lib/db/client';
import { AppError, notFound } from '@/lib/errors';
import { assertAllowed, can } from '@/lib/auth/permissions';
import type { Caller } from '@/lib/auth/caller';
import type { AnnotationDto } from './dto';
import type { UpdateAnnotationInput } from './schema';
import { findAnnotationForUser } from './find-annotation';
import { toDbLabel } from './to-dto';

export const staleSpan = (current: number, sent: number) =>
  new AppError('CONFLICT', `This span was changed by someone else (now version ${current}, you sent ${sent})`, { version: `stale; current is ${current}` });

/**
 * Optimistic concurrency: the write only happens if the row is still at the
 * version the caller saw (a conditional UPDATE, atomic in Postgres). A stale
 * version gets 409 and changes nothing. Any edit sends a reviewed span back
 * to pending.
 *
 * Two statements on the pool, the lookup and the write (the UPDATE with its
 * audit event, so both commit together): editing is a frequent write, and an
 * interactive Prisma transaction held a pooled connection across eight round
 * trips. Every change to a span's fields raises its version, so the span read
 * by the lookup at the version the UPDATE requires is the "before" of the
 * event, and "after" follows from it.
 */
export async function updateAnnotation(caller: Caller, id: string, input: UpdateAnnotationInput): Promise<AnnotationDto> {
  const found = await findAnnotationForUser(caller.id, id);
  assertAllowed(can.changeSpan(found.roles, found.authorId, caller.id), 'Only the author or an admin can edit this span');
  if (found.version !== input.version) throw staleSpan(found.version, input.version);
  const before = found.span;
  // Millisecond precision, as the column keeps it; written as UTC (the column has no zone).
  const now = new Date();
  const after: AnnotationDto = {
    ...before,
    ...(input.label !== undefined && { label: input.label }),
    ...(input.note !== undefined && { note: input.note || null }),
    ...(input.speaker !== undefined && { speaker: input.speaker || null }),
    // Any edit sends a reviewed span back to review.
    status: 'pending',
    reviewComment: null,
    reviewedAt: null,
    reviewedBy: null,
    version: before.version + 1,
    updatedAt: now.toISOString(),
  };
  const [row] = await sql<{ id: string }>`
    WITH upd AS (
      UPDATE "Annotation"
         SET label = ${toDbLabel(after.label)}::"Label", note = ${after.note}, speaker = ${after.speaker},
             status = 'PENDING', "reviewedById" = NULL, "reviewedAt" = NULL, "reviewComment" = NULL,
             version = version + 1, "updatedAt" = ${after.updatedAt}::timestamptz AT TIME ZONE 'UTC'
       WHERE id = ${id} AND version = ${input.version}::int
      RETURNING id
    ), event AS (
      INSERT INTO "AuditEvent" (id, "projectId", "actorId", action, "objectType", "objectId", before, after)
      SELECT ${randomUUID()}, ${found.projectId}, ${caller.id}, 'annotation.update', 'annotation', upd.id, ${JSON.stringify(before)}::jsonb, ${JSON.stringify(after)}::jsonb
        FROM upd
    )
    SELECT id FROM upd`;
  if (!row) {
    const [current] = await sql<{ version: number }>`SELECT version FROM "Annotation" WHERE id = ${id}`;
    if (!current) throw notFound('Annotation');
    throw staleSpan(current.version, input.version);
  }
  return after;
}

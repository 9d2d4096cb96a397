import 'server-only';
import { recordEvent } from '@/lib/audit/record-event';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { isPrismaError } from '@/lib/db/prisma-error';
import { assertAllowed, can, memberOf } from '@/lib/auth/permissions';
import { isSpanVisible, requireSpanVisibility } from '@/lib/annotations/span-visibility';
import type { Caller } from '@/lib/auth/caller';
import type { LinkDto } from './dto';
import type { CreateLinkInput } from './schema';
import { linkSelect, toDbLinkKind, toLinkDto } from './to-dto';

const alreadyLinked = (id: string) =>
  new AppError('CONFLICT', 'These two spans are already linked', { toAnnotationId: `already linked to fromAnnotationId (link ${id})` });

/**
 * Links two spans of one project. Refused, storing nothing: a span linked to
 * itself (400), a span the caller cannot see or that was deleted (404), spans
 * of two projects (400), a pair already linked either way round (409).
 */
export async function createLink(caller: Caller, input: CreateLinkInput): Promise<LinkDto> {
  const { fromAnnotationId, toAnnotationId } = input;
  if (fromAnnotationId === toAnnotationId) {
    throw new AppError('BAD_REQUEST', 'A span cannot be linked to itself', { toAnnotationId: 'is the same span as fromAnnotationId' });
  }
  const spans = await db.annotation.findMany({
    where: { id: { in: [fromAnnotationId, toAnnotationId] }, article: { project: memberOf(caller.id) } },
    select: { id: true, authorId: true, article: { select: { projectId: true, comparison: { select: { openedAt: true } } } } },
  });
  const from = spans.find((s) => s.id === fromAnnotationId);
  const to = spans.find((s) => s.id === toAnnotationId);
  if (!from) throw new AppError('NOT_FOUND', 'Span not found', { fromAnnotationId: 'no such span in your projects' });
  if (!to) throw new AppError('NOT_FOUND', 'Span not found', { toAnnotationId: 'no such span in your projects' });
  const projectId = from.article.projectId;
  if (to.article.projectId !== projectId) {
    throw new AppError('BAD_REQUEST', 'The spans are in different projects', { toAnnotationId: 'is in another project than fromAnnotationId' });
  }
  const { roles, visibility } = await requireSpanVisibility(caller.id, projectId);
  // Independent annotation: a span hidden from the caller is not there for them.
  const visible = (s: typeof from) => isSpanVisible(visibility, { authorId: s.authorId, articleOpened: s.article.comparison !== null });
  if (!visible(from)) throw new AppError('NOT_FOUND', 'Span not found', { fromAnnotationId: 'no such span in your projects' });
  if (!visible(to)) throw new AppError('NOT_FOUND', 'Span not found', { toAnnotationId: 'no such span in your projects' });
  assertAllowed(can.annotate(roles), 'Only analysts and admins of this project can link spans');

  const existing = await db.link.findFirst({
    where: {
      OR: [
        { fromAnnotationId, toAnnotationId },
        { fromAnnotationId: toAnnotationId, toAnnotationId: fromAnnotationId },
      ],
    },
    select: { id: true },
  });
  if (existing) throw alreadyLinked(existing.id);
  let id: string;
  try {
    // Insert, then read the DTO: a create with nested selects runs as an implicit
    // transaction whose relation reads Prisma issues concurrently on one connection.
    ({ id } = await db.$transaction(async (tx) => {
      const link = await tx.link.create({
        data: { projectId, fromAnnotationId, toAnnotationId, kind: toDbLinkKind(input.kind), authorId: caller.id },
        select: { id: true },
      });
      await recordEvent(tx, { projectId, actorId: caller.id, action: 'link.create', objectType: 'link', objectId: link.id, after: { ...input } });
      return link;
    }));
  } catch (error) {
    // Lost a race: the same pair was linked (unique index on the unordered pair),
    // or one span was deleted, between our checks and the insert.
    if (isPrismaError(error, 'P2002')) throw new AppError('CONFLICT', 'These two spans are already linked', { toAnnotationId: 'already linked' });
    if (isPrismaError(error, 'P2003')) throw new AppError('NOT_FOUND', 'Span not found; it was deleted meanwhile');
    throw error;
  }
  return toLinkDto(await db.link.findUniqueOrThrow({ where: { id }, select: linkSelect }));
}

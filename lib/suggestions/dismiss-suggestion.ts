import 'server-only';
import { db } from '@/lib/db/client';
import { AppError, notFound } from '@/lib/errors';
import { assertAllowed, can, memberOf, toProjectRole } from '@/lib/auth/permissions';
import type { Caller } from '@/lib/auth/caller';
import type { DismissalDto } from './dto';

/**
 * Remembers that a suggested sentence is not a match for a span, so it is
 * never suggested for that span again. Dismissing twice is harmless.
 */
export async function dismissSuggestion(caller: Caller, annotationId: string, sentenceId: string): Promise<DismissalDto> {
  const span = await db.annotation.findFirst({
    where: { id: annotationId, article: { project: memberOf(caller.id) } },
    select: {
      id: true,
      article: { select: { projectId: true, project: { select: { memberships: { where: { userId: caller.id }, select: { role: true } } } } } },
    },
  });
  if (!span) throw notFound('Span');
  assertAllowed(can.annotate(span.article.project.memberships.map((m) => toProjectRole(m.role))), 'Only analysts and admins of this project can dismiss suggestions');
  const sentence = await db.sentence.findFirst({
    where: { id: sentenceId, article: { projectId: span.article.projectId } },
    select: { id: true },
  });
  if (!sentence) throw new AppError('NOT_FOUND', 'Sentence not found in this project', { sentenceId: 'no such sentence in the span’s project' });
  const row = await db.suggestionDismissal.upsert({
    where: { annotationId_sentenceId: { annotationId: span.id, sentenceId: sentence.id } },
    create: { annotationId: span.id, sentenceId: sentence.id, userId: caller.id },
    update: {},
    select: { annotationId: true, sentenceId: true, createdAt: true },
  });
  return { ...row, createdAt: row.createdAt.toISOString() };
}

import 'server-only';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { assertAllowed, can } from '@/lib/auth/permissions';
import { findAnnotationForUser } from '@/lib/annotations/find-annotation';
import type { Caller } from '@/lib/auth/caller';
import type { DismissalDto } from './dto';

/**
 * Remembers that a suggested sentence is not a match for a span, so it is
 * never suggested for that span again. Dismissing twice is harmless.
 */
export async function dismissSuggestion(caller: Caller, annotationId: string, sentenceId: string): Promise<DismissalDto> {
  const span = await findAnnotationForUser(caller.id, annotationId);
  assertAllowed(can.annotate(span.roles), 'Only analysts and admins of this project can dismiss suggestions');
  const sentence = await db.sentence.findFirst({
    where: { id: sentenceId, article: { projectId: span.projectId } },
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

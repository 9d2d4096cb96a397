import 'server-only';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { memberOf } from '@/lib/auth/permissions';
import type { Caller } from '@/lib/auth/caller';
import type { SuggestionDto } from './dto';
import { MAX_SUGGESTIONS } from './schema';
import { rankSentences } from './rank-sentences';

/**
 * Up to `limit` sentences of the project's other articles that may say the
 * same as the span, best first, leaving out those dismissed for this span.
 * Any member may ask; a span outside the caller's projects answers 404.
 */
export async function suggestFor(caller: Caller, annotationId: string, limit = MAX_SUGGESTIONS): Promise<SuggestionDto[]> {
  const span = await db.annotation.findFirst({
    where: { id: annotationId, article: { project: memberOf(caller.id) } },
    select: { id: true, exact: true, articleId: true, article: { select: { projectId: true } } },
  });
  if (!span) throw notFound('Span');
  return rankSentences(span.article.projectId, span.exact, {
    excludeArticleId: span.articleId,
    annotationId: span.id,
    limit: Math.min(Math.max(1, limit), MAX_SUGGESTIONS),
  });
}

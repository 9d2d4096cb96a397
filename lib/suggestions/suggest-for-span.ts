import 'server-only';
import { findAnnotationForUser } from '@/lib/annotations/find-annotation';
import type { Caller } from '@/lib/auth/caller';
import type { SuggestionDto } from './dto';
import { MAX_SUGGESTIONS } from './schema';
import { rankSentences } from './rank-sentences';

/**
 * Up to `limit` sentences of the project's other articles that may say the
 * same as the span, best first, leaving out those dismissed for this span.
 * Any member who may see the span may ask; any other span answers 404.
 */
export async function suggestFor(caller: Caller, annotationId: string, limit = MAX_SUGGESTIONS): Promise<SuggestionDto[]> {
  // Visibility as everywhere: a span hidden by independent annotation is "not found".
  const span = await findAnnotationForUser(caller.id, annotationId);
  return rankSentences(span.projectId, span.exact, {
    excludeArticleId: span.articleId,
    annotationId: span.id,
    limit: Math.min(Math.max(1, limit), MAX_SUGGESTIONS),
  });
}

import { apiRoute, parseQuery } from '@/lib/api/route';
import { suggestionsQuery } from '@/lib/suggestions/schema';
import { suggestFor } from '@/lib/suggestions/suggest-for-span';

/** A bare array, best first. */
export const GET = apiRoute(async ({ req, caller, params }) => {
  const { limit } = parseQuery(req, suggestionsQuery);
  return suggestFor(caller, params.annotationId, limit);
});

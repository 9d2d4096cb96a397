import { apiRoute, created, parseJson } from '@/lib/api/route';
import { dismissSuggestionInput } from '@/lib/suggestions/schema';
import { dismissSuggestion } from '@/lib/suggestions/dismiss-suggestion';

export const POST = apiRoute(async ({ req, caller, params }) => {
  const { sentenceId } = await parseJson(req, dismissSuggestionInput);
  return created(await dismissSuggestion(caller, params.annotationId, sentenceId));
});

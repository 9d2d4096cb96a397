import { z } from 'zod';

export const MAX_SUGGESTIONS = 10;

/** Query of GET /api/v1/annotations/{id}/suggestions. */
export const suggestionsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_SUGGESTIONS).optional().describe(`How many, 1–${MAX_SUGGESTIONS} (default ${MAX_SUGGESTIONS})`),
});
export type SuggestionsQuery = z.infer<typeof suggestionsQuery>;

export const dismissSuggestionInput = z.strictObject({
  sentenceId: z.string().min(1).max(64).describe('The suggested sentence that is not a match for this span'),
});
export type DismissSuggestionInput = z.infer<typeof dismissSuggestionInput>;

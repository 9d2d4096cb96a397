import { z } from 'zod';

export const searchQuery = z.strictObject({
  q: z.string().trim().min(1, 'type something to search for').max(200).describe('Words, "a phrase", or -excluded (web search syntax)'),
  page: z.coerce.number().int().min(1).max(1_000).default(1).describe('1-based; each list (passages, articles, spans) goes on from where the page before stopped'),
});
export type SearchQuery = z.infer<typeof searchQuery>;

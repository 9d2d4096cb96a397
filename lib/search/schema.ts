import { z } from 'zod';

export const searchQuery = z.strictObject({
  q: z.string().trim().min(1, 'type something to search for').max(200).describe('Words, "a phrase", or -excluded (web search syntax)'),
});
export type SearchQuery = z.infer<typeof searchQuery>;

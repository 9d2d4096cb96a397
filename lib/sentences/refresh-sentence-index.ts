import 'server-only';
import { db } from '@/lib/db/client';

/** After this many newly indexed sentences (a hundred articles or so), statistics are refreshed at once rather than by autovacuum a minute later. */
const ANALYZE_AFTER = 2_000;

/**
 * Housekeeping after sentences were indexed (lib/sentences/index-sentences.ts).
 *
 * - GIN indexes take new rows into a "pending list" that every search scans
 *   linearly until autovacuum merges it; after a bulk import that costs
 *   ~10 ms a query, so we merge it now (gin_clean_pending_list).
 * - Ranking picks rare words by the planner's lexeme statistics
 *   (lib/suggestions/rank-sentences.ts); a large import changes them.
 *
 * Both are optimisations: a failure (e.g. the database role does not own the
 * table) is logged and ignored, and autovacuum does the same job later.
 */
export async function refreshSentenceIndex(indexedSentences: number): Promise<void> {
  if (indexedSentences <= 0) return;
  try {
    await db.$queryRaw`SELECT gin_clean_pending_list('"Sentence_tsv_idx"'::regclass)`;
    // Only the column ranking reads: the other columns' statistics (a sort of
    // 30,000 sampled texts and ids) cost twice as much and autovacuum keeps them.
    if (indexedSentences >= ANALYZE_AFTER) await db.$executeRaw`ANALYZE "Sentence" (tsv)`;
  } catch (error) {
    console.warn('[sentences] index housekeeping skipped:', (error as Error).message);
  }
}

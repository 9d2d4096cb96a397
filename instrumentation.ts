/**
 * Once per server start (Next.js calls `register` before the server takes
 * requests): sentences a stopped server left unindexed (an import whose
 * indexing it did not finish) are indexed, beside the requests. Not awaited:
 * they are searchable meanwhile (lib/sentences/index-sentences.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { indexSentences } = await import('@/lib/sentences/index-sentences');
  void indexSentences();
}

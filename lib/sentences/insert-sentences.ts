import 'server-only';
import type pg from 'pg';
import { copyField, copyLine, copyRows } from '@/lib/corpus/copy-rows';
import { splitSentences } from './split-sentences';

/**
 * Splits new articles into sentences and stores them in one COPY on the
 * import transaction's connection (`client`). Articles are split as
 * PostgreSQL takes the rows (lib/corpus/copy-rows.ts): Node splits the next
 * articles while PostgreSQL updates the indexes for the rows before, so the
 * two cores work at once. `tsv` stays empty: computing it would cost the
 * import's one backend about eight times the COPY itself (BENCHMARKS.md,
 * import.index_floor); lib/sentences/index-sentences.ts fills it after the
 * commit, and search reads the sentences meanwhile. Resolves with the number
 * of sentences once they are stored.
 */
export function insertSentences(client: pg.ClientBase, articles: { id: string; text: string }[], nextId: () => string): Promise<number> {
  function* lines() {
    for (const a of articles) {
      for (const s of splitSentences(a.text)) yield copyLine([nextId(), a.id, String(s.start), String(s.end), copyField(s.text)]);
    }
  }
  return copyRows(client, 'Sentence', ['id', 'articleId', 'start', 'end', 'text'], lines());
}

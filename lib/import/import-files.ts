import 'server-only';
import { addArticles } from '@/lib/corpus/add-articles';
import { readRecords, type ColumnMapping } from './read-records';

export type ImportResult = { file: string; articles: number; added: number; unchanged: number };

/**
 * Imports one file (or corpus folder) into a project: all of it in one
 * transaction, or nothing if any record is invalid. Idempotent: articles
 * already there (same externalId, else same text) are counted as unchanged.
 */
export async function importFile(projectId: string, file: string, opts: { mapping?: ColumnMapping; name?: string } = {}): Promise<ImportResult> {
  const records = await readRecords(file, opts);
  const { added, unchanged } = await addArticles(projectId, records);
  return { file: opts.name ?? file, articles: records.length, added, unchanged };
}

import 'server-only';
import { addArticles } from '@/lib/corpus/add-articles';
import { readRecords, type ColumnMapping } from './read-records';

/** `revised`: articles whose text changed (a new revision); `orphaned`: spans that lost their place. */
export type ImportResult = { file: string; articles: number; added: number; unchanged: number; revised: number; orphaned: number };

/**
 * Imports one file (or corpus folder) into a project: all of it in one
 * transaction, or nothing if any record is invalid. Idempotent: articles
 * already there with the same text (matched by externalId, else text, else
 * URL) are counted as unchanged; with a changed text they are revised.
 * `actorId` is who the audit log names for revisions (null: the CLI).
 */
export async function importFile(
  projectId: string,
  file: string,
  opts: { mapping?: ColumnMapping; name?: string; actorId?: string | null } = {},
): Promise<ImportResult> {
  const records = await readRecords(file, opts);
  const counts = await addArticles(projectId, records, { actorId: opts.actorId });
  return { file: opts.name ?? file, articles: records.length, ...counts };
}

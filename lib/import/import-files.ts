import 'server-only';
import path from 'node:path';
import { AppError } from '@/lib/errors';
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
  const name = opts.name ?? path.basename(file);
  const counts = await addArticles(projectId, records, { actorId: opts.actorId }).catch((e) => {
    // Errors found while storing (not while reading) name the file too.
    if (e instanceof AppError && !e.message.startsWith(name)) throw new AppError(e.code, `${name}: ${e.message}`, e.fields);
    throw e;
  });
  return { file: opts.name ?? file, articles: records.length, ...counts };
}

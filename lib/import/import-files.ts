import 'server-only';
import path from 'node:path';
import { AppError } from '@/lib/errors';
import { addArticles } from '@/lib/corpus/add-articles';
import type { NewArticle } from '@/lib/articles/article-fields';
import { misnamedWords } from './misnamed-fields';
import { readRecords, sizeOfImport, type ColumnMapping, type Sidecar } from './read-records';

/**
 * `revised`: articles whose text changed (a new revision); `updated`: the same text with corrected
 * details (title, outlet, URL, author, date); `orphaned`: spans that lost their place; `reopened`:
 * decided spans on words the revision changed, back to pending review;
 * `warnings`: what the file gives that was not read, such as a misnamed field (lib/import/misnamed-fields.ts);
 * `spans`: spans the file added, to new articles or to ones already here; `spansSkipped`: spans it
 * gave that were already there (same place, same tag); `links`, `linksSkipped`: its relations
 * between its spans stored as links, and the others (`warnings` says why).
 */
/** How far an import has read: records so far, and bytes of a streamed file (JSONL, CSV) of its total (0 for a folder). */
export type ImportProgress = { articles: number; bytes: number; totalBytes: number };

export type ImportResult = {
  file: string; articles: number; added: number; unchanged: number; revised: number; updated: number; orphaned: number; reopened: number;
  spans: number; spansSkipped: number; links: number; linksSkipped: number; warnings?: string[];
};

/**
 * Imports one file (or corpus folder) into a project: all of it in one
 * transaction, or nothing if any record is invalid. Records are read as they
 * are stored, so a large file never sits in memory. Idempotent: articles
 * already there with the same text (matched by externalId, else text, else
 * URL) are counted as unchanged; with a changed text they are revised. An
 * import that changes something records an `import` audit event in the same
 * transaction. `actorId` is who the audit log names (null: the CLI).
 */
export async function importFile(
  projectId: string,
  file: string,
  opts: { mapping?: ColumnMapping; name?: string; actorId?: string | null; sidecar?: Sidecar; onProgress?: (p: ImportProgress) => void } = {},
): Promise<ImportResult> {
  const name = opts.name ?? path.basename(file);
  const bytes = await sizeOfImport(file, name);
  let articles = 0;
  const progress: ImportProgress = { articles: 0, bytes: 0, totalBytes: bytes };
  // Misnamed fields, once each for the file, whatever records they were in.
  const misnamed = new Map<string, [string, string]>();
  async function* counted(records: AsyncIterable<NewArticle>) {
    for await (const r of records) {
      articles++;
      progress.articles = articles;
      opts.onProgress?.(progress);
      for (const m of r.misnamed ?? []) if (misnamed.size < 20) misnamed.set(m.join('\u0000'), m);
      yield r;
    }
  }
  const { notes, ...counts } = await addArticles(projectId, counted(readRecords(file, { mapping: opts.mapping, name, sidecar: opts.sidecar, onBytes: (read) => (progress.bytes = read) })), { actorId: opts.actorId, file: name, bytes }).catch((e) => {
    // Errors found while storing (not while reading) name the file too. (A zipped
    // folder's errors already name the folder, which is the zip's name without .zip.)
    if (e instanceof AppError && !e.message.startsWith(name.replace(/\.zip$/i, ''))) throw new AppError(e.code, `${name}: ${e.message}`, e.fields);
    throw e;
  });
  const warnings = [...[...misnamed.values()].map(misnamedWords), ...(notes ?? [])];
  return { file: opts.name ?? file, articles, ...counts, ...(warnings.length && { warnings }) };
}

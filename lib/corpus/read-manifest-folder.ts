import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import type { NewArticle } from '@/lib/articles/article-fields';
import { decodeUtf8 } from '@/lib/import/decode-utf8';
import { FileProblems, MAX_LISTED_PROBLEMS } from '@/lib/import/file-problems';
import { quoteValue, toNewArticle, valueAt } from '@/lib/import/record';

/**
 * What the manifest itself must hold: a list of articles, each naming its
 * file. Their other fields (title, outlet, published…) are checked with the
 * file's text as a record of any format is (lib/import/record.ts), so that
 * they read and fail alike.
 */
const manifestSchema = z.object({
  corpus: z.string().optional(),
  description: z.string().optional(),
  articles: z.array(z.looseObject({ file: z.string().regex(/^[^/\\]+$/, 'must be a file name inside the folder') })),
});

/**
 * The files of a corpus folder, wherever they are (a folder on disk, a zip):
 * `name` is what errors call the folder; `read` gives a file's bytes, or null
 * if the folder has no such file.
 */
export type CorpusFiles = { name: string; read(file: string): Promise<Uint8Array | null> };

/** A corpus folder on disk. */
export function folderOnDisk(dir: string, name = path.basename(dir)): CorpusFiles {
  return {
    name,
    read: (file) =>
      fs.readFile(path.join(dir, file)).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT' || e.code === 'EISDIR') return null;
        throw e;
      }),
  };
}

/**
 * Reads a corpus folder described by manifest.json (as the demo corpus is).
 * Each article's externalId defaults to its file name, which keeps re-imports
 * idempotent. Every article goes through the same checks as a record of any
 * other format (lib/import/record.ts); errors name the folder's manifest or
 * file, never where it sits on the server's disk.
 */
export async function readManifestCorpus(files: CorpusFiles): Promise<{ name?: string; description?: string; articles: NewArticle[] }> {
  const where = `${files.name}/manifest.json`;
  const raw = await files.read('manifest.json');
  if (raw === null) throw new AppError('BAD_REQUEST', `${files.name}: no manifest.json (a corpus folder lists its articles in one)`, { manifest: 'missing' });
  let json: unknown;
  try {
    json = JSON.parse(decodeUtf8(raw, where));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('BAD_REQUEST', `${where}: not valid JSON (${(e as Error).message})`, { manifest: 'invalid JSON' });
  }
  const problems = new FileProblems(where);
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, MAX_LISTED_PROBLEMS + 1)) problems.add(manifestIssue(issue, json, where));
    throw problems.error();
  }
  // Every record is read and checked, so that the error lists all that are wrong.
  const read = await Promise.all(
    parsed.data.articles.map(async (a, i): Promise<NewArticle | AppError> => {
      try {
        const bytes = await files.read(a.file);
        if (bytes === null) throw new AppError('BAD_REQUEST', `${where}, record ${i + 1}: field "file": no file "${a.file}" in the folder`, { file: 'missing' });
        const text = decodeUtf8(bytes, `${files.name}/${a.file}`);
        return toNewArticle({ ...a, externalId: a.externalId ?? a.file, text }, { file: where, record: i + 1 });
      } catch (e) {
        if (e instanceof AppError) return e;
        throw e;
      }
    }),
  );
  for (const r of read) if (r instanceof AppError) problems.add(r);
  problems.finish();
  const articles = read as NewArticle[];
  return { name: parsed.data.corpus, description: parsed.data.description, articles };
}

/** One problem of the manifest itself: articles.<i>.<field> is named as a record (1-based) and its field, like every other format's errors. */
function manifestIssue(issue: z.core.$ZodIssue, json: unknown, where: string): AppError {
  const [top, index, ...rest] = issue.path.map(String);
  const inRecord = top === 'articles' && index !== undefined && /^\d+$/.test(index);
  const field = inRecord ? rest.join('.') || '(record)' : issue.path.join('.') || '(manifest)';
  const shown = inRecord && rest.length ? quoteValue(valueAt(json, issue.path)) : '';
  const at = inRecord ? `${where}, record ${Number(index) + 1}` : where;
  return new AppError('BAD_REQUEST', `${at}: field "${field}" ${issue.message}${shown}`, { [field]: issue.message });
}

/** A corpus folder on disk (the demo corpus, a folder given to the CLI). */
export const readManifestFolder = (dir: string) => readManifestCorpus(folderOnDisk(dir));

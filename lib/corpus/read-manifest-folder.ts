import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import type { NewArticle } from '@/lib/articles/article-fields';
import { decodeUtf8 } from '@/lib/import/decode-utf8';
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
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // articles.<i>.<field>: named as a record (1-based) and its field, like every other format's errors.
    const [top, index, ...rest] = issue.path.map(String);
    const inRecord = top === 'articles' && index !== undefined && /^\d+$/.test(index);
    const field = inRecord ? rest.join('.') || '(record)' : issue.path.join('.') || '(manifest)';
    const shown = inRecord && rest.length ? quoteValue(valueAt(json, issue.path)) : '';
    const at = inRecord ? `${where}, record ${Number(index) + 1}` : where;
    throw new AppError('BAD_REQUEST', `${at}: field "${field}" ${issue.message}${shown}`, { [field]: issue.message });
  }
  const articles = await Promise.all(
    parsed.data.articles.map(async (a, i) => {
      const origin = { file: where, record: i + 1 };
      const bytes = await files.read(a.file);
      if (bytes === null) throw new AppError('BAD_REQUEST', `${where}, record ${i + 1}: field "file": no file "${a.file}" in the folder`, { file: 'missing' });
      const text = decodeUtf8(bytes, `${files.name}/${a.file}`);
      return toNewArticle({ ...a, externalId: a.externalId ?? a.file, text }, origin);
    }),
  );
  return { name: parsed.data.corpus, description: parsed.data.description, articles };
}

/** A corpus folder on disk (the demo corpus, a folder given to the CLI). */
export const readManifestFolder = (dir: string) => readManifestCorpus(folderOnDisk(dir));

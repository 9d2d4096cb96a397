import fs from 'node:fs/promises';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { Readability } from '@mozilla/readability';
import { convert } from 'html-to-text';
import { AppError } from '@/lib/errors';
import type { NewArticle } from '@/lib/articles/article-fields';
import { folderOnDisk, readManifestCorpus } from '@/lib/corpus/read-manifest-folder';
import { decodeUtf8 } from './decode-utf8';
import { megabytes } from './megabytes';
import { zipCorpusFiles } from './read-zip';
import { readCsv } from './read-csv';
import { DEFAULT_CSV_MAPPING } from './default-csv-mapping';
import { readJsonl } from './read-jsonl';
import { readJsonArray } from './read-json-array';
import { MAX_IMPORT_FILE_BYTES, toNewArticle } from './record';
import type { ColumnMapping } from './column-mapping';

export type { ColumnMapping } from './column-mapping';

/** The size of a file to import, refused over the limit. Folders are sized by their files. */
export async function sizeOfImport(file: string, name: string): Promise<number> {
  const stat = await fs.stat(file);
  if (stat.isDirectory()) return 0;
  if (stat.size > MAX_IMPORT_FILE_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', `${name}: ${megabytes(stat.size)} is over the ${megabytes(MAX_IMPORT_FILE_BYTES)} limit`, { file: 'too large' });
  }
  return stat.size;
}

/**
 * Every article in one file (or corpus folder), validated, in file order.
 * JSON Lines and CSV stream: records are read and checked one by one, so a
 * file of any size (up to the limit) takes the memory of a few records. A
 * bad record throws (at the end of the file, listing every bad record with its
 * line and field: lib/import/file-problems.ts), and the caller's transaction
 * (lib/corpus/add-articles.ts) imports nothing of the file.
 * A page (.txt, .html) is one article, read whole.
 */
export async function* readRecords(
  file: string,
  opts: { mapping?: ColumnMapping; name?: string; sidecar?: Sidecar; onBytes?: (read: number) => void } = {},
): AsyncGenerator<NewArticle> {
  const name = opts.name ?? path.basename(file);
  const stat = await fs.stat(file);
  if (stat.isDirectory()) {
    yield* (await readManifestCorpus(folderOnDisk(file, name))).articles;
    return;
  }
  await sizeOfImport(file, name);
  const ext = path.extname(name).toLowerCase();
  switch (ext) {
    case '.jsonl':
    case '.ndjson':
      yield* readJsonl(file, name, opts.onBytes);
      return;
    case '.json':
      // A .json beside a .txt of its name is the page's details (sidecars.ts); alone, a list of articles or Label Studio tasks.
      yield* readJsonArray(file, name, opts.onBytes);
      return;
    case '.csv':
      yield* readCsv(file, name, opts.mapping ?? DEFAULT_CSV_MAPPING, opts.onBytes);
      return;
    case '.txt':
      yield await readTxt(file, decodeUtf8(await fs.readFile(file), name), name, opts.sidecar);
      return;
    case '.html':
    case '.htm':
      yield readHtml(decodeUtf8(await fs.readFile(file), name), name);
      return;
    case '.zip':
      // A corpus folder sent as one file (the drop zone zips a dropped folder).
      yield* (await readManifestCorpus(zipCorpusFiles(await fs.readFile(file), name))).articles;
      return;
    default:
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${name}: unknown file type "${ext}" (use .jsonl, .json, .csv, .txt, .html, a folder with manifest.json or a .zip of one)`);
  }
}

/** A page's sidecar: where its bytes are, and what errors call it. */
export type Sidecar = { path: string; name: string };

/**
 * A page whose details (title, outlet, url, author, published, externalId)
 * come from a sidecar `<name>.json`: beside it on disk, or sent with it
 * (lib/import/sidecars.ts). Without one, the first line is the title (cut to
 * 120 characters between words), and the file's name is its externalId (the same text under another name is the
 * same article: lib/corpus/find-known-articles.ts). A sidecar that cannot be
 * read as a JSON object is an error, never silently passed over.
 */
async function readTxt(file: string, content: string, name: string, sent?: Sidecar): Promise<NewArticle> {
  const sidecar = sent ?? { path: file.replace(/\.txt$/i, '.json'), name: name.replace(/\.txt$/i, '.json') };
  const bytes = await fs.readFile(sidecar.path).catch((e: NodeJS.ErrnoException) => {
    if (!sent && e.code === 'ENOENT') return null;
    throw e;
  });
  // No title given: toNewArticle makes one of the first line, cut between words (a one-line page may be all text).
  if (bytes === null) return { ...toNewArticle({ externalId: name, text: content }, { file: name }), idFromName: true };
  let meta: unknown;
  try {
    meta = JSON.parse(decodeUtf8(bytes, sidecar.name));
  } catch (e) {
    // Not UTF-8: named as the details of this page, as any other problem of the sidecar.
    if (e instanceof AppError) throw new AppError(e.code, `${name}: its details file ${e.message}`, e.fields);
    throw new AppError('BAD_REQUEST', `${name}: its details file ${sidecar.name} is not valid JSON (${(e as Error).message})`, { sidecar: 'invalid JSON' });
  }
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) {
    throw new AppError('BAD_REQUEST', `${name}: its details file ${sidecar.name} must be a JSON object (title, outlet, url, author, published, externalId)`, { sidecar: 'not an object' });
  }
  const givesId = 'externalId' in meta || 'external_id' in meta;
  const article = toNewArticle({ ...(!givesId && { externalId: name }), ...meta, text: content }, { file: `${name} (details in ${sidecar.name})` });
  return { ...article, idFromName: !givesId };
}

/**
 * The extracted article's HTML as plain text (html-to-text): block elements
 * (paragraphs, headings, list items, table rows) end a line, so minified
 * markup (`…</p><p>…`) does not run two paragraphs into one word, as
 * Readability's own textContent does. Nothing else of the markup is kept:
 * no link targets, images, heading capitals, list or quote markers, no wrapping.
 */
const articleText = (html: string) =>
  convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      ...(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).map((selector) => ({ selector, options: { uppercase: false } })),
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
      // Blocks as they are: no "> " before quotes, no "* " or "1. " before list items, which would become text.
      ...(['blockquote', 'ul', 'ol', 'li'] as const).map((selector) => ({ selector, format: 'block' })),
    ],
  });

/**
 * Mozilla Readability extracts the article; everything else of the page
 * (markup, scripts, styles) is discarded. Only its text is kept, a paragraph
 * a block, and the app never renders imported HTML.
 */
function readHtml(content: string, name: string): NewArticle {
  const dom = new JSDOM(content);
  const article = new Readability(dom.window.document).parse();
  dom.window.close();
  if (!article?.content || !article.textContent?.trim()) throw new AppError('BAD_REQUEST', `${name}: no article text found in the page`, { text: 'missing' });
  const paragraphs = articleText(article.content).split(/\n\s*\n|\n/).map((p) => p.trim()).filter(Boolean);
  const page = toNewArticle(
    { externalId: name, title: article.title || name, author: article.byline ?? null, outlet: article.siteName ?? null, published: article.publishedTime ?? null, text: paragraphs.join('\n\n') },
    { file: name },
  );
  return { ...page, idFromName: true };
}

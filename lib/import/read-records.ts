import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { JSDOM } from 'jsdom';
import { Readability } from '@mozilla/readability';
import { AppError } from '@/lib/errors';
import type { NewArticle } from '@/lib/articles/article-fields';
import { readManifestFolder } from '@/lib/corpus/read-manifest-folder';
import { MAX_IMPORT_FILE_BYTES, toNewArticle } from './record';

/** CSV column → article field, e.g. { text: 'articleBody', externalId: 'Body ID' }. */
export type ColumnMapping = Partial<Record<'text' | 'title' | 'outlet' | 'url' | 'author' | 'published' | 'externalId', string>>;

/** Recognised without a mapping: the FNC-1 bodies file. */
const DEFAULT_CSV_MAPPING: ColumnMapping = { text: 'articleBody', externalId: 'Body ID' };

/** Decodes UTF-8 strictly: a file with invalid bytes is refused, never guessed at. */
function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8Line(bytes);
    throw new AppError('BAD_REQUEST', `${file}, line ${at}: not valid UTF-8`, { file: 'invalid UTF-8' });
  }
}

function firstInvalidUtf8Line(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}

async function readText(file: string, name: string): Promise<string> {
  const stat = await fs.stat(file);
  if (stat.size > MAX_IMPORT_FILE_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', `${name}: ${stat.size} bytes is over the ${MAX_IMPORT_FILE_BYTES}-byte limit`, { file: 'too large' });
  }
  return decodeUtf8(await fs.readFile(file), name);
}

/**
 * Every article in one file (or corpus folder), validated. Throws on the
 * first bad record with its file, line and field: a file imports whole or not
 * at all.
 */
export async function readRecords(file: string, opts: { mapping?: ColumnMapping; name?: string } = {}): Promise<NewArticle[]> {
  const name = opts.name ?? path.basename(file);
  const stat = await fs.stat(file);
  if (stat.isDirectory()) return (await readManifestFolder(file)).articles;
  const ext = path.extname(name).toLowerCase();
  const content = await readText(file, name);
  switch (ext) {
    case '.jsonl':
    case '.ndjson':
      return content.split('\n').flatMap((line, i) => {
        if (!line.trim()) return [];
        let raw: unknown;
        try {
          raw = JSON.parse(line);
        } catch (e) {
          throw new AppError('BAD_REQUEST', `${name}, line ${i + 1}: not valid JSON (${(e as Error).message})`, { line: String(i + 1) });
        }
        return [toNewArticle(raw, { file: name, line: i + 1 })];
      });
    case '.csv':
      return readCsv(content, name, opts.mapping ?? DEFAULT_CSV_MAPPING);
    case '.txt':
      return [await readTxt(file, content, name)];
    case '.html':
    case '.htm':
      return [readHtml(content, name)];
    default:
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${name}: unknown file type "${ext}" (use .jsonl, .csv, .txt, .html or a folder with manifest.json)`);
  }
}

function readCsv(content: string, name: string, mapping: ColumnMapping): NewArticle[] {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(content, { columns: true, bom: true, skip_empty_lines: true, relax_column_count: false });
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new AppError('BAD_REQUEST', `${name}, line ${err.lines ?? '?'}: malformed CSV (${err.message})`, { line: String(err.lines ?? '') });
  }
  const header = rows.length ? Object.keys(rows[0]) : [];
  for (const [field, column] of Object.entries(mapping)) {
    if (rows.length && !header.includes(column)) {
      throw new AppError('BAD_REQUEST', `${name}: no column "${column}" for ${field} (columns: ${header.join(', ')})`, { [field]: `column "${column}" missing` });
    }
  }
  // Line numbers count the header as line 1 (multi-line quoted bodies make this the record's first line only approximately).
  return rows.map((row, i) =>
    toNewArticle(Object.fromEntries(Object.entries(mapping).map(([field, column]) => [field, row[column!]])), { file: name, record: i + 1 }),
  );
}

/** A sidecar `<name>.json` gives the metadata; without one the first line is the title. */
async function readTxt(file: string, content: string, name: string): Promise<NewArticle> {
  const sidecar = file.replace(/\.txt$/i, '.json');
  let meta: Record<string, unknown> = {};
  try {
    meta = JSON.parse(await fs.readFile(sidecar, 'utf8'));
  } catch {
    meta = { title: content.trim().split('\n')[0] };
  }
  return toNewArticle({ externalId: name, ...meta, text: content }, { file: name });
}

/**
 * Mozilla Readability extracts the article; everything else of the page
 * (markup, scripts, styles) is discarded. Only its text is kept, and the app
 * never renders imported HTML.
 */
function readHtml(content: string, name: string): NewArticle {
  const dom = new JSDOM(content);
  const article = new Readability(dom.window.document).parse();
  dom.window.close();
  if (!article?.textContent?.trim()) throw new AppError('BAD_REQUEST', `${name}: no article text found in the page`, { text: 'missing' });
  const paragraphs = (article.textContent ?? '').split(/\n\s*\n|\n/).map((p) => p.trim()).filter(Boolean);
  return toNewArticle(
    { externalId: name, title: article.title || name, author: article.byline ?? null, outlet: article.siteName ?? null, published: article.publishedTime ?? null, text: paragraphs.join('\n\n') },
    { file: name },
  );
}

// The FNC-1 files in bench/data/fnc-1 (gzip CSV), shared by the suggestion
// benchmarks. Bodies enter a project through the app's own import path
// (lib/import/import-files.ts), which splits and indexes their sentences.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse/sync';
import { importFile, type ImportResult } from '@/lib/import/import-files';
import { indexSentences } from '@/lib/sentences/index-sentences';
import { ROOT } from './processes';

export const FNC1_DIR = path.join(ROOT, 'bench', 'data', 'fnc-1');

export type Fnc1Body = { bodyId: string; text: string };
export type Fnc1Stance = { headline: string; bodyId: string; stance: 'unrelated' | 'discuss' | 'agree' | 'disagree' };

/** The UTF-8 text of bench/data/fnc-1/<name> (a .csv.gz). */
export function readFnc1(name: string): string {
  return gunzipSync(fs.readFileSync(path.join(FNC1_DIR, name))).toString('utf8');
}

export function readBodies(name: string): Fnc1Body[] {
  const rows: Record<string, string>[] = parseCsv(readFnc1(name), { columns: true, bom: true, skip_empty_lines: true });
  return rows.map((r) => ({ bodyId: r['Body ID'], text: r.articleBody }));
}

const STANCES = new Set(['unrelated', 'discuss', 'agree', 'disagree']);

export function readStances(name: string): Fnc1Stance[] {
  const rows: Record<string, string>[] = parseCsv(readFnc1(name), { columns: true, bom: true, skip_empty_lines: true });
  return rows.map((r, i) => {
    if (!STANCES.has(r.Stance)) throw new Error(`${name}, record ${i + 1}: unknown stance "${r.Stance}"`);
    return { headline: r.Headline, bodyId: r['Body ID'], stance: r.Stance as Fnc1Stance['stance'] };
  });
}

/** A temp directory for the duration of `fn`, deleted afterwards. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosscheck-bench-fnc1-'));
  try {
    return await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Imports a CSV through `importFile` (the FNC-1 layout, "Body ID" and
 * "articleBody", is its default mapping): one transaction, sentences split,
 * then waits for the sentence indexer the import set going (the search index
 * and the ranking's statistics): benchmarks measure the steady state, not the
 * seconds after an import when search computes missing tsvectors as it reads.
 */
export async function importCsvText(projectId: string, name: string, csv: string): Promise<ImportResult> {
  const result = await withTempDir(async (dir) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, csv);
    return importFile(projectId, file, { name });
  });
  await indexSentences();
  return result;
}

/** Imports bench/data/fnc-1/<name>.csv.gz as it is. */
export function importFnc1(projectId: string, gzName: string): Promise<ImportResult> {
  return importCsvText(projectId, gzName.replace(/\.gz$/, ''), readFnc1(gzName));
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { importFile } from '@/lib/import/import-files';
import { makeProject, testDb } from '../factories';

// A full garbage collection on demand, to measure what the import holds
// rather than garbage V8 has not collected yet. The flag takes effect for
// contexts created after it is set.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const MB = 2 ** 20;

/**
 * ~95 MB of JSON Lines (the limit is 100): 3,200 articles whose text is short
 * (1.5 KB, so the database part stays quick) and whose lines carry 28 KB of
 * metadata the importer reads and ignores. A reader that held the file, its
 * lines or its records would hold more than the file's size.
 */
async function writeLargeFile(file: string) {
  const out = fs.createWriteStream(file);
  const notes = 'Field notes kept by the newsroom, not part of the article. '.repeat(490);
  for (let i = 0; i < 3_200; i++) {
    const text = `Dispatch ${i}. ` + `The ministry said on Tuesday that talks with region ${i % 40} had stalled. `.repeat(20);
    if (!out.write(JSON.stringify({ externalId: `big-${i}`, title: `Dispatch ${i}`, text, notes }) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

describe('importing a large file', () => {
  // What stays is about constant (~5 MB: the batch being stored, the one read
  // ahead and what the reader buffers, see lib/corpus/add-articles.ts), reached
  // within seconds, whatever the file's size.
  it('keeps the memory in use flat: far below the file size while the file streams in', { timeout: 180_000 }, async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-import-memory-')), 'large.jsonl');
    await writeLargeFile(file);
    const size = fs.statSync(file).size;
    expect(size).toBeGreaterThan(90 * MB);

    const project = await makeProject();
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let samples = 0;
    const timer = setInterval(() => {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      samples++;
    }, 100);
    try {
      expect(await importFile(project.id, file)).toMatchObject({ articles: 3_200, added: 3_200 });
    } finally {
      clearInterval(timer);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
    console.log(`[import-memory] ${(size / MB).toFixed(0)} MB file: live heap grew by at most ${(peak / MB).toFixed(1)} MB (${samples} samples)`);
    expect(samples).toBeGreaterThan(4);
    expect(peak).toBeLessThan(size / 4);
    expect(await testDb().article.count({ where: { projectId: project.id } })).toBe(3_200);
  });
});

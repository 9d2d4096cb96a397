// The import's memory on a large file: a JSON Lines file of ~64 MB (FNC-1
// bodies over and over, each line a new article) imported with `importFile`
// in this process. process.memoryUsage() is sampled every 100 ms (peak RSS,
// peak heapUsed: garbage included) and once a second right after a full
// garbage collection (peak live heap: what the import holds). The forced
// collections keep RSS lower than V8 alone would: between them, garbage of a
// second of importing accumulates.
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import { importFile } from '@/lib/import/import-files';
import { makeProject } from '../test/factories';
import { readBodies, withTempDir } from './fnc1';
import { round } from './stats';
import type { Figures } from './types';

const MB = 2 ** 20;

async function writeBodiesJsonl(file: string, mb: number): Promise<void> {
  const bodies = readBodies('train_bodies.csv.gz');
  const out = fs.createWriteStream(file);
  let bytes = 0;
  for (let i = 0; bytes < mb * MB; i++) {
    const line = JSON.stringify({ externalId: `memory-${i}`, title: `Body ${i}`, text: `${bodies[i % bodies.length].text}\n\nCopy ${i}.` }) + '\n';
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

export async function measureImportMemory(mb: number): Promise<Figures> {
  // A full collection on demand (the flag applies to contexts created after it is set).
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  return withTempDir(async (dir) => {
    const file = path.join(dir, 'large.jsonl');
    await writeBodiesJsonl(file, mb);
    const size = fs.statSync(file).size;
    const project = await makeProject('Import memory benchmark');
    gc();
    const start = process.memoryUsage();
    let peakRss = start.rss;
    let peakHeap = start.heapUsed;
    let peakLive = start.heapUsed;
    let ticks = 0;
    const timer = setInterval(() => {
      if (++ticks % 10 === 0) {
        gc();
        peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
      }
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 100);
    const t0 = performance.now();
    let added: number;
    try {
      added = (await importFile(project.id, file)).added;
    } finally {
      clearInterval(timer);
    }
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `[import] ${(size / MB).toFixed(0)} MB JSONL, ${added} articles in ${seconds.toFixed(1)} s: ` +
        `RSS ${(start.rss / MB).toFixed(0)} → peak ${(peakRss / MB).toFixed(0)} MB, heapUsed ${(start.heapUsed / MB).toFixed(0)} → peak ${(peakHeap / MB).toFixed(0)} MB, ` +
        `live heap peak ${(peakLive / MB).toFixed(0)} MB`,
    );
    return {
      'import.memory.file_mb': round(size / MB, 0),
      'import.memory.articles': added,
      'import.memory.seconds': round(seconds, 1),
      'import.memory.start_rss_mb': round(start.rss / MB, 0),
      'import.memory.peak_rss_mb': round(peakRss / MB, 0),
      'import.memory.start_heap_mb': round(start.heapUsed / MB, 0),
      'import.memory.peak_heap_mb': round(peakHeap / MB, 0),
      'import.memory.peak_live_heap_mb': round(peakLive / MB, 0),
    };
  });
}

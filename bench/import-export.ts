// Benchmarks E and F: bulk import and bulk export against raw PostgreSQL COPY.
//
// import: the 2,587 FNC-1 bodies (train_bodies 1,683 + competition_test_bodies
// 904, gunzipped to temp CSV files) go into a fresh project through the app's
// `importFile` (lib/import/import-files.ts: parse, normalise, split sentences,
// one transaction per file), in this process; then, apart, the sentence
// indexer that each import sets going after its commit (the search index,
// lib/sentences/index-sentences.ts), until it is done. Yardstick in the same
// run: `COPY bench_raw(body_id, body) FROM STDIN (FORMAT csv, HEADER true)` of
// the same CSV files (pg + pg-copy-streams) into a plain table, created before
// and dropped after. Rounds alternate COPY, import, COPY, import… each import
// into a new project (a second import of the same file into one project is a
// no-op by design), each after the database is settled (settle()); figures
// are medians over the rounds, and the ratio is the median of each round's
// import over that round's COPY (the machine's drift between rounds, which
// the two share, cancels). Beside the wall
// clock, the CPU seconds of this process and of the whole PostgreSQL server
// (bench/process-cpu.ts) during each: on a shared machine they say where the
// time goes better than the clock does. Then the memory of importing a large
// file (bench/import-memory.ts; `--import-memory-mb 0` skips it).
//
// export: a project of generated articles (importCsvText, so sentences exist
// as after a real import) and APPROVED spans inserted in one INSERT … SELECT
// generate_series per batch (real substrings as exact/prefix/suffix, as in
// bench/review-queue.ts). Then GET /api/v1/projects/{id}/export?format=w3c and
// ?format=jsonl from the Next production server with a Bearer token, the body
// read to its end by a small client process of its own (bytes and lines
// counted), with the CPU seconds of the server, PostgreSQL and that client
// beside the clock. The server's peak RSS is the max
// of VmRSS (/proc/<pid>/status) sampled every 100 ms during each export
// (VmHWM is cumulative over the server's life, so useless per export). The
// pid is the process listening on the server's port, found through
// /proc/net/tcp{,6} (socket inode) and /proc/*/fd (bench/processes.ts's Server
// does not expose it, and `next start` renames its process title, so
// `pgrep -f "next start"` is unreliable). Yardstick in the same run: COPY
// (SELECT the spans' columns … ) TO STDOUT, drained to a byte counter.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { stringify } from 'csv-stringify/sync';
import { importFile } from '@/lib/import/import-files';
import { indexSentences } from '@/lib/sentences/index-sentences';
import { addMember, makeArticle, makeProject, makeToken, makeUser, testDb } from '../test/factories';
import { generateArticle } from './fixtures';
import { importCsvText, readBodies, readFnc1, withTempDir } from './fnc1';
import { median, round } from './stats';
import type { Benchmark, BenchContext, Figures, Row } from './types';
import { insertGeneratedSpans } from './generate-spans';
import { measureImportMemory } from './import-memory';
import { cpuSeconds, listeningPid, ownCpuSeconds, serverCpuSeconds } from './process-cpu';
import { ROOT, startProcess, type Server } from './processes';
import { freePort } from '../scripts/embedded-postgres';

const FILES = ['train_bodies.csv.gz', 'competition_test_bodies.csv.gz'];

function pgClient() {
  return new pg.Client({ connectionString: process.env.DATABASE_URL, options: '-c TimeZone=UTC' });
}

// ---------------------------------------------------------------- import

/** The PostgreSQL server's process: the one listening on DATABASE_URL's port. */
const postmasterPid = () => listeningPid(Number(new URL(process.env.DATABASE_URL!).port));

/** Wall and CPU seconds (this process, the PostgreSQL server) of `fn`. */
async function timed<T>(postmaster: number, fn: () => Promise<T>) {
  const [pg0, node0, t0] = [serverCpuSeconds(postmaster), ownCpuSeconds(), performance.now()];
  const value = await fn();
  return { value, seconds: (performance.now() - t0) / 1000, nodeCpu: ownCpuSeconds() - node0, pgCpu: serverCpuSeconds(postmaster) - pg0 };
}

async function copyFiles(files: string[], postmaster: number) {
  const client = pgClient();
  await client.connect();
  try {
    await client.query('DROP TABLE IF EXISTS bench_raw');
    await client.query('CREATE TABLE bench_raw (body_id text, body text)');
    const run = await timed(postmaster, async () => {
      for (const file of files) {
        await pipeline(fs.createReadStream(file), client.query(copyFrom('COPY bench_raw(body_id, body) FROM STDIN (FORMAT csv, HEADER true)')));
      }
    });
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM bench_raw');
    if (Number(rows[0].n) !== 2_587) console.log(`[import] COPY loaded ${rows[0].n} rows (expected 2,587)`);
    await client.query('DROP TABLE bench_raw');
    return run;
  } finally {
    await client.end();
  }
}

/**
 * Before each measured step: the database as a server that has been idle
 * for a while would have it, so that no step pays for the cleanup after the
 * one before (the indexer's UPDATEs leave every sentence's old row version
 * dead for autovacuum; dirty pages wait to be written). The machine's own
 * drift stays: in one run without this the raw COPY took 0.117 s in round 1
 * and 0.229 s in round 5, and with it 0.115–0.171 s.
 */
async function settle() {
  const client = pgClient();
  await client.connect();
  try {
    await client.query('VACUUM (ANALYZE) "Sentence", "Article"');
    await client.query('CHECKPOINT');
  } finally {
    await client.end();
  }
}

/**
 * One import of the files into a new project, then, measured apart, the
 * sentence indexer (lib/sentences/index-sentences.ts) that the import set
 * going after its commit: it waits a quarter of a second for the cores to
 * be free of imports, then fills the tsvectors on two connections.
 */
async function importOnce(files: string[], round: number, postmaster: number) {
  const project = await makeProject(`FNC-1 import benchmark ${round}`);
  const run = await timed(postmaster, async () => {
    let articles = 0;
    for (const file of files) articles += (await importFile(project.id, file, { name: path.basename(file) })).added;
    return articles;
  });
  const index = await timed(postmaster, () => indexSentences());
  const sentences = await testDb().sentence.count({ where: { article: { projectId: project.id } } });
  const [{ unindexed }] = await testDb().$queryRaw<{ unindexed: number }[]>`
    SELECT count(*)::int AS unindexed FROM "Sentence" s JOIN "Article" a ON a.id = s."articleId" WHERE a."projectId" = ${project.id} AND s.tsv IS NULL`;
  if (unindexed > 0) throw new Error(`the indexer left ${unindexed} of ${sentences} sentences without their tsvector`);
  return { ...run, articles: run.value, sentences, projectId: project.id, index };
}

/**
 * The search index alone, for scale: the sentences an import stored, already
 * split, copied (COPY FROM STDIN) into a table with nothing but the tsvector
 * column Sentence has (to_tsvector('english', text)) and its GIN index. No
 * parsing, splitting, articles, keys or other indexes: what indexing these
 * sentences costs one PostgreSQL backend however the import is written. An
 * import is one transaction, and PostgreSQL runs a transaction's writes on
 * one backend.
 */
async function indexFloor(projectId: string, postmaster: number) {
  const client = pgClient();
  await client.connect();
  try {
    await client.query('DROP TABLE IF EXISTS bench_index_floor');
    await client.query(`CREATE TABLE bench_index_floor (id text, "articleId" text, start int, "end" int, text text,
      tsv tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED)`);
    await client.query('CREATE INDEX ON bench_index_floor USING gin (tsv)');
    const rows: Buffer[] = [];
    // COPY takes no bind parameters; the id is a cuid made by this process.
    const dump = client.query(copyTo(`COPY (SELECT s.id, s."articleId", s.start, s."end", s.text FROM "Sentence" s JOIN "Article" a ON a.id = s."articleId" WHERE a."projectId" = '${projectId}') TO STDOUT`));
    for await (const chunk of dump) rows.push(chunk as Buffer);
    const run = await timed(postmaster, () => pipeline(Readable.from(rows), client.query(copyFrom('COPY bench_index_floor FROM STDIN'))));
    await client.query('DROP TABLE bench_index_floor');
    return run;
  } finally {
    await client.end();
  }
}

/**
 * One import of 300 other FNC-1 bodies (the first of the test file, by a
 * different file name, into a project of its own) and its indexing, before
 * the rounds: the import code is then compiled by V8, as in a server that
 * has been up, rather than interpreted in the first round. The yardstick has
 * no such warm-up to need.
 */
async function warmUp() {
  const bodies = readBodies('competition_test_bodies.csv.gz').slice(0, 300);
  const project = await makeProject('FNC-1 import benchmark warm-up');
  const t0 = performance.now();
  await importCsvText(project.id, 'warm-up.csv', stringify([['Body ID', 'articleBody'], ...bodies.map((b) => [b.bodyId, b.text])]));
  console.log(`[import] warm-up: ${bodies.length} articles imported and indexed in ${((performance.now() - t0) / 1000).toFixed(2)} s (not counted)`);
}

async function runImport(ctx: BenchContext): Promise<Figures> {
  const rounds = Number(ctx.flags['import-rounds'] ?? 5);
  const memoryMb = Number(ctx.flags['import-memory-mb'] ?? 64);
  const postmaster = postmasterPid();
  const figures = await withTempDir(async (dir) => {
    const files = FILES.map((gz) => {
      const file = path.join(dir, gz.replace(/\.gz$/, ''));
      fs.writeFileSync(file, readFnc1(gz));
      return file;
    });
    await warmUp();
    const copy: Awaited<ReturnType<typeof copyFiles>>[] = [];
    const imp: Awaited<ReturnType<typeof importOnce>>[] = [];
    const floor: Awaited<ReturnType<typeof indexFloor>>[] = [];
    for (let i = 1; i <= rounds; i++) {
      await settle();
      const c = await copyFiles(files, postmaster);
      await settle();
      const r = await importOnce(files, i, postmaster);
      const f = await indexFloor(r.projectId, postmaster);
      copy.push(c);
      imp.push(r);
      floor.push(f);
      console.log(
        `[import] round ${i}: COPY ${c.seconds.toFixed(3)} s (PostgreSQL CPU ${c.pgCpu.toFixed(2)} s); ` +
          `importFile ${r.seconds.toFixed(2)} s (${r.articles} articles, ${r.sentences} sentences; CPU: node ${r.nodeCpu.toFixed(2)} s, PostgreSQL ${r.pgCpu.toFixed(2)} s); ` +
          `indexed ${r.index.seconds.toFixed(2)} s later (PostgreSQL CPU ${r.index.pgCpu.toFixed(2)} s); ` +
          `index alone ${f.seconds.toFixed(2)} s (PostgreSQL CPU ${f.pgCpu.toFixed(2)} s)`,
      );
    }
    const s = median(imp.map((r) => r.seconds));
    const c = median(copy.map((r) => r.seconds));
    /** Each round's figure over the same round's COPY: the machine's drift between rounds cancels. */
    const perRound = (seconds: (i: number) => number) => copy.map((cr, i) => seconds(i) / cr.seconds);
    const ratios = perRound((i) => imp[i].seconds);
    return {
      'import.seconds': round(s, 2),
      'import.copy_seconds': round(c, 3),
      'import.ratio': round(median(ratios), 1),
      'import.ratio_min': round(Math.min(...ratios), 1),
      'import.ratio_max': round(Math.max(...ratios), 1),
      'import.ratio_of_medians': round(s / c, 1),
      'import.node_cpu_s': round(median(imp.map((r) => r.nodeCpu)), 2),
      'import.pg_cpu_s': round(median(imp.map((r) => r.pgCpu)), 2),
      'import.copy_pg_cpu_s': round(median(copy.map((r) => r.pgCpu)), 2),
      'import.indexed_after_seconds': round(median(imp.map((r) => r.index.seconds)), 2),
      'import.indexed_pg_cpu_s': round(median(imp.map((r) => r.index.pgCpu)), 2),
      'import.searchable_index_ratio': round(median(perRound((i) => imp[i].seconds + imp[i].index.seconds)), 1),
      'import.index_floor_seconds': round(median(floor.map((r) => r.seconds)), 2),
      'import.index_floor_ratio': round(median(perRound((i) => floor[i].seconds)), 1),
      'import.index_floor_pg_cpu_s': round(median(floor.map((r) => r.pgCpu)), 2),
      'import.articles': imp.at(-1)!.articles,
      'import.sentences': imp.at(-1)!.sentences,
      'import.rounds': rounds,
    };
  });
  if (memoryMb <= 0) return figures;
  const memory = await measureImportMemory(memoryMb);
  await indexSentences(); // not measured: done before the database stops
  return { ...figures, ...memory };
}

function importRows(r: Figures): Row[] {
  if (r['import.seconds'] === undefined) return [];
  const l = (k: string) => r[`import.${k}`] ?? '–';
  return [
    {
      figure: 'import.seconds',
      value: `${l('seconds')} s (${l('articles').toLocaleString('en-US')} articles, ${l('sentences').toLocaleString('en-US')} sentences)`,
      yardstick: `raw COPY: ${l('copy_seconds')} s`,
      goal: '',
    },
    {
      figure: 'import.ratio',
      value: `${l('ratio')}× (rounds ${l('ratio_min')}–${l('ratio_max')}×; ratio of the medians ${l('ratio_of_medians')}×)`,
      yardstick: "importFile / the same round's raw COPY, median over rounds",
      goal: '≤ 10×',
      pass: l('ratio') <= 10,
    },
    {
      figure: 'import.cpu_s',
      value: `node ${l('node_cpu_s')} s + PostgreSQL ${l('pg_cpu_s')} s`,
      yardstick: `raw COPY: PostgreSQL ${l('copy_pg_cpu_s')} s`,
      goal: '',
    },
    ...(r['import.indexed_after_seconds'] === undefined
      ? []
      : [
          {
            figure: 'import.indexed_after',
            value: `+${l('indexed_after_seconds')} s (PostgreSQL CPU ${l('indexed_pg_cpu_s')} s): import + index = ${l('searchable_index_ratio')}× raw COPY`,
            yardstick: 'the sentence indexer after the import (0.25 s quiet, then 2 connections); sentences are searchable before it, unindexed',
            goal: '',
          },
        ]),
    ...(r['import.index_floor_seconds'] === undefined
      ? []
      : [
          {
            figure: 'import.index_floor',
            value: `${l('index_floor_seconds')} s, ${l('index_floor_ratio')}× raw COPY (PostgreSQL CPU ${l('index_floor_pg_cpu_s')} s)`,
            yardstick: 'the same sentences, already split, into a table with only their tsvector and its GIN index',
            goal: '',
          },
        ]),
    ...(r['import.memory.file_mb'] === undefined
      ? []
      : [
          {
            figure: 'import.memory.live_heap_mb',
            value: `+${l('memory.peak_live_heap_mb') - l('memory.start_heap_mb')} MB (peak ${l('memory.peak_live_heap_mb')} MB)`,
            yardstick: `${l('memory.file_mb')} MB JSONL, ${l('memory.articles').toLocaleString('en-US')} articles in ${l('memory.seconds')} s; after a full GC, 1/s`,
            goal: '< ¼ of the file',
            pass: l('memory.peak_live_heap_mb') - l('memory.start_heap_mb') < l('memory.file_mb') / 4,
          },
          {
            figure: 'import.memory.peak_rss_mb',
            value: `${l('memory.peak_rss_mb')} MB (heapUsed peak ${l('memory.peak_heap_mb')} MB)`,
            yardstick: `at start: ${l('memory.start_rss_mb')} MB (heap ${l('memory.start_heap_mb')} MB)`,
            goal: '',
          },
        ]),
  ];
}

// ---------------------------------------------------------------- export

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/**
 * Line feeds in a chunk, found by Buffer#indexOf (memchr), as the download
 * client (READ_BODY) counts them: a loop over every byte of a 900 MB export
 * took a second of the two cores the server and PostgreSQL share.
 */
function countNewlines(chunk: Buffer): number {
  let n = 0;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
  return n;
}

/** CPU seconds of the Next server, of PostgreSQL and of this process (the client) during an export: on a shared machine they say more than the clock. */
type Streamed = { seconds: number; bytes: number; lines: number; peakRssMb: number; startRssMb: number; cpu: { server: number; postgres: number; client: number } };

/**
 * The download client: a small Node process of its own that fetches the
 * export and reads the body to its end, counting bytes and lines. Run in
 * this process, whose heap holds the set-up's data, the 900 MB of response
 * buffers set off full garbage collections that took more CPU than the
 * server's own work (3.4 s for the W3C export, against 0.9 s here), on the
 * same two cores.
 */
const READ_BODY = `
(async () => {
  const t0 = performance.now();
  const res = await fetch(process.argv[1], { headers: { authorization: 'Bearer ' + process.env.EXPORT_TOKEN } });
  if (res.status !== 200) return console.log(JSON.stringify({ status: res.status, text: (await res.text()).slice(0, 300) }));
  let bytes = 0;
  let lines = 0;
  for await (const value of res.body) {
    const b = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    bytes += b.length;
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) lines++;
  }
  const cpu = process.cpuUsage();
  console.log(JSON.stringify({ status: 200, seconds: (performance.now() - t0) / 1000, bytes, lines, cpu: (cpu.user + cpu.system) / 1e6 }));
})();`;

type BodyRead = { status: number; text?: string; seconds: number; bytes: number; lines: number; cpu: number };

function readBody(url: string, token: string): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', READ_BODY, url], { env: { ...process.env, EXPORT_TOKEN: token }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        resolve(JSON.parse(out) as BodyRead);
      } catch (e) {
        reject(new Error(`download client: ${(e as Error).message}: ${out.slice(-500)}`));
      }
    });
  });
}

async function streamExport(server: Server, pid: number, token: string, projectId: string, format: string): Promise<Streamed> {
  server.assertAlive();
  const startRssMb = rssMb(pid);
  let peak = startRssMb;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMb(pid));
    } catch {
      /* exited: assertAlive reports it */
    }
  }, 100);
  try {
    const postmaster = postmasterPid();
    const cpu0 = { server: cpuSeconds(pid), postgres: serverCpuSeconds(postmaster) };
    // Timed by the client, from its request to the body's last byte.
    const body = await readBody(`${server.url}/api/v1/projects/${projectId}/export?format=${format}`, token);
    if (body.status !== 200) throw new Error(`export ${format}: ${body.status} ${body.text}`);
    const cpu = { server: cpuSeconds(pid) - cpu0.server, postgres: serverCpuSeconds(postmaster) - cpu0.postgres, client: body.cpu };
    peak = Math.max(peak, rssMb(pid));
    server.assertAlive();
    return { seconds: body.seconds, bytes: body.bytes, lines: body.lines, peakRssMb: peak, startRssMb, cpu };
  } finally {
    clearInterval(timer);
  }
}

export async function copyOut(projectId: string): Promise<{ seconds: number; bytes: number; rows: number }> {
  const client = pgClient();
  await client.connect();
  try {
    let bytes = 0;
    let rows = 0;
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        rows += countNewlines(chunk);
        cb();
      },
    });
    const t0 = performance.now();
    // COPY takes no bind parameters; the id is a cuid made by this process.
    await pipeline(
      client.query(
        copyTo(`COPY (SELECT a.id, a.label, a.start, a."end", a.exact, a.prefix, a.suffix
                        FROM "Annotation" a JOIN "Article" ar ON ar.id = a."articleId"
                       WHERE ar."projectId" = '${projectId}') TO STDOUT`),
      ),
      sink,
    );
    return { seconds: (performance.now() - t0) / 1000, bytes, rows };
  } finally {
    await client.end();
  }
}

/**
 * The export benchmark's data: a project of `articleCount` generated articles
 * of ~`words` words (imported, so sentences exist) and `total` APPROVED spans,
 * vacuumed and analysed; its admin and a Bearer token. Also used by
 * bench/export-inprocess.ts, so both measure the same rows.
 */
export async function setUpExportProject(total: number, articleCount: number, words: number) {
  const setupStarted = performance.now();
  const project = await makeProject('Export benchmark');
  const user = await makeUser({ name: 'Bench Exporter' });
  await addMember(user.id, project.id, 'ADMIN');
  const token = await makeToken(user.id);
  const csv = stringify([
    ['Body ID', 'articleBody'],
    ...Array.from({ length: articleCount }, (_, i) => [`gen-${i}`, generateArticle(words, 9_000 + i).text]),
  ]);
  await importCsvText(project.id, 'export-articles.csv', csv);
  await insertGeneratedSpans({ projectId: project.id, authorIds: [user.id], total, articles: articleCount, status: 'APPROVED' });
  await testDb().$executeRawUnsafe('VACUUM (ANALYZE) "Annotation", "Article", "Sentence"');
  const [{ n }] = await testDb().$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "Annotation" s JOIN "Article" a ON a.id = s."articleId" WHERE a."projectId" = ${project.id}`;
  const spans = Number(n);
  const setupS = (performance.now() - setupStarted) / 1000;
  console.log(`[export] ${articleCount} articles of ~${words} words, ${spans} approved spans; set up in ${setupS.toFixed(0)} s`);
  return { project, user, token, spans, setupS };
}

async function runExport(ctx: BenchContext): Promise<Figures> {
  const total = Number(ctx.flags['export-spans'] ?? 1_000_000);
  const articleCount = Number(ctx.flags['export-articles'] ?? 1_000);
  const words = Number(ctx.flags['export-words'] ?? 1_000);
  const { project, user, token, spans, setupS } = await setUpExportProject(total, articleCount, words);

  // The shared bench server has served every benchmark before this one; its
  // RSS depends on what ran (about 130 MB fresh, 190-270 MB after the others),
  // so each format is measured on a `next start` of its own, warmed up on a
  // small project first. The figure is what an export adds to a server, not
  // what the previous benchmarks left behind.
  const sharedPid = listeningPid(Number(new URL(ctx.next.url).port));
  console.log(`[export] shared bench server (pid ${sharedPid}) RSS now: ${rssMb(sharedPid).toFixed(0)} MB; exports run on a fresh server each`);

  const small = await makeProject('Export warm-up');
  await addMember(user.id, small.id, 'ADMIN');
  const a = await makeArticle(small.id, { text: 'Albania cut ties with Iran. Tehran denied it.' });
  await testDb().annotation.create({
    data: { articleId: a.id, authorId: user.id, label: 'ASSERTION', start: 0, end: 7, exact: 'Albania', prefix: '', suffix: ' cut ties', textHash: a.textHash, status: 'APPROVED' },
  });

  const copyPg0 = serverCpuSeconds(postmasterPid());
  const copy = await copyOut(project.id);
  const copyPgCpu = serverCpuSeconds(postmasterPid()) - copyPg0;
  console.log(`[export] COPY TO STDOUT: ${copy.seconds.toFixed(2)} s (CPU: PostgreSQL ${copyPgCpu.toFixed(1)} s), ${(copy.bytes / 2 ** 20).toFixed(0)} MB, ${copy.rows} rows; load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
  if (copy.rows !== spans) console.log(`[export]   COPY gave ${copy.rows} rows for ${spans} spans (multi-line fields?)`);
  const cpuText = (c: Streamed['cpu']) => `CPU: server ${c.server.toFixed(1)} s, PostgreSQL ${c.postgres.toFixed(1)} s, client ${c.client.toFixed(1)} s`;
  const onFreshServer = async (format: string): Promise<Streamed> => {
    const port = await freePort();
    const server = await startProcess(`next start (${format} export)`, path.join(ROOT, 'node_modules/.bin/next'), ['start', '-H', '127.0.0.1', '-p', String(port)], ctx.env, `http://127.0.0.1:${port}`, '/login');
    try {
      const pid = listeningPid(port);
      // Warm-up (the route's lazy load, JIT), unrecorded.
      await streamExport(server, pid, token, small.id, format);
      return await streamExport(server, pid, token, project.id, format);
    } finally {
      await server.stop();
    }
  };
  const w3c = await onFreshServer('w3c');
  console.log(`[export] w3c: ${w3c.seconds.toFixed(2)} s (${cpuText(w3c.cpu)}), ${(w3c.bytes / 2 ** 20).toFixed(0)} MB, peak RSS ${w3c.peakRssMb.toFixed(0)} MB (${w3c.startRssMb.toFixed(0)} MB at start)`);
  const jsonl = await onFreshServer('jsonl');
  console.log(`[export] jsonl: ${jsonl.seconds.toFixed(2)} s (${cpuText(jsonl.cpu)}), ${(jsonl.bytes / 2 ** 20).toFixed(0)} MB, ${jsonl.lines} lines, peak RSS ${jsonl.peakRssMb.toFixed(0)} MB (${jsonl.startRssMb.toFixed(0)} MB at start)`);
  if (jsonl.lines !== articleCount) console.log(`[export]   jsonl has ${jsonl.lines} lines for ${articleCount} articles`);

  return {
    'export.spans': spans,
    'export.articles': articleCount,
    'export.setup_s': round(setupS, 0),
    'export.copy_seconds': round(copy.seconds, 2),
    'export.copy_mb': round(copy.bytes / 2 ** 20, 1),
    'export.copy_pg_cpu_s': round(copyPgCpu, 2),
    'export.w3c.seconds': round(w3c.seconds, 2),
    'export.w3c.spans_per_s': Math.round(spans / w3c.seconds),
    'export.w3c.peak_rss_mb': round(w3c.peakRssMb, 0),
    'export.w3c.start_rss_mb': round(w3c.startRssMb, 0),
    'export.w3c.mb': round(w3c.bytes / 2 ** 20, 1),
    'export.w3c.ratio': round(w3c.seconds / copy.seconds, 1),
    'export.w3c.server_cpu_s': round(w3c.cpu.server, 2),
    'export.w3c.pg_cpu_s': round(w3c.cpu.postgres, 2),
    'export.w3c.client_cpu_s': round(w3c.cpu.client, 2),
    'export.jsonl.seconds': round(jsonl.seconds, 2),
    'export.jsonl.spans_per_s': Math.round(spans / jsonl.seconds),
    'export.jsonl.peak_rss_mb': round(jsonl.peakRssMb, 0),
    'export.jsonl.start_rss_mb': round(jsonl.startRssMb, 0),
    'export.jsonl.mb': round(jsonl.bytes / 2 ** 20, 1),
    'export.jsonl.ratio': round(jsonl.seconds / copy.seconds, 1),
    'export.jsonl.server_cpu_s': round(jsonl.cpu.server, 2),
    'export.jsonl.pg_cpu_s': round(jsonl.cpu.postgres, 2),
    'export.jsonl.client_cpu_s': round(jsonl.cpu.client, 2),
  };
}

function exportRows(r: Figures): Row[] {
  if (r['export.spans'] === undefined) return [];
  const l = (k: string) => r[`export.${k}`] ?? '–';
  const rows: Row[] = [
    {
      figure: 'export.spans',
      value: `${l('spans').toLocaleString('en-US')} (${l('articles').toLocaleString('en-US')} articles)`,
      yardstick: `raw COPY TO STDOUT: ${l('copy_seconds')} s`,
      goal: '1,000,000',
      pass: l('spans') >= 1_000_000,
    },
  ];
  for (const f of ['w3c', 'jsonl']) {
    rows.push(
      {
        figure: `export.${f}.ratio`,
        value: `${l(`${f}.ratio`)}× (${l(`${f}.seconds`)} s, ${l(`${f}.spans_per_s`).toLocaleString('en-US')} spans/s)`,
        yardstick: `raw COPY: ${l('copy_seconds')} s`,
        goal: '≤ 4×',
        pass: l(`${f}.ratio`) <= 4,
      },
      { figure: `export.${f}.peak_rss_mb`, value: `${l(`${f}.peak_rss_mb`)} MB`, yardstick: `VmRSS of a fresh next start, 100 ms samples; ${l(`${f}.start_rss_mb`)} MB at start`, goal: '< 256 MB', pass: l(`${f}.peak_rss_mb`) < 256 },
      {
        figure: `export.${f}.cpu_s`,
        value: `server ${l(`${f}.server_cpu_s`)} s + PostgreSQL ${l(`${f}.pg_cpu_s`)} s`,
        yardstick: `raw COPY: PostgreSQL ${l('copy_pg_cpu_s')} s; benchmark client ${l(`${f}.client_cpu_s`)} s; 2 cores`,
        goal: '',
      },
    );
  }
  return rows;
}

export const importBench: Benchmark = { name: 'import', run: runImport, rows: importRows };
export const exportBench: Benchmark = { name: 'export', run: runExport, rows: exportRows };

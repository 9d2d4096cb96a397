// The export benchmark without a Next build: the same data as `npm run bench
// -- --only export` (setUpExportProject in bench/import-export.ts: 1,000
// generated articles, 1,000,000 approved spans), then writeExport() drained
// through the same pull-based ReadableStream + UTF-8 encoding the route
// handler uses, in a fresh child process per export so each starts from a
// clean heap. Beside it, in the same run, the COPY (SELECT …) TO STDOUT
// yardstick. Rounds alternate COPY, w3c, jsonl…; figures are medians.
//
//   npx tsx --conditions=react-server bench/export-inprocess.ts
//     --data <dir>       keep PostgreSQL and the generated project in <dir> and reuse them next time
//     --formats w3c,jsonl   --rounds 1   --spans 1000000 --articles 1000 --words 1000
//     --writer <file>    another write-export module (e.g. a copy of the old one) to compare
//     --prof             run the export children under --cpu-prof (profiles in <data>/prof)
//     --node-flags a,b   more Node flags for the export children, without their dashes (e.g. trace-gc)
//
// Peak RSS: process.memoryUsage().rss sampled every 100 ms, and VmHWM of the
// child after resetting it (/proc/self/clear_refs) just before the export.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, round } from './stats';
// The parent's modules (data set-up, PostgreSQL, COPY) are imported where
// used, so that the measuring child loads only what the server would.

type Flags = Record<string, string | true>;
type Meta = { spans: number; articles: number; words: number; projectId: string; userId: string; warmProjectId: string };
type Measured = {
  format: string;
  seconds: number;
  /** CPU time of this process during the export (user + system). */
  cpuSeconds: number;
  bytes: number;
  chunks: number;
  startRssMb: number;
  peakRssMb: number;
  hwmMb: number | null;
  /** V8 heap (heapTotal) at start and at its peak, and the peak of memory outside it (Buffers). */
  heap: { startMb: number; peakMb: number; peakExternalMb: number };
  /** CPU time of PostgreSQL's processes during the export (filled in by the parent). */
  pgCpuSeconds?: number;
};

const WRITE_EXPORT = path.resolve(__dirname, '../lib/export/write-export.ts');

function parseFlags(argv: string[]): Flags {
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) continue;
    const value = argv[i + 1];
    flags[argv[i].slice(2)] = value === undefined || value.startsWith('--') ? true : (i++, value);
  }
  return flags;
}

const mb = (bytes: number) => bytes / 2 ** 20;

function vmHwmMb(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Child: one export, drained as the route streams it; prints one JSON line. */
async function measure(flags: Flags) {
  const { writeExport } = (await import(String(flags.writer))) as typeof import('../lib/export/write-export');
  const { exportQuery } = await import('../lib/export/schema');
  const format = String(flags.format);
  const drain = async (projectId: string) => {
    const { chunks } = await writeExport({ userId: String(flags.user) }, projectId, exportQuery.parse({ format }), 'http://127.0.0.1:3000');
    // The route handler's body (app/api/v1/projects/[projectId]/export/route.ts).
    const { exportBody } = await import('../lib/export/export-body');
    const body = await exportBody(chunks);
    let bytes = 0;
    let count = 0;
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      count++;
    }
    return { bytes, chunks: count };
  };
  // Warm-up (module loading, JIT) on a one-span project, unrecorded, as the server benchmark does.
  await drain(String(flags.warm));
  const heapStart = process.memoryUsage();
  const startRssMb = mb(heapStart.rss);
  let peak = startRssMb;
  let peakHeap = 0;
  let peakExternal = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, mb(m.rss));
    peakHeap = Math.max(peakHeap, mb(m.heapTotal));
    peakExternal = Math.max(peakExternal, mb(m.external));
  }, 100);
  let hwmReset = false;
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    hwmReset = true;
  } catch {
    /* not Linux, or not allowed: VmHWM is then the process's lifetime peak, not reported */
  }
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const { bytes, chunks } = await drain(String(flags.project));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  peak = Math.max(peak, mb(process.memoryUsage().rss));
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const heap = { startMb: mb(heapStart.heapTotal), peakMb: peakHeap, peakExternalMb: peakExternal };
  const out: Measured = { format, seconds, cpuSeconds, bytes, chunks, startRssMb, peakRssMb: peak, hwmMb: hwmReset ? vmHwmMb() : null, heap };
  console.log(JSON.stringify(out));
  process.exit(0);
}

/**
 * CPU seconds used so far by the PostgreSQL server in `dataDir` and its
 * backends (/proc/<pid>/stat: utime + stime of the postmaster and its
 * children, and the postmaster's cutime + cstime for those that ended): the
 * machine is shared, so wall time alone does not say which side did the work.
 */
function pgCpuSeconds(dataDir: string): number {
  try {
    const postmaster = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0].trim();
    const ticks = Number(process.env.CLK_TCK ?? 100);
    let total = 0;
    for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // The postmaster's cutime/cstime hold the backends that have exited.
        if (pid === postmaster) total += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / ticks;
        else if (fields[1] === postmaster) total += (Number(fields[11]) + Number(fields[12])) / ticks;
      } catch {
        /* gone */
      }
    }
    return total;
  } catch {
    return NaN;
  }
}

function runChild(args: string[], env: NodeJS.ProcessEnv, profDir?: string, nodeFlags: string[] = []): Promise<Measured> {
  const nodeArgs = [...process.execArgv, ...nodeFlags, ...(profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : []), __filename, '--measure', ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`export child exited with ${code}: ${out.slice(-2000)}`));
      if (process.env.EXPORT_BENCH_CHILD_LOG) fs.writeFileSync(process.env.EXPORT_BENCH_CHILD_LOG, out);
      try {
        resolve(JSON.parse(last) as Measured);
      } catch {
        reject(new Error(`export child printed no result: ${out.slice(-2000)}`));
      }
    });
  });
}

async function prepare(dir: string, want: Omit<Meta, 'projectId' | 'userId' | 'warmProjectId'>): Promise<Meta> {
  const { addMember, makeArticle, makeProject, testDb } = await import('../test/factories');
  const { setUpExportProject } = await import('./import-export');
  const metaFile = path.join(dir, 'meta.json');
  if (fs.existsSync(metaFile)) {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as Meta;
    if (meta.spans === want.spans && meta.articles === want.articles && meta.words === want.words) {
      console.log(`[export-inprocess] reusing project ${meta.projectId} (${meta.spans} spans) from ${dir}`);
      return meta;
    }
    throw new Error(`${dir} holds another data set (${JSON.stringify(meta)}); use another --data`);
  }
  const { project, user } = await setUpExportProject(want.spans, want.articles, want.words);
  const warm = await makeProject(`Export warm-up ${Date.now()}`);
  await addMember(user.id, warm.id, 'ADMIN');
  const a = await makeArticle(warm.id, { text: 'Albania cut ties with Iran. Tehran denied it.' });
  await testDb().annotation.create({
    data: { articleId: a.id, authorId: user.id, label: 'ASSERTION', start: 0, end: 7, exact: 'Albania', prefix: '', suffix: ' cut ties', textHash: a.textHash, status: 'APPROVED' },
  });
  const meta: Meta = { ...want, projectId: project.id, userId: user.id, warmProjectId: warm.id };
  fs.writeFileSync(metaFile, JSON.stringify(meta));
  return meta;
}

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.measure) return measure(flags);

  const want = { spans: Number(flags.spans ?? 1_000_000), articles: Number(flags.articles ?? 1_000), words: Number(flags.words ?? 1_000) };
  const formats = String(flags.formats ?? 'w3c,jsonl').split(',');
  const rounds = Number(flags.rounds ?? 1);
  const writer = flags.writer ? path.resolve(String(flags.writer)) : WRITE_EXPORT;
  const keep = typeof flags.data === 'string';
  const dir = keep ? path.resolve(String(flags.data)) : fs.mkdtempSync(path.join(os.tmpdir(), 'crosscheck-export-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755); // as root, postgres runs as its own user and must reach its data dir
  const { freePort, startEmbeddedPostgres } = await import('../scripts/embedded-postgres');
  const { migrateDeploy } = await import('../scripts/migrate');
  const { testDb } = await import('../test/factories');
  const { copyOut } = await import('./import-export');
  const pg = await startEmbeddedPostgres(path.join(dir, 'pg'), await freePort());
  try {
    const databaseUrl = await pg.createDatabase('cc_export_bench');
    migrateDeploy(databaseUrl);
    process.env.DATABASE_URL = databaseUrl;
    const meta = await prepare(dir, want);
    await testDb().$disconnect();

    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'production' };
    const profDir = flags.prof ? path.join(dir, 'prof') : undefined;
    const copies: number[] = [];
    const runs: Record<string, Measured[]> = Object.fromEntries(formats.map((f) => [f, []]));
    for (let r = 1; r <= rounds; r++) {
      const pgCpu0 = pgCpuSeconds(path.join(dir, 'pg'));
      const copy = await copyOut(meta.projectId);
      const pgCpu = pgCpuSeconds(path.join(dir, 'pg')) - pgCpu0;
      copies.push(copy.seconds);
      console.log(`[round ${r}] COPY TO STDOUT: ${copy.seconds.toFixed(2)} s (CPU: postgres ${pgCpu.toFixed(1)} s), ${mb(copy.bytes).toFixed(0)} MB, ${copy.rows} rows`);
      for (const format of formats) {
        const args = ['--writer', writer, '--format', format, '--project', meta.projectId, '--warm', meta.warmProjectId, '--user', meta.userId];
        const pgCpu0 = pgCpuSeconds(path.join(dir, 'pg'));
        const m = await runChild(args, env, profDir, typeof flags['node-flags'] === 'string' ? flags['node-flags'].split(',').map((f) => `--${f}`) : []);
        m.pgCpuSeconds = pgCpuSeconds(path.join(dir, 'pg')) - pgCpu0;
        runs[format].push(m);
        console.log(
          `[round ${r}] ${format}: ${m.seconds.toFixed(2)} s (CPU: node ${m.cpuSeconds.toFixed(1)} s, postgres ${m.pgCpuSeconds.toFixed(1)} s), ${mb(m.bytes).toFixed(0)} MB in ${m.chunks} chunks, ` +
            `peak RSS ${m.peakRssMb.toFixed(0)} MB sampled / ${m.hwmMb?.toFixed(0) ?? '–'} MB VmHWM (${m.startRssMb.toFixed(0)} MB at start; ` +
            `V8 heap ${m.heap.startMb.toFixed(0)} → ${m.heap.peakMb.toFixed(0)} MB, external ≤ ${m.heap.peakExternalMb.toFixed(0)} MB)`,
        );
      }
    }
    const copyS = median(copies);
    console.log(`\nwriter: ${path.relative(process.cwd(), writer)}; ${meta.spans.toLocaleString('en-US')} spans, ${meta.articles} articles; medians of ${rounds} round(s)`);
    console.log(`COPY yardstick: ${round(copyS, 2)} s`);
    for (const format of formats) {
      const ms = runs[format];
      const s = median(ms.map((m) => m.seconds));
      const peak = Math.max(...ms.map((m) => m.peakRssMb));
      const hwm = ms.every((m) => m.hwmMb !== null) ? Math.max(...ms.map((m) => m.hwmMb!)) : null;
      console.log(
        `${format.padEnd(6)} ${round(s, 2)} s  ${Math.round(meta.spans / s).toLocaleString('en-US')} spans/s  ${round(s / copyS, 1)}x COPY  ` +
          `${round(mb(ms[0].bytes), 1)} MB  peak RSS ${round(peak, 0)} MB (VmHWM ${hwm === null ? '–' : round(hwm, 0)} MB)`,
      );
    }
    if (profDir) console.log(`CPU profiles: ${profDir}`);
  } finally {
    await pg.stop();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

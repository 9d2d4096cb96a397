import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, freePort } from './embedded-postgres';
import { migrateDeploy } from './migrate';
import { ROOT } from './env-local';

/**
 * `npm test`: unit tests, integration tests against a real PostgreSQL, then
 * Playwright against the production build in Chromium. Uses DATABASE_URL's
 * server if TEST_DATABASE_ADMIN_URL is set, else a throwaway embedded
 * PostgreSQL in a temp folder. Each tier gets its own database, cloned from a
 * freshly migrated template.
 *
 *   npm test                       everything
 *   npm test -- --only unit        one tier: unit | integration | e2e
 *   npm test -- --skip-build       reuse .next from a previous build (e2e)
 */
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const passthrough = args.includes('--') ? args.slice(args.indexOf('--') + 1) : [];
const wants = (tier: string) => !only || only === tier;

async function main() {
  const started = Date.now();
  const results: { tier: string; ok: boolean; seconds: number }[] = [];
  // Asynchronous, never spawnSync: the embedded PostgreSQL writes its log into
  // a pipe this process reads. Blocked in spawnSync, it read nothing; once 64 KB
  // of log piled up (one failed export's statement can be that long), every
  // backend that logged hung in write(2), deaf even to pg_terminate_backend.
  const runTier = async (tier: string, cmd: string[], env: Record<string, string> = {}) => {
    const t0 = Date.now();
    console.log(`\n=== ${tier}: ${cmd.join(' ')}`);
    const child = spawn(cmd[0], cmd.slice(1), { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    const status = await new Promise<number | null>((resolve) => {
      child.on('error', () => resolve(null));
      child.on('exit', (code) => resolve(code));
    });
    results.push({ tier, ok: status === 0, seconds: (Date.now() - t0) / 1000 });
    return status === 0;
  };

  fs.rmSync(path.join(ROOT, 'test-results'), { recursive: true, force: true });
  const vitest = (tier: string) => [
    'node_modules/.bin/vitest', 'run', '--project', tier,
    '--reporter=default', '--reporter=json', `--outputFile.json=test-results/${tier}.json`, ...passthrough,
  ];
  if (wants('unit')) await runTier('unit', vitest('unit'));

  if (wants('integration') || wants('e2e')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosscheck-test-'));
    fs.chmodSync(dir, 0o755);
    const pg = await startEmbeddedPostgres(path.join(dir, 'pg'), await freePort());
    try {
      const template = await pg.createDatabase('cc_template');
      migrateDeploy(template);
      if (wants('integration')) {
        await dropAndClone(pg.urlFor('postgres'), 'cc_integration', 'cc_template');
        await runTier('integration', vitest('integration'), {
          DATABASE_URL: pg.urlFor('cc_integration'),
        });
      }
      if (wants('e2e')) {
        await dropAndClone(pg.urlFor('postgres'), 'cc_e2e', 'cc_template');
        // e2e/crash-safety.spec.ts terminates its own server's sessions and checks whole-database constraints: a database of its own.
        await dropAndClone(pg.urlFor('postgres'), 'cc_crash', 'cc_template');
        const env = {
          NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: pg.urlFor('cc_e2e'), CRASH_DATABASE_URL: pg.urlFor('cc_crash'),
          AUTH_SECRET: 'e2e-secret-not-for-production-000000000', AUTH_TRUST_HOST: 'true',
        };
        const built = args.includes('--skip-build') && fs.existsSync(path.join(ROOT, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'));
        if (built || (await runTier('build', ['node_modules/.bin/next', 'build'], env))) {
          await runTier('e2e', ['node_modules/.bin/playwright', 'test', ...passthrough], env);
        }
      }
    } finally {
      await pg.stop().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  console.log('\n=== summary');
  for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.tier} (${r.seconds.toFixed(1)} s)`);
  const passed = results.filter((r) => r.ok).length;
  console.log(`all tiers in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const counts = countTests();
  // CI keeps only the tail of the log: name each failure here, where it survives.
  for (const f of counts.failures) console.log(`failed: ${f}`);
  // One plain closing line over all tiers, for people and CI alike.
  console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exit(passed === results.length && results.length > 0 && counts.passed > 0 ? 0 : 1);
}

/** Sums the JSON reports of vitest (unit, integration) and Playwright (e2e). */
function countTests() {
  const total = { passed: 0, failed: 0, skipped: 0, failures: [] as string[] };
  // The opening lines: enough for an assertion, and for fast-check's seed, counterexample and error.
  const openingLines = (message: unknown) =>
    String(message ?? '').replace(/\x1b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 6).map((l) => l.slice(0, 240)).join(' ⏎ ');
  const read = (name: string) => {
    const file = path.join(ROOT, 'test-results', name);
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
  };
  for (const tier of ['unit', 'integration']) {
    const r = read(`${tier}.json`);
    if (!r) continue;
    total.passed += r.numPassedTests;
    total.failed += r.numFailedTests;
    total.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    for (const file of r.testResults ?? []) {
      const where = path.relative(ROOT, file.name);
      const failed = (file.assertionResults ?? []).filter((a: { status: string }) => a.status === 'failed');
      for (const a of failed) total.failures.push(`${tier} ${where} › ${a.fullName}: ${openingLines(a.failureMessages?.[0])}`);
      // A file that fails outside any test (a hook, an import) has no failed assertion to name.
      if (file.status === 'failed' && failed.length === 0) total.failures.push(`${tier} ${where}: ${openingLines(file.message)}`);
    }
  }
  const e2e = read('e2e.json');
  if (e2e) {
    total.passed += e2e.stats.expected + e2e.stats.flaky;
    total.failed += e2e.stats.unexpected;
    total.skipped += e2e.stats.skipped;
    const walk = (suite: PlaywrightSuite) => {
      for (const spec of suite.specs ?? []) {
        for (const t of spec.tests ?? []) {
          if (t.status !== 'unexpected') continue;
          const error = t.results?.find((res) => res.error)?.error;
          total.failures.push(`e2e ${spec.file}:${spec.line} › ${spec.title}: ${openingLines(error?.message)}`);
        }
      }
      for (const child of suite.suites ?? []) walk(child);
    };
    for (const suite of e2e.suites ?? []) walk(suite);
  }
  return total;
}

type PlaywrightSuite = {
  specs?: { title: string; file: string; line: number; tests?: { status: string; results?: { error?: { message?: string } }[] }[] }[];
  suites?: PlaywrightSuite[];
};

async function dropAndClone(adminUrl: string, name: string, template: string) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await client.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

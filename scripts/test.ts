import { spawnSync } from 'node:child_process';
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
  const runTier = (tier: string, cmd: string[], env: NodeJS.ProcessEnv = {}) => {
    const t0 = Date.now();
    console.log(`\n=== ${tier}: ${cmd.join(' ')}`);
    const r = spawnSync(cmd[0], cmd.slice(1), { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    results.push({ tier, ok: r.status === 0, seconds: (Date.now() - t0) / 1000 });
    return r.status === 0;
  };

  if (wants('unit')) runTier('unit', ['node_modules/.bin/vitest', 'run', '--project', 'unit', ...passthrough]);

  if (wants('integration') || wants('e2e')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosscheck-test-'));
    fs.chmodSync(dir, 0o755);
    const pg = await startEmbeddedPostgres(path.join(dir, 'pg'), await freePort());
    try {
      const template = await pg.createDatabase('cc_template');
      migrateDeploy(template);
      if (wants('integration')) {
        await dropAndClone(pg.urlFor('postgres'), 'cc_integration', 'cc_template');
        runTier('integration', ['node_modules/.bin/vitest', 'run', '--project', 'integration', ...passthrough], {
          DATABASE_URL: pg.urlFor('cc_integration'),
        });
      }
      if (wants('e2e')) {
        await dropAndClone(pg.urlFor('postgres'), 'cc_e2e', 'cc_template');
        const env = { DATABASE_URL: pg.urlFor('cc_e2e'), AUTH_SECRET: 'e2e-secret-not-for-production-000000000', AUTH_TRUST_HOST: 'true' };
        const built = args.includes('--skip-build') && fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'));
        if (built || runTier('build', ['node_modules/.bin/next', 'build'], env)) {
          runTier('e2e', ['node_modules/.bin/playwright', 'test', ...passthrough], env);
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
  console.log(`tiers: ${passed} passed, ${results.length - passed} failed, in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exit(passed === results.length && results.length > 0 ? 0 : 1);
}

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

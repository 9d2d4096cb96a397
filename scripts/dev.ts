import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { startEmbeddedPostgres, freePort, type EmbeddedServer } from './embedded-postgres';
import { migrateDeploy } from './migrate';
import { DATA_DIR, ROOT, ensureAuthSecret, loadDotEnv } from './env-local';
import { buildIsStale, dependenciesAreStale, prismaClientIsStale } from './stale-build';

/**
 * `npm run dev` (and `npm start` with --prod): one command from a fresh
 * checkout to a running workbench. Without DATABASE_URL it runs the embedded
 * PostgreSQL under .data/; then it migrates, seeds the demo project
 * (idempotently) and serves Next on PORT (default 3000).
 */
async function main() {
  const prod = process.argv.includes('--prod');
  // After a `git pull`: say what the checkout needs rather than fail further on.
  if (dependenciesAreStale(ROOT)) {
    throw new Error('package-lock.json changed since node_modules was installed: run `npm ci`, then start again');
  }
  if (prismaClientIsStale(ROOT)) run(['npm', 'run', '--silent', 'db:generate']);
  loadDotEnv();
  ensureAuthSecret();
  process.env.AUTH_TRUST_HOST ??= 'true';
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';

  let pg: EmbeddedServer | undefined;
  if (!process.env.DATABASE_URL) {
    const port = await freePort(Number(process.env.EMBEDDED_PG_PORT ?? 54329));
    console.log(`[crosscheck] starting embedded PostgreSQL (data in ${path.relative(ROOT, DATA_DIR)}/postgres, port ${port})`);
    pg = await startEmbeddedPostgres(path.join(DATA_DIR, 'postgres'), port);
    process.env.DATABASE_URL = await pg.createDatabase('crosscheck');
  }
  const stop = async () => {
    await pg?.stop().catch(() => {});
  };

  try {
    migrateDeploy(process.env.DATABASE_URL!);
    run(['node_modules/.bin/tsx', '--conditions=react-server', 'prisma/seed.ts']);
  } catch (e) {
    await stop();
    throw e;
  }

  const port = process.env.PORT ?? '3000';
  if (prod && buildIsStale(ROOT)) {
    console.log('[crosscheck] building (no build yet, or the code changed since the last one)…');
    run(['node_modules/.bin/next', 'build']);
  }
  const next = spawn('node_modules/.bin/next', [prod ? 'start' : 'dev', '-p', port], { cwd: ROOT, stdio: 'inherit', env: process.env });
  console.log(`[crosscheck] http://localhost:${port}  (demo sign-in: analyst@example.com / crosscheck-demo)`);
  const shutdown = () => next.kill('SIGTERM');
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, shutdown);
  next.on('exit', async (code) => {
    await stop();
    process.exit(code ?? 0);
  });
}

function run(cmd: string[]) {
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed (exit ${r.status})`);
}

main().catch((e) => {
  console.error('[crosscheck]', e instanceof Error ? e.message : e);
  process.exit(1);
});

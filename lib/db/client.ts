import 'server-only';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from './generated/client';

// One pool per process, shared by Prisma and by the few hot paths that use
// `sql` directly. In `next dev`, modules reload on every change; the global
// cache keeps hot reloads from opening a new pool each time.
type Handles = { pool: pg.Pool; prisma: PrismaClient; byBackendPid: Map<number, pg.PoolClient> };
const globalForDb = globalThis as unknown as { crosscheckDb?: Handles };

// Prisma stores DateTime as `timestamp(3)` in UTC. pg would read a timestamp
// without time zone in the server's local zone; read it as UTC, as Prisma does.
const TIMESTAMP_OID = 1114;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMP_OID) return (value: string) => new Date(`${value.replace(' ', 'T')}Z`);
    return pg.types.getTypeParser(oid, format);
  },
};

/**
 * How often a backend in the middle of a query checks that its client is
 * still connected. Without it, a query of a server process that died
 * (SIGKILL, out of memory) runs to its end unless it writes to the socket
 * first: a long ranking or count keeps a core of a small machine busy for
 * nobody. Set only where PostgreSQL knows it (14 and later): older servers
 * refuse an unknown setting in the startup options, so it cannot go there.
 */
const CLIENT_CHECK = `SELECT set_config('client_connection_check_interval', '2s', false) WHERE current_setting('server_version_num')::int >= 140000`;

/**
 * A pg client that runs CLIENT_CHECK before the pool hands it out: issued
 * from the pool's 'connect' event, the check would run beside the caller's
 * first query on the same connection, which pg deprecates (and pg 9 refuses).
 * pg-pool connects with a callback; plain callers get the promise.
 */
class CheckedClient extends pg.Client {
  connect(): Promise<pg.Client>;
  connect(callback: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): void;
  connect(callback?: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): Promise<pg.Client> | void {
    const ready = super.connect().then(async () => {
      await this.query(CLIENT_CHECK).catch(() => {}); // a failure only loses the check
      return this as pg.Client;
    });
    if (!callback) return ready;
    const cb = callback as (err: Error | null, c?: pg.Client) => void;
    ready.then((c) => cb(null, c), (e: Error) => cb(e));
  }
}

function handles(): Handles {
  if (globalForDb.crosscheckDb) return globalForDb.crosscheckDb;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set');
  // Sessions run in UTC: DateTime columns are UTC timestamps without zone, so
  // now(), column defaults and Date parameters must not shift with the server's zone.
  const pool = new pg.Pool({ Client: CheckedClient, connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), options: '-c TimeZone=UTC' });
  // Under load, a transaction waits its turn for a pooled connection instead of
  // failing after Prisma's default 2 s (P2028, a 500): the pool is the queue.
  const transactionOptions = { maxWait: 15_000, timeout: 15_000 };
  // Each connection by its backend's pid: how transactionConnection finds the one a transaction holds.
  const byBackendPid = new Map<number, pg.PoolClient>();
  pool.on('connect', (c) => byBackendPid.set((c as PidClient).processID, c));
  pool.on('remove', (c) => byBackendPid.get((c as PidClient).processID) === c && byBackendPid.delete((c as PidClient).processID));
  globalForDb.crosscheckDb = { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions }), byBackendPid };
  return globalForDb.crosscheckDb;
}

/**
 * Created on first use, not on import: `next build` imports every route to
 * collect its configuration and must not need a database for that.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = handles().prisma;
    const value = Reflect.get(c, prop, c);
    return typeof value === 'function' ? value.bind(c) : value;
  },
});

/**
 * Parameterised SQL straight on the shared pool, for the hottest paths (token
 * lookup, span creation) where Prisma's query engine costs more than the
 * query. Values are always bound as parameters, never interpolated.
 */
export async function sql<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> {
  return run<T>(statement(strings, ...values));
}

/** A statement as `sql` sends it, without running it: for statements built in one place and run (or EXPLAINed) in another. */
export type Statement = { text: string; values: unknown[] };

/** SQL text written into a statement as it is (a list of columns made by our code), never a value from outside. */
export class SqlFragment {
  constructor(readonly text: string) {}
}

/**
 * A `Prisma.sql` value is written in with its own values as parameters, so
 * that a query piece shared with Prisma's raw queries (e.g.
 * lib/sentences/project-sentences.ts) is written once.
 */
export function statement(strings: TemplateStringsArray, ...values: unknown[]): Statement {
  const params: unknown[] = [];
  let text = strings[0];
  values.forEach((v, i) => {
    if (v instanceof SqlFragment) text += v.text;
    else if (v instanceof Prisma.Sql) text += v.strings.reduce((t, s, j) => `${t}$${params.push(v.values[j - 1])}${s}`);
    else text += `$${params.push(v)}`;
    text += strings[i + 1];
  });
  return { text, values: params };
}

/** Runs a `statement` on the shared pool, as `sql` does. */
export async function run<T>({ text, values }: Statement): Promise<T[]> {
  const result = await handles().pool.query({ text, values, types });
  return result.rows as T[];
}

/**
 * `sql` as a named prepared statement: each pooled connection parses it once,
 * and PostgreSQL may keep a generic plan for it. For a long statement run on
 * every request, where planning costs as much as a quarter of the run. The
 * text must be the same on every call (only the values change).
 */
export function preparedSql(name: string) {
  return async <T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> => {
    const { text, values: params } = statement(strings, ...values);
    const result = await handles().pool.query({ name, text, values: params, types });
    return result.rows as T[];
  };
}

/**
 * One connection of the shared pool, held by the caller until `release()`:
 * for work that needs a single session throughout (an export's transaction
 * and its cursors).
 */
export function connectClient(): Promise<pg.PoolClient> {
  return handles().pool.connect();
}

export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** pg sets it from the server's BackendKeyData; its typings leave it out. */
type PidClient = pg.PoolClient & { processID: number };

/**
 * The pooled connection an interactive transaction runs on, for what Prisma
 * cannot send on it (COPY FROM STDIN, lib/corpus/copy-rows.ts). Statements
 * sent on it are part of the transaction and queue in order with the
 * transaction's Prisma queries; the transaction still commits or rolls back
 * through Prisma, and the connection must not be released.
 */
export async function transactionConnection(tx: Tx): Promise<pg.PoolClient> {
  const [{ pid }] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
  const client = handles().byBackendPid?.get(pid);
  if (!client) throw new Error(`no pooled connection for backend ${pid} (a pool created before this code was loaded? restart the server)`);
  return client;
}

/** Closes Prisma and the pool, so short-lived processes (CLI, seed) exit at once. */
export async function closeDb(): Promise<void> {
  const h = globalForDb.crosscheckDb;
  if (!h) return;
  globalForDb.crosscheckDb = undefined;
  await h.prisma.$disconnect();
  await h.pool.end();
}

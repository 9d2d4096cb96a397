import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';

/**
 * The driver adapter the Prisma CLI migrates through (prisma.config.ts).
 *
 * Works around three bugs of @prisma/adapter-pg 6.19.3 under `migrate`
 * (see SETUP-NOTES.md; prisma/orm#27403):
 *  1. catalog types such as `name` (oid 19) make the adapter throw
 *     "could not be deserialized": we report them to it as text;
 *  2. the shadow database is named from the connection string and dropped while
 *     still connected: we create it under our own name and drop it WITH (FORCE);
 *  3. the CLI lingers ~60 s on the idle pool: allowExitOnIdle.
 */
const CATALOG_TYPE_AS = new Map<number, number>([
  [18, 25], // "char" -> text
  [19, 25], // name -> text
  [1002, 1009], // "char"[] -> text[]
  [1003, 1009], // name[] -> text[]
  [194, 25], // pg_node_tree -> text
  [24, 25], // regproc -> text
  [2205, 25], // regclass -> text
]);

function retype(res: pg.QueryResult | undefined) {
  for (const field of res?.fields ?? []) {
    const mapped = CATALOG_TYPE_AS.get(field.dataTypeID);
    if (mapped) field.dataTypeID = mapped;
  }
  return res;
}

class CatalogSafeClient extends pg.Client {
  // pg's query() has many overloads (pg-pool calls it with a callback); we only
  // post-process the result, whichever way it is delivered.
  override query(...args: unknown[]): any {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (err: unknown, res: pg.QueryResult) => last(err, retype(res));
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      return (result as Promise<pg.QueryResult>).then(retype);
    }
    return result;
  }
}

function poolConfig(url: URL, database: string): pg.PoolConfig {
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
    Client: CatalogSafeClient,
    allowExitOnIdle: true,
    idleTimeoutMillis: 50,
    max: 2,
  };
}

export function createMigrationAdapter(connectionString: string) {
  if (!connectionString) throw new Error('DATABASE_URL is not set');
  const url = new URL(connectionString);
  const database = decodeURIComponent(url.pathname.slice(1));
  const factory = new PrismaPg(poolConfig(url, database));
  // Bug 2: manage the shadow database ourselves.
  factory.connectToShadowDb = async () => {
    const { Client: _patched, ...adminConfig } = poolConfig(url, database);
    const admin = new pg.Client(adminConfig);
    const shadow = `${database}_shadow_${process.pid}`;
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${shadow}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${shadow}"`);
    const adapter = await new PrismaPg(poolConfig(url, shadow)).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await admin.query(`DROP DATABASE IF EXISTS "${shadow}" WITH (FORCE)`);
      await admin.end();
    };
    return adapter;
  };
  return factory;
}

import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

// One client per process. In `next dev`, modules reload on every change; the
// global cache keeps hot reloads from opening a new pool each time.
const globalForDb = globalThis as unknown as { crosscheckDb?: PrismaClient };

function client(): PrismaClient {
  if (globalForDb.crosscheckDb) return globalForDb.crosscheckDb;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set');
  const adapter = new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  globalForDb.crosscheckDb = new PrismaClient({ adapter });
  return globalForDb.crosscheckDb;
}

/**
 * Created on first use, not on import: `next build` imports every route to
 * collect its configuration and must not need a database for that.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = client();
    const value = Reflect.get(c, prop, c);
    return typeof value === 'function' ? value.bind(c) : value;
  },
});

export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

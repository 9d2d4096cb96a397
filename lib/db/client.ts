import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

// One client per process. In `next dev`, modules reload on every change; the
// global cache keeps hot reloads from opening a new pool each time.
const globalForDb = globalThis as unknown as { crosscheckDb?: PrismaClient };

function createClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set');
  const adapter = new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  return new PrismaClient({ adapter });
}

export const db: PrismaClient = globalForDb.crosscheckDb ?? createClient();
if (process.env.NODE_ENV !== 'production') globalForDb.crosscheckDb = db;

export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { createMigrationAdapter } from './prisma/migration-adapter';

// Prisma 6.19 migrates offline only through its WASM schema engine and a driver
// adapter (the native engine would be downloaded, which this network forbids).
// The adapter quirks are handled in prisma/migration-adapter.ts.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  adapter: async () => createMigrationAdapter(process.env.DATABASE_URL ?? ''),
});

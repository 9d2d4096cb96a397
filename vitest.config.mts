import path from 'node:path';
import { fileURLToPath } from 'node:url';

const __dirname = path.dirname(fileURLToPath(import.meta.url));
import { defineConfig } from 'vitest/config';

// Two tiers: `unit` (pure, may stub, no database) and `integration` (a real
// PostgreSQL given by DATABASE_URL; scripts/test.ts creates a throwaway one).
export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname), 'server-only': path.resolve(__dirname, 'test/server-only-stub.ts') } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['lib/**/*.test.ts', 'cli/**/*.test.ts', 'scripts/**/*.test.ts', 'components/**/*.test.ts', 'components/**/*.test.tsx'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // next-auth imports 'next/server' without an extension, which Node's ESM loader
          // refuses; inlined, Vite resolves it (and test mocks of next/headers reach it).
          server: { deps: { inline: ['next-auth'] } },
        },
      },
    ],
  },
});

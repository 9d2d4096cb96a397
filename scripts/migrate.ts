import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** `prisma migrate deploy` against `databaseUrl`, without the CLI's idle linger. */
export function migrateDeploy(databaseUrl: string): void {
  const root = path.resolve(__dirname, '..');
  const result = spawnSync(
    process.execPath,
    ['-r', path.join(root, 'prisma/unref-timers.cjs'), path.join(root, 'node_modules/prisma/build/index.js'), 'migrate', 'deploy'],
    { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`prisma migrate deploy failed (exit ${result.status})`);
  }
}

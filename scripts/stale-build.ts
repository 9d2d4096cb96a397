import fs from 'node:fs';
import path from 'node:path';

/** What a production build is made from: newer than the build, any of these makes it stale. */
const SOURCES = ['app', 'components', 'lib', 'proxy.ts', 'prisma/schema.prisma', 'next.config.js', 'tsconfig.json', 'package-lock.json'];

/** The newest modification time (ms) under `entry` (a file or a folder, recursively), 0 if absent. */
function newest(entry: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) max = Math.max(max, newest(path.join(entry, name)));
  return max;
}

const mtime = (file: string) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

/**
 * Whether `.next` must be built again before `next start`: no build yet, or
 * a source changed since (a `git pull`, an edit). Without this, start served
 * the old build and the new code seemed not to work.
 */
export function buildIsStale(root: string): boolean {
  const built = mtime(path.join(root, '.next', 'BUILD_ID'));
  return built === 0 || SOURCES.some((s) => newest(path.join(root, s)) > built);
}

/** Whether the Prisma client was generated before the schema last changed (it is generated on npm ci, not checked in). */
export function prismaClientIsStale(root: string): boolean {
  return mtime(path.join(root, 'prisma', 'schema.prisma')) > mtime(path.join(root, 'lib', 'db', 'generated', 'client.ts'));
}

/** Whether package-lock.json changed since node_modules was installed from it. */
export function dependenciesAreStale(root: string): boolean {
  return mtime(path.join(root, 'package-lock.json')) > mtime(path.join(root, 'node_modules', '.package-lock.json'));
}

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

type Lock = { packages?: Record<string, { version?: string; optional?: boolean }> };
const readLock = (file: string): Lock | null => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Lock;
  } catch {
    return null;
  }
};

/**
 * Whether node_modules was installed from another package-lock.json than
 * this one. A lock file newer than the install is compared by its content
 * with what npm recorded installing (node_modules/.package-lock.json): a
 * fresh clone, a checkout or a copy gives the lock file a new date without
 * changing a version. Optional packages for other platforms are in the lock
 * file but never installed, so only a different version counts for them.
 */
export function dependenciesAreStale(root: string): boolean {
  const lockFile = path.join(root, 'package-lock.json');
  const installedFile = path.join(root, 'node_modules', '.package-lock.json');
  if (mtime(lockFile) <= mtime(installedFile)) return false;
  const [lock, installed] = [readLock(lockFile), readLock(installedFile)];
  if (!lock?.packages || !installed?.packages) return true;
  return Object.entries(lock.packages).some(([name, want]) => {
    if (name === '') return false;
    const have = installed.packages![name];
    return have ? have.version !== want.version : !want.optional;
  });
}

// The benchmarks' Next production build. Their servers (next start, the bare
// yardstick server) are scripts/child-server.ts's, shared with the e2e tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../scripts/child-server';

export { ROOT, startProcess, type Server } from '../scripts/child-server';

/** Runs `next build` unless a build exists (or `force`). Throws with the build's output tail on failure. */
export function ensureNextBuild(env: NodeJS.ProcessEnv, force: boolean) {
  if (!force && fs.existsSync(path.join(ROOT, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'))) return false;
  console.log('[bench] next build (this takes a few minutes on 2 cores)…');
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/next'), ['build'], { cwd: ROOT, env, encoding: 'utf8' });
  if (r.status !== 0) {
    const out = (r.stdout + r.stderr).split('\n').slice(-40).join('\n');
    throw new Error(`next build failed (exit ${r.status}):\n${out}`);
  }
  return true;
}


// A production server (`next start`) that an e2e test owns, so it can SIGKILL
// it and start it again (scripts/child-server.ts: its own process group, so
// killing the group kills `next start`'s children too and nothing else).
import path from 'node:path';
import { ROOT, startProcess, type Server } from '../../scripts/child-server';

export { freePort } from '../../scripts/child-server';
export type NextServer = Pick<Server, 'url' | 'kill' | 'logTail'>;

/**
 * Starts `next start` on `port` with `env` (the build in NEXT_DIST_DIR, as
 * `npm test` uses it) and waits until it answers. Startup takes a few
 * seconds; the caller decides what a restart may cost.
 */
export function startNextServer(port: number, env: NodeJS.ProcessEnv): Promise<NextServer> {
  return startProcess('next start', path.join(ROOT, 'node_modules/.bin/next'), ['start', '-H', '127.0.0.1', '-p', String(port)], env, `http://127.0.0.1:${port}`, '/login');
}

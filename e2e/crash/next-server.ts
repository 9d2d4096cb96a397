// A production server (`next start`) that the crash-safety test owns, so it
// can SIGKILL it and start it again. It runs in its own process group
// (detached): `next start` spawns children, and killing the group kills them
// all and nothing else.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export type NextServer = {
  url: string;
  /** SIGKILL to the whole process group; resolves once the leader has exited. */
  kill: () => Promise<void>;
  /** Last lines of the server's output, for failure messages. */
  logTail: () => string;
};

/**
 * Starts `next start` on `port` with `env` (the build in NEXT_DIST_DIR, as
 * `npm test` uses it) and waits until it answers. Startup takes a few
 * seconds; the caller decides what a restart may cost.
 */
export async function startNextServer(port: number, env: NodeJS.ProcessEnv): Promise<NextServer> {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/next'), ['start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (b: Buffer) => {
    log = (log + b.toString()).slice(-6000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const server: NextServer = { url, kill: () => killGroup(child, exited), logTail: () => log };
  try {
    await waitUntilAnswering(child, `${url}/login`, 90_000);
  } catch (e) {
    await server.kill();
    throw new Error(`next start did not come up: ${(e as Error).message}\n${log}`);
  }
  return server;
}

// Even if the leader is gone, children of it may not be: signal the group regardless.
async function killGroup(child: ChildProcess, exited: Promise<void>) {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    /* the whole group is already gone */
  }
  await exited;
}

async function waitUntilAnswering(child: ChildProcess, url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited (${child.exitCode ?? child.signalCode})`);
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs / 1000} s`);
}

/** A port nobody listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

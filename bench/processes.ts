// Child processes for the benchmarks: the Next production server and the bare
// yardstick server. Each is started in its own process group (detached) so
// that stopping it also stops anything it spawned, and only that.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');

export type Server = {
  url: string;
  stop: () => Promise<void>;
  logTail: () => string;
  /** Throws if the process has died (crash, or killed from outside) so a benchmark stops early. */
  assertAlive: () => void;
};

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

export function startProcess(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, url: string, probePath: string): Promise<Server> {
  const child = spawn(cmd, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  // Keep the last lines of output: shown if the server dies or answers errors.
  let log = '';
  const keep = (b: Buffer) => {
    log = (log + b.toString()).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let stopping = false;
  const server: Server = {
    url,
    stop: () => ((stopping = true), stopProcess(child)),
    logTail: () => log,
    assertAlive: () => {
      if (!stopping && (child.exitCode !== null || child.signalCode !== null)) {
        throw new Error(`${name} exited (code ${child.exitCode}, signal ${child.signalCode}); last output:\n${log.slice(-2000)}`);
      }
    },
  };
  return waitUntilAnswering(child, url + probePath, 90_000).then(
    () => server,
    async (e) => {
      await server.stop();
      throw new Error(`${name} did not start: ${(e as Error).message}\n${log}`);
    },
  );
}

async function waitUntilAnswering(child: ChildProcess, url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs / 1000} s`);
}

/** SIGTERM to the child's process group, SIGKILL if it lingers. */
async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise((r) => child.once('exit', r));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

// A server started as a child process in its own process group (detached),
// so that stopping or killing it also ends anything it spawned (`next start`
// spawns a worker), and only that. Shared by the benchmarks and the e2e tests
// that own their server (crash safety, restart).
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');

export type Server = {
  url: string;
  /** SIGTERM to the group, SIGKILL if it lingers; resolves once the leader has exited. */
  stop: () => Promise<void>;
  /** SIGKILL to the whole group at once (a crash); resolves once the leader has exited. */
  kill: () => Promise<void>;
  logTail: () => string;
  /** Throws if the process has died (crash, or killed from outside) so a benchmark stops early. */
  assertAlive: () => void;
};

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
    kill: () => ((stopping = true), killGroup(child)),
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

const gone = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null || !child.pid;

// Even if the leader is gone, children of it may not be: signal the group regardless.
function signalGroup(child: ChildProcess, s: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, s);
  } catch {
    /* the whole group is already gone */
  }
}

/** SIGTERM to the child's process group, SIGKILL if it lingers. */
async function stopProcess(child: ChildProcess) {
  if (gone(child)) return;
  const exited = new Promise((r) => child.once('exit', r));
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function killGroup(child: ChildProcess) {
  const exited = gone(child) ? Promise.resolve() : new Promise((r) => child.once('exit', r));
  signalGroup(child, 'SIGKILL');
  await exited;
}

/** A port nobody listens on now: `preferred` if it is free, else one the OS picks. */
export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        const actual = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(actual));
      });
    });
  if (preferred) {
    try {
      return await tryPort(preferred);
    } catch {
      /* taken: fall through to any free port */
    }
  }
  return tryPort(0);
}

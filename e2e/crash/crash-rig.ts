// The server under test and the two ways the crash-safety test interrupts
// it: SIGKILL of the server's process group (then a restart), and
// pg_terminate_backend of the server's database sessions (the server lives
// on and must recover by itself).
import type pg from 'pg';
import { awaitTerminated, endSessions, openCrashDb, serverDatabaseUrl, serverSessions, sessionsOutliving, terminateServerSessions, type Session } from './crash-db';
import { freePort, startNextServer, type NextServer } from './next-server';

export type Interruption = 'sigkill' | 'terminate';

/** Where the interruption found the work: inside a database transaction, running outside one, or already answered. */
export type Landing = 'in-transaction' | 'running' | 'finished';

export type Interrupted<T> = {
  kind: Interruption;
  landing: Landing;
  /** When the interruption came, and when the work's transaction had opened (null: not seen), after the work started. */
  atMs: number;
  transactionOpenedAtMs: number | null;
  /** The server's sessions at that moment; for `terminate`, how many it ended (again, if the work carried on). */
  sessions: number;
  terminated: number;
  /** The work's own outcome: its value, or the error it failed with. */
  outcome: { ok: true; value: T } | { ok: false; error: unknown };
};

/** What `interrupt` lets `shouldStop` see while the work runs (polled every 20 ms). */
export type Watch = { elapsedMs: number; transactionOpenedAtMs: number | null; finished: boolean };

/** How long the sessions of a killed server get to notice and end by themselves. */
const KILLED_SESSION_GRACE_MS = 10_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startCrashRig(databaseUrl: string) {
  const db: pg.Pool = openCrashDb(databaseUrl);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: serverDatabaseUrl(databaseUrl),
    AUTH_SECRET: process.env.AUTH_SECRET ?? 'crash-test-secret-not-for-production-000',
    AUTH_TRUST_HOST: 'true',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  let server: NextServer = await startNextServer(port, env);
  let restarting: Promise<void> | null = null;
  let restartError: unknown;
  const restartMs: number[] = [];
  const outlivedKill: Session[] = [];

  /**
   * Starts `work` (a request to the server), stops it the first time
   * `shouldStop` says so, and waits until the database has settled: every
   * session the interruption hit has ended (and rolled back). After a SIGKILL
   * the server is restarting in the background; `ready()` waits for it.
   */
  async function interrupt<T>(kind: Interruption, work: () => Promise<T>, shouldStop: (w: Watch) => boolean): Promise<Interrupted<T>> {
    const started = Date.now();
    let outcome: Interrupted<T>['outcome'] | undefined;
    const running = work().then(
      (value) => void (outcome = { ok: true, value }),
      (error) => void (outcome = { ok: false, error }),
    );
    let openedAt: number | null = null;
    let snapshot = await serverSessions(db);
    for (;;) {
      if (snapshot.inTransaction && openedAt === null) openedAt = Date.now() - started;
      if (shouldStop({ elapsedMs: Date.now() - started, transactionOpenedAtMs: openedAt, finished: outcome !== undefined })) break;
      await sleep(20);
      snapshot = await serverSessions(db);
    }
    snapshot = await serverSessions(db);
    // A termination is a no-op until the server holds a session (a server just
    // restarted may still be reading the request): then it waits for the first.
    while (kind === 'terminate' && snapshot.pids.length === 0 && outcome === undefined) {
      await sleep(10);
      snapshot = await serverSessions(db);
    }
    const atMs = Date.now() - started;
    if (snapshot.inTransaction && openedAt === null) openedAt = atMs;
    const landing: Landing = outcome !== undefined ? 'finished' : snapshot.inTransaction > 0 ? 'in-transaction' : 'running';
    let terminated = 0;
    if (kind === 'sigkill') {
      await server.kill();
      // A backend notices that its client is gone only when it next reads from
      // or writes to it; one in the middle of a long statement runs on. Such
      // sessions cannot commit any more: after a grace period they are noted
      // (a finding in itself) and ended, so the next round starts clean.
      const outliving = await sessionsOutliving(db, 'all', KILLED_SESSION_GRACE_MS);
      if (outliving.length) {
        outlivedKill.push(...outliving);
        await endSessions(db, outliving.map((o) => o.pid));
      }
      await running;
      const t0 = Date.now();
      restarting = startNextServer(port, env).then(
        (s) => {
          server = s;
          restartMs.push(Date.now() - t0);
        },
        (e) => {
          restartError = e;
        },
      );
    } else {
      const ended = await terminateServerSessions(db);
      // Sessions that were idle in the pool may be replaced and the work go on
      // (it may then finish). Keep ending them until the work is over, so the
      // next round never overlaps this one.
      while (outcome === undefined) {
        await Promise.race([running, sleep(1500)]);
        if (outcome === undefined) ended.push(...(await terminateServerSessions(db)));
      }
      terminated = ended.length;
      await awaitTerminated(db, ended);
    }
    return { kind, landing, atMs, transactionOpenedAtMs: openedAt, sessions: snapshot.pids.length, terminated, outcome: outcome! };
  }

  return {
    db,
    url: () => server.url,
    logTail: () => server.logTail(),
    restartMs,
    /** Sessions of a SIGKILLed server still running KILLED_SESSION_GRACE_MS later. */
    outlivedKill,
    interrupt,
    /** Waits for a restart after a SIGKILL, if one is under way. */
    async ready() {
      await restarting;
      restarting = null;
      if (restartError) throw restartError;
    },
    async close() {
      await restarting;
      await server.kill();
      await db.end();
    },
  };
}

export type CrashRig = Awaited<ReturnType<typeof startCrashRig>>;

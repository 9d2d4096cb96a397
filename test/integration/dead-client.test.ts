import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDb } from '../factories';

const ROOT = path.resolve(__dirname, '../..');
const PROBE = '%crosscheck-dead-client-probe%';

/** Backends running the probe query. */
async function probes(): Promise<number[]> {
  const rows = await testDb().$queryRaw<{ pid: number }[]>`
    SELECT pid FROM pg_stat_activity WHERE query LIKE ${PROBE} AND query NOT LIKE '%pg_stat_activity%' AND state = 'active'`;
  return rows.map((r) => r.pid);
}

async function waitFor<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const since = Date.now();
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() - since > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a server process that dies mid-query', () => {
  it('leaves no query running in PostgreSQL for long: the backend notices its client is gone', async () => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(ROOT, 'test/long-query-child.ts')], {
      cwd: ROOT,
      env: process.env,
      stdio: 'ignore',
    });
    try {
      const [pid] = await waitFor('the probe query to start', probes, (p) => p.length === 1, 20_000);
      child.kill('SIGKILL');
      const killedAt = Date.now();
      // The query sleeps for 120 s; the check (every 2 s) ends it within seconds.
      await waitFor('the dead client’s backend to end', probes, (p) => !p.includes(pid), 15_000);
      expect(Date.now() - killedAt).toBeLessThan(15_000);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});

// CPU time of processes on this machine, from /proc (Linux). On a machine whose
// cores are shared with other work, latency and throughput move with the
// neighbours' load, but the CPU a process spends per unit of work does not.
import fs from 'node:fs';

/** Fields 14-17 of /proc/<pid>/stat: utime, stime, cutime, cstime, in clock ticks. */
function ticks(pid: number | string): { own: number; children: number; parent: number } | null {
  try {
    const after = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { parent: Number(after[1]), own: Number(after[11]) + Number(after[12]), children: Number(after[13]) + Number(after[14]) };
  } catch {
    return null; // gone
  }
}

const TICKS_PER_SECOND = 100;

/**
 * CPU seconds used so far by a PostgreSQL server: the postmaster, its live
 * children (backends, WAL writer, checkpointer, autovacuum) and the children
 * that have exited (counted in the postmaster's cutime/cstime).
 */
export function serverCpuSeconds(postmasterPid: number): number {
  const root = ticks(postmasterPid);
  if (!root) throw new Error(`no process ${postmasterPid}`);
  let total = root.own + root.children;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const t = ticks(pid);
    if (t && t.parent === postmasterPid) total += t.own;
  }
  return total / TICKS_PER_SECOND;
}

/** The pid of the process listening on `port` (socket inode in /proc/net/tcp{,6}, then /proc/<pid>/fd). */
export function listeningPid(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(f)) continue;
    for (const line of fs.readFileSync(f, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && cols[1].endsWith(`:${hexPort}`) && cols[3] === '0A') inodes.add(cols[9]);
    }
  }
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let fds: string[] = [];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1])) return Number(pid);
      } catch {
        /* gone */
      }
    }
  }
  throw new Error(`no process listening on port ${port}`);
}

/** User + system CPU seconds a process has used so far (not its children). */
export function cpuSeconds(pid: number): number {
  const t = ticks(pid);
  if (!t) throw new Error(`no process ${pid}`);
  return t.own / TICKS_PER_SECOND;
}

/** CPU seconds (user + system) of this process so far. */
export function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

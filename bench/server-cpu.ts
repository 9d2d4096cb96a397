// CPU time of the process serving a port, from /proc: on a machine whose
// cores are shared with other work, latency and throughput move with the
// neighbours' load, but the CPU the server spends per request does not.
import fs from 'node:fs';

/** /proc reports times in USER_HZ ticks, 100 per second on Linux. */
const TICKS_PER_SECOND = 100;

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

/** User + system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
  // The command name in field 2 may hold spaces; fields after its closing parenthesis are fixed.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime (fields 14, 15)
}

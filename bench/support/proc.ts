// What the processes cost, read from /proc (Linux): a process's peak resident memory sampled
// every 100 ms, and CPU time of the server, of PostgreSQL's processes and of this client.
import fs from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Resident memory in MB, from VmRSS in /proc/<pid>/status. */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` and keeps the peak. */
export function sampleRss(pid: number, everyMs = 100) {
  let peak = rssMb(pid) ?? 0;
  const timer = setInterval(() => {
    const v = rssMb(pid);
    if (v !== null && v > peak) peak = v;
  }, everyMs);
  timer.unref();
  return {
    peak: () => peak,
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

/** utime + stime of one process, in seconds. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; fields after it are space-separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds of every `postgres` process on the machine (server backends included). */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    total += cpuSeconds(Number(entry));
  }
  return total;
}

/** Busy and total CPU seconds of the whole machine, from /proc/stat. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] as string;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
}

/** Where the CPU went between start() and stop(): server, PostgreSQL, this client, the rest. */
export function cpuSplit(serverPid: number | null) {
  const c0 = process.cpuUsage();
  const s0 = serverPid === null ? 0 : cpuSeconds(serverPid);
  const p0 = postgresCpuSeconds();
  const m0 = machineCpuSeconds();
  const t0 = performance.now();
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    const client = (c.user + c.system) / 1e6;
    const server = serverPid === null ? 0 : cpuSeconds(serverPid) - s0;
    const postgres = postgresCpuSeconds() - p0;
    const m = machineCpuSeconds();
    const busy = m.busy - m0.busy;
    const cores = (m.total - m0.total) / seconds;
    return {
      seconds,
      cores,
      server,
      postgres,
      client,
      other: Math.max(0, busy - server - postgres - client),
      idle: Math.max(0, m.total - m0.total - busy),
    };
  };
}

export type CpuSplit = ReturnType<ReturnType<typeof cpuSplit>>;

export function formatCpu(s: CpuSplit): string {
  const pct = (x: number) => `${((x / s.seconds) * 100).toFixed(0)}%`;
  return (
    `CPU over ${s.seconds.toFixed(1)} s on ${s.cores.toFixed(1)} cores (100% = one core): ` +
    `server ${pct(s.server)}, PostgreSQL ${pct(s.postgres)}, client ${pct(s.client)}, ` +
    `other processes ${pct(s.other)}, idle ${pct(s.idle)}`
  );
}

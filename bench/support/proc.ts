// What the processes cost, read from /proc (Linux): a process's peak resident memory sampled
// every 100 ms, and CPU time of the server, of PostgreSQL's processes and of this client.
// PostgreSQL's processes are found through pg_stat_activity on the server named by DATABASE_URL.
import fs from 'node:fs';
import pg from 'pg';
import { SERVER_URL } from './database.js';

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

/** Samples a process's RSS every `everyMs`; keeps the peak overall and since the last `phase()`. */
export function sampleRss(pid: number, everyMs = 100) {
  let peak = rssMb(pid) ?? 0;
  let phasePeak = peak;
  const timer = setInterval(() => {
    const v = rssMb(pid);
    if (v === null) return;
    if (v > peak) peak = v;
    if (v > phasePeak) phasePeak = v;
  }, everyMs);
  timer.unref();
  return {
    peak: () => peak,
    /** The peak since the previous call (or the start); starts a new phase. */
    phase: () => {
      const p = phasePeak;
      phasePeak = rssMb(pid) ?? 0;
      return p;
    },
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

/** User and system CPU time of one process, in seconds. */
export function cpuTimes(pid: number): { user: number; system: number } {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; fields after it are space-separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) / TICKS_PER_SECOND, system: Number(fields[12]) / TICKS_PER_SECOND };
  } catch {
    return { user: 0, system: 0 };
  }
}

/** utime + stime of one process, in seconds. */
export function cpuSeconds(pid: number): number {
  const t = cpuTimes(pid);
  return t.user + t.system;
}

/**
 * PostgreSQL's processes that work for one database: its backends, and the shared background
 * processes (WAL writer, checkpointer, background writer, …). Backends of other databases on the
 * same server are left out: they are other people's load.
 */
async function postgresPids(database: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: SERVER_URL });
  await c.connect();
  try {
    const { rows } = await c.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = $1 OR (datname IS NULL AND backend_type <> 'client backend')`,
      [database],
    );
    return rows.map((r) => r.pid);
  } finally {
    await c.end();
  }
}

/** Busy and total CPU seconds of the whole machine, from /proc/stat. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] as string;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
}

/**
 * Where the CPU went between the call and the call of what it returns: the server, PostgreSQL's
 * processes for `database`, this client, the rest of the machine (other people's work), idle.
 */
export async function cpuSplit(serverPid: number | null, database: string) {
  const pids0 = await postgresPids(database);
  const pg0 = new Map(pids0.map((pid) => [pid, cpuSeconds(pid)]));
  const c0 = process.cpuUsage();
  const s0 = serverPid === null ? { user: 0, system: 0 } : cpuTimes(serverPid);
  const m0 = machineCpuSeconds();
  const t0 = performance.now();
  return async () => {
    const seconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    const s1 = serverPid === null ? { user: 0, system: 0 } : cpuTimes(serverPid);
    const m = machineCpuSeconds();
    let postgres = 0;
    for (const pid of new Set([...pids0, ...(await postgresPids(database))])) {
      postgres += Math.max(0, cpuSeconds(pid) - (pg0.get(pid) ?? 0));
    }
    const client = (c.user + c.system) / 1e6;
    const serverSystem = s1.system - s0.system;
    const server = s1.user - s0.user + serverSystem;
    const busy = m.busy - m0.busy;
    return {
      seconds,
      cores: (m.total - m0.total) / seconds,
      server,
      serverSystem,
      postgres,
      client,
      other: Math.max(0, busy - server - postgres - client),
      idle: Math.max(0, m.total - m0.total - busy),
    };
  };
}

export type CpuSplit = Awaited<ReturnType<Awaited<ReturnType<typeof cpuSplit>>>>;

export function formatCpu(s: CpuSplit): string {
  const pct = (x: number) => `${((x / s.seconds) * 100).toFixed(0)}%`;
  return (
    `CPU over ${s.seconds.toFixed(1)} s on ${s.cores.toFixed(1)} cores (100% = one core): ` +
    `server ${pct(s.server)} (${pct(s.serverSystem)} of it in the kernel), PostgreSQL for this database ${pct(s.postgres)}, client ${pct(s.client)}, ` +
    `everything else on the machine ${pct(s.other)}, idle ${pct(s.idle)}`
  );
}

/**
 * CPU milliseconds per unit of work (a request, a batch) for each process group, and what that
 * would allow if every core of the machine worked for this run alone: how far a run on a shared
 * machine is from what the hardware permits.
 */
export function formatCpuPer(s: CpuSplit, units: number, unit: string): string {
  const per = (x: number) => (x * 1000) / Math.max(1, units);
  const parts = [`PostgreSQL ${per(s.postgres).toFixed(2)}`, `client ${per(s.client).toFixed(2)}`];
  if (s.server > 0) parts.unshift(`server ${per(s.server).toFixed(2)}`);
  const total = per(s.server) + per(s.postgres) + per(s.client);
  const cores = Math.round(s.cores);
  return (
    `CPU ms per ${unit}: ${parts.join(', ')}; all ${cores} cores to ourselves would allow ` +
    `≈ ${Math.round((cores * 1000) / total)} ${unit === 'batch' ? 'batches' : `${unit}s`}/s`
  );
}

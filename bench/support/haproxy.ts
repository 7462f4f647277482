// HAProxy from Debian's packages, running deploy/haproxy.cfg as it is (addresses through the
// environment variables the file reads), in the foreground as a child of the benchmark, stopped by
// its PID. Its runtime API (the stats socket) says which nodes it sees up and how often it retried.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const HAPROXY_CFG = path.join(ROOT, 'deploy', 'haproxy.cfg');

function haproxyPath(): string | null {
  for (const dir of (process.env.PATH ?? '').split(':').concat('/usr/sbin')) {
    const p = path.join(dir, 'haproxy');
    if (fs.existsSync(p)) return p;
  }
  return null;
}

/** HAProxy's binary; installed with apt-get when missing and we are root, otherwise says how. */
export function ensureHaproxy(log: (line: string) => void): string {
  const found = haproxyPath();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error(
      'HAProxy is not installed: run `apt-get install -y haproxy` as root, then the benchmark again.',
    );
  }
  log('HAProxy is missing: apt-get install -y haproxy');
  const install = () => execFileSync('apt-get', ['install', '-y', 'haproxy'], { stdio: 'inherit' });
  try {
    install();
  } catch {
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    install();
  }
  const installed = haproxyPath();
  if (!installed) throw new Error('apt-get installed haproxy, but it is not on PATH');
  return installed;
}

export type ServerState = { name: string; status: string; retries: number; redispatches: number };

export type Haproxy = {
  url: string;
  pid: number;
  /** The backend's servers as HAProxy sees them (UP, DOWN, MAINT, …) and its retry counters. */
  servers: () => Promise<ServerState[]>;
  /** What HAProxy logged: failed requests and server state changes, each with the time it came. */
  log: () => { at: number; line: string }[];
  stop: () => Promise<void>;
};

function runtimeCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = net.createConnection(socket);
    let out = '';
    c.on('connect', () => c.end(`${command}\n`));
    c.on('data', (d) => {
      out += d.toString();
    });
    c.on('end', () => resolve(out));
    c.on('error', reject);
  });
}

/** `show stat` CSV: one line per frontend, backend and server. */
function parseStats(csv: string): { pxname: string; svname: string; row: Record<string, string> }[] {
  const lines = csv.trim().split('\n');
  const header = (lines.shift() ?? '').replace(/^# /, '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    const row = Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
    return { pxname: row.pxname ?? '', svname: row.svname ?? '', row };
  });
}

export async function startHaproxy(
  binary: string,
  { port, nodes }: { port: number; nodes: string[] },
): Promise<Haproxy> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'niko-bench-haproxy-'));
  const socket = path.join(dir, 'admin.sock');
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NIKO_HTTP_BIND: `127.0.0.1:${port}`,
    NIKO_HAPROXY_SOCKET: socket,
    NIKO_HAPROXY_LOG: 'stdout',
  };
  nodes.forEach((address, i) => {
    env[`NIKO_NODE${i + 1}`] = address;
  });
  execFileSync(binary, ['-c', '-q', '-f', HAPROXY_CFG], { env, stdio: 'inherit' });
  // -db: stay in the foreground, so that the benchmark owns the process and its PID.
  const child: ChildProcess = spawn(binary, ['-db', '-f', HAPROXY_CFG], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: { at: number; line: string }[] = [];
  const keep = (d: Buffer) => {
    for (const line of d.toString().split('\n')) if (line.trim()) lines.push({ at: performance.now(), line });
    if (lines.length > 5000) lines.splice(0, lines.length - 5000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const servers = async () =>
    parseStats(await runtimeCommand(socket, 'show stat'))
      .filter((s) => s.pxname === 'nodes' && s.svname !== 'BACKEND' && s.svname !== 'FRONTEND')
      .map((s) => ({
        name: s.svname,
        status: s.row.status ?? '',
        retries: Number(s.row.wretr ?? 0),
        redispatches: Number(s.row.wredis ?? 0),
      }));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`haproxy exited:\n${lines.map((l) => l.line).join('\n')}`);
    }
    const up = await servers().catch(() => []);
    if (up.length === nodes.length && up.every((s) => s.status === 'UP')) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`haproxy did not see every node up: ${JSON.stringify(up)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url: `http://127.0.0.1:${port}`, pid: child.pid as number, servers, log: () => lines, stop };
}

/** Polls until HAProxy reports `server` in `status` (UP, DOWN); resolves with the seconds it took. */
export async function waitForServer(proxy: Haproxy, server: string, status: string, timeoutMs = 60_000) {
  const t = performance.now();
  for (;;) {
    const s = (await proxy.servers()).find((x) => x.name === server);
    if (s?.status === status) return (performance.now() - t) / 1000;
    if (performance.now() - t > timeoutMs) throw new Error(`${server} not ${status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

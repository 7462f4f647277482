// The real server (src/server/main.ts) as a child process on a free loopback port, stopped by its
// PID. By default it runs from the sources through tsx; BENCH_SERVER=built compiles it first into
// a private folder and runs the JavaScript, as `npm start` runs dist/ in production.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../scripts/free-port.mjs';
import { waitForStartup } from '../../src/server/startup-message.js';

// BENCH_SERVER_ROOT runs the server of another checkout (with node_modules), e.g. an older commit
// unpacked with `git archive`, to compare before and after against the same client and data.
const ROOT = process.env.BENCH_SERVER_ROOT
  ? path.resolve(process.env.BENCH_SERVER_ROOT)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const BUILT_DIR = path.join(
  ROOT,
  'node_modules',
  '.cache',
  `niko-bench-server-${createHash('sha256').update(ROOT).digest('hex').slice(0, 8)}`,
);

let built: string | undefined;

/**
 * Compiles the server like `npm run build:server`, but into BUILT_DIR, leaving dist/ alone; once
 * per run, however many servers a benchmark starts (or restarts).
 */
function buildServer(): string {
  built ??= compileServer();
  return built;
}

function compileServer(): string {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  fs.rmSync(BUILT_DIR, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [tsc, '-p', 'tsconfig.server.json', '--outDir', BUILT_DIR, '--sourceMap', 'false'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  const migrations = path.join('server', 'db', 'migrations');
  fs.cpSync(path.join(ROOT, 'src', migrations), path.join(BUILT_DIR, migrations), { recursive: true });
  return path.join(BUILT_DIR, 'server', 'main.js');
}

/**
 * The V8 flags of `npm start` (package.json), read rather than repeated so the two cannot drift:
 * a small young generation and no pretenuring keep a streamed download's garbage from piling up
 * (docs/ARCHITECTURE.md, "Publications and stored files").
 */
function startFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return String(pkg.scripts.start).match(/--[\w-]+(=\S+)?/g) ?? [];
}

/** How the server runs: `built` or the TypeScript sources (the default). */
export const SERVER_MODE = process.env.BENCH_SERVER === 'built' ? 'built' : 'tsx';

export type BenchServer = {
  url: string;
  port: number;
  pid: number;
  /** SIGTERM, then SIGKILL after 15 s; resolves once the process has exited. */
  stop: () => Promise<void>;
  /** Sends a signal (kill -9, SIGTERM) without waiting. */
  signal: (signal: NodeJS.Signals) => void;
  /** Resolves when the process has exited, however. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last 20,000 characters it wrote to stdout and stderr. */
  output: () => string;
};

export type ServerOptions = {
  /** Listen on this port (a node restarted behind a proxy keeps its address); default a free one. */
  port?: number;
  /** Every chunk the server writes to stdout or stderr (its log lines). */
  onOutput?: (text: string) => void;
};

export async function startServer(
  databaseUrl: string,
  env: Record<string, string> = {},
  options: ServerOptions = {},
): Promise<BenchServer> {
  // Asked for a port, or any free one (PORT=0) that the start-up message then names. A server of
  // another checkout (BENCH_SERVER_ROOT) may be older than that message's port, so it gets one picked.
  const asked = options.port ?? (process.env.BENCH_SERVER_ROOT ? await freePort() : 0);
  const entry =
    SERVER_MODE === 'built' ? [buildServer()] : ['--import', 'tsx', path.join('src', 'server', 'main.ts')];
  const child: ChildProcess = spawn(
    process.execPath,
    // The server runs with the flags `npm start` gives it (see startFlags); BENCH_SERVER_NODE_ARGS
    // adds more, e.g. --cpu-prof.
    [...startFlags(), ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), ...entry],

    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(asked),
        HOST: '127.0.0.1',
        SEED_DEMO: 'never',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (d: Buffer) => {
    const text = d.toString();
    output = (output + text).slice(-20_000);
    options.onOutput?.(text);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const pid = child.pid as number;
  const signal = (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) process.kill(pid, sig);
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(pid, 'SIGTERM');
    const timer = setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGKILL');
    }, 15_000);
    await exited;
    clearTimeout(timer);
  };
  const started = await waitForStartup(child, 90_000, () => output).catch(async (err) => {
    await stop();
    throw err;
  });
  const port = asked || Number(new URL(started.url).port);
  const url = `http://127.0.0.1:${port}`;
  return { url, port, pid, stop, signal, exited, output: () => output };
}

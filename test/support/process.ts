// Runs the real server entry point (src/server/main.ts) as a child process, the way it runs in
// production, and collects its JSON log lines. It listens on PORT=0 and says which port it got in its
// start-up message (src/server/startup-message.ts); METRICS_PORT=0 likewise.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { waitForStartup } from '../../src/server/startup-message.js';

export type ServerProcess = {
  url: string;
  /** The separate metrics listener, when METRICS_PORT was given. */
  metricsUrl: string | null;
  child: ChildProcess;
  logs: () => Record<string, unknown>[];
  exited: Promise<number | null>;
  stop: () => Promise<number | null>;
};

function spawnServer(env: Record<string, string>) {
  return spawn(process.execPath, ['--import', 'tsx', path.join('src', 'server', 'main.ts')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs the entry point until it exits by itself (it refuses to start): its exit code and all it printed. */
export async function runServerProcessToExit(env: Record<string, string>) {
  const child = spawnServer(env);
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  // 'close', not 'exit': the output has all been read by then.
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  return { code, output };
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawnServer(env);
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // A loaded CI machine may take half a minute just to seed the demo data through tsx; the limit
  // only catches a server that hangs.
  const { url, metricsUrl } = await waitForStartup(child, 180_000, () => `${out}\n${err}`).catch((e) => {
    child.kill('SIGKILL');
    throw e;
  });
  return {
    url,
    metricsUrl,
    child,
    exited,
    logs: () =>
      out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l)),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

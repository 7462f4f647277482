// A PostgreSQL cluster of a benchmark's own (Debian's postgresql-common: pg_createcluster,
// pg_ctlcluster, pg_dropcluster), on a free port, so that a benchmark may stop and restart its
// database without touching the machine's main cluster or any other. Named
// niko_bench_<pid>_<random>; dropped at the end (pg_dropcluster --stop), and a cluster of this name
// left behind by a benchmark that was killed is dropped by the next one.
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { freePort } from '../../scripts/free-port.mjs';
import type { Cleanup } from './cleanup.js';

const PREFIX = 'niko_bench_';

export type PgCluster = {
  version: string;
  name: string;
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres: the server, to create databases on. */
  serverUrl: string;
  /**
   * `pg_ctlcluster … restart` (fast mode: open connections are ended), without blocking the event
   * loop (the load goes on meanwhile); resolves with the seconds it took.
   */
  restart: () => Promise<number>;
  drop: () => void;
};

/** Says what is missing, or null when this machine can create clusters. */
export function clusterToolsMissing(): string | null {
  if (!fs.existsSync('/usr/bin/pg_createcluster'))
    return "Debian's postgresql-common is missing: `apt-get install -y postgresql`.";
  if (process.getuid?.() !== 0)
    return 'pg_createcluster needs root (or the postgres user): run the benchmark as root.';
  return null;
}

function ctl(...args: string[]) {
  // --skip-systemctl-redirect: start the server directly, also where systemd runs, so the
  // benchmark's process (not a unit) decides when it stops.
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', ...args], { stdio: 'pipe' });
}

/** The newest PostgreSQL installed (/usr/lib/postgresql/<version>). */
function newestVersion(): string {
  const versions = fs
    .readdirSync('/usr/lib/postgresql')
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(a) - Number(b));
  const v = versions.at(-1);
  if (!v) throw new Error('no PostgreSQL in /usr/lib/postgresql');
  return v;
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Clusters named by an earlier run of a benchmark whose process is gone. */
function dropLeftovers(version: string, log: (line: string) => void) {
  const dir = `/etc/postgresql/${version}`;
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    const m = new RegExp(`^${PREFIX}(\\d+)_[0-9a-f]+$`).exec(name);
    if (!m || isAlive(Number(m[1]))) continue;
    log(`dropping cluster ${version}/${name}, left behind by a benchmark that was killed`);
    execFileSync('pg_dropcluster', ['--stop', version, name], { stdio: 'pipe' });
  }
}

export async function createPgCluster(
  cleanup: Cleanup,
  log: (line: string) => void,
  settings: Record<string, string> = {},
): Promise<PgCluster> {
  const version = newestVersion();
  dropLeftovers(version, log);
  const name = `${PREFIX}${process.pid}_${randomBytes(3).toString('hex')}`;
  const port = await freePort();
  const options = Object.entries(settings).flatMap(([k, v]) => ['-o', `${k}=${v}`]);
  let dropped = false;
  const drop = () => {
    if (dropped) return;
    dropped = true;
    execFileSync('pg_dropcluster', ['--stop', version, name], { stdio: 'pipe' });
  };
  // Local connections only (listen_addresses stays 'localhost'), trusted: the benchmark's own.
  execFileSync(
    'pg_createcluster',
    [
      version,
      name,
      '-p',
      String(port),
      '--start-conf=manual',
      '-q',
      ...options,
      '--',
      '--auth-host=trust',
      '--auth-local=trust',
    ],
    { stdio: 'pipe' },
  );
  cleanup.add(async () => drop());
  ctl(version, name, 'start');
  log(
    `PostgreSQL ${version} cluster ${name} on port ${port} (pg_createcluster; dropped at the end); log /var/log/postgresql/postgresql-${version}-${name}.log`,
  );
  return {
    version,
    name,
    port,
    serverUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: async () => {
      const t = performance.now();
      await promisify(execFile)('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, 'restart']);
      return (performance.now() - t) / 1000;
    },
    drop,
  };
}

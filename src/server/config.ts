// The only reader of process.env: every setting the server understands, with its default.
// The README lists the same settings; keep the two in step.
import path from 'node:path';
import { z } from 'zod';

/** An optional setting: unset and empty mean the same, "not set". */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  DATA_DIR: z.string().default('./data'),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  LOGIN_MAX_FAILURES_PER_LOGIN: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(30),
  LOGIN_FAILURE_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  IMPORT_LIMIT_BYTES: z.coerce.number().int().positive().default(10_485_760),
  IMPORT_UNPACKED_LIMIT_BYTES: z.coerce.number().int().positive().default(104_857_600),
  IMPORT_MAX_COMPRESSION_RATIO: z.coerce.number().positive().default(100),
  IMPORT_MAX_ROWS: z.coerce.number().int().positive().default(100_000),
  IMPORT_MAX_CELLS: z.coerce.number().int().positive().default(1_000_000),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: z.enum(['auto', 'always', 'never']).default('auto'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(10_000),
  EXPORT_TTL_HOURS: z.coerce.number().positive().default(24),
  EXPORT_POLL_MS: z.coerce.number().int().positive().default(1000),
  WRITE_LIMIT_REQUESTS: z.coerce.number().int().positive().default(3000),
  WRITE_LIMIT_CHARACTERS: z.coerce.number().int().positive().default(1_000_000),
  WRITE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(600),
  METRICS_PORT: optional(z.coerce.number().int().min(0).max(65535)),
  METRICS_HOST: z.string().default('127.0.0.1'),
  METRICS_TOKEN: optional(z.string().min(16, 'не короче 16 символов')),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Connections to PostgreSQL (with DATABASE_URL); requests beyond it wait for one. */
  databasePoolSize: number;
  dataDir: string;
  sessionIdleMs: number;
  loginLimits: { perLogin: number; perIp: number; windowMs: number };
  bodyLimitBytes: number;
  importLimitBytes: number;
  /**
   * What an import file may hold, checked before it is loaded: an XLSX's unpacked size and the
   * compression ratio of each of its parts (a "zip bomb" unpacks to far more than it weighs),
   * records (CSV and XLSX), and an XLSX's cells.
   */
  importLimits: { unpackedBytes: number; compressionRatio: number; rows: number; cells: number };
  trustProxy: boolean;
  logLevel: string;
  seedDemo: 'auto' | 'always' | 'never';
  shutdownGraceMs: number;
  /** Prepared export files older than this are removed. */
  exportTtlMs: number;
  /** How often each process looks for queued export jobs. */
  exportPollMs: number;
  /**
   * What one user may send to the write routes within a window that starts with their first write:
   * requests, and characters of cell values (what the change history keeps). Then 429.
   */
  writeLimits: { requests: number; characters: number; windowMs: number };
  /** The port of the separate /metrics listener; undefined: no such listener. */
  metricsPort: number | undefined;
  metricsHost: string;
  /** A bearer token that opens /metrics on the application port; undefined: it stays closed (404). */
  metricsToken: string | undefined;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: path.resolve(e.DATA_DIR),
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    loginLimits: {
      perLogin: e.LOGIN_MAX_FAILURES_PER_LOGIN,
      perIp: e.LOGIN_MAX_FAILURES_PER_IP,
      windowMs: e.LOGIN_FAILURE_WINDOW_MINUTES * 60_000,
    },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    importLimitBytes: e.IMPORT_LIMIT_BYTES,
    importLimits: {
      unpackedBytes: e.IMPORT_UNPACKED_LIMIT_BYTES,
      compressionRatio: e.IMPORT_MAX_COMPRESSION_RATIO,
      rows: e.IMPORT_MAX_ROWS,
      cells: e.IMPORT_MAX_CELLS,
    },
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    exportTtlMs: e.EXPORT_TTL_HOURS * 3_600_000,
    exportPollMs: e.EXPORT_POLL_MS,
    writeLimits: {
      requests: e.WRITE_LIMIT_REQUESTS,
      characters: e.WRITE_LIMIT_CHARACTERS,
      windowMs: e.WRITE_LIMIT_WINDOW_SECONDS * 1000,
    },
    metricsPort: e.METRICS_PORT,
    metricsHost: e.METRICS_HOST,
    metricsToken: e.METRICS_TOKEN,
  };
}

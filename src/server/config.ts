// The only reader of process.env: every setting the server understands, with its default.
// The README lists the same settings; keep the two in step.
import path from 'node:path';
import { z } from 'zod';
import { type DatabaseTimeouts, DEFAULT_TIMEOUTS } from './db/timeouts.js';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(DEFAULT_TIMEOUTS.statementMs),
  DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).default(DEFAULT_TIMEOUTS.lockMs),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(DEFAULT_TIMEOUTS.idleInTransactionMs),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(0).default(DEFAULT_TIMEOUTS.connectMs),
  DATA_DIR: z.string().default('./data'),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  LOGIN_MAX_FAILURES_PER_LOGIN: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(30),
  LOGIN_FAILURE_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  // Empty counts as unset. Short secrets are refused: the HMAC is only as strong as its key.
  DEVICE_COOKIE_SECRET: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters'),
  DEVICE_COOKIE_DAYS: z.coerce.number().positive().default(180),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  IMPORT_LIMIT_BYTES: z.coerce.number().int().positive().default(10_485_760),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: z.enum(['auto', 'always', 'never']).default('auto'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(10_000),
  EXPORT_TTL_HOURS: z.coerce.number().positive().default(24),
  EXPORT_POLL_MS: z.coerce.number().int().positive().default(1000),
  EXPORT_STALE_SECONDS: z.coerce.number().positive().default(30),
  MAINTENANCE_INTERVAL_MINUTES: z.coerce.number().positive().default(10),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Connections to PostgreSQL (with DATABASE_URL); requests beyond it wait for one. */
  databasePoolSize: number;
  databaseTimeouts: DatabaseTimeouts;
  dataDir: string;
  sessionIdleMs: number;
  /** Attempts counted per login (and per device cookie, and per user's password check), per address, and the window. */
  loginLimits: { perLogin: number; perIp: number; windowMs: number };
  /** Device cookies (auth/device-cookies.ts): the HMAC key, or undefined to use the one stored in the database. */
  deviceCookie: { secret: string | undefined; maxAgeMs: number };
  bodyLimitBytes: number;
  importLimitBytes: number;
  trustProxy: boolean;
  logLevel: string;
  seedDemo: 'auto' | 'always' | 'never';
  shutdownGraceMs: number;
  /** Prepared export files older than this are removed. */
  exportTtlMs: number;
  /** How often each process looks for queued export jobs. */
  exportPollMs: number;
  /** A running export whose heartbeat is older than this is taken over by another runner. */
  exportStaleMs: number;
  /** How often each process tries a maintenance pass (ops/maintenance.ts); one runs at a time. */
  maintenanceIntervalMs: number;
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
    databaseTimeouts: {
      statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      lockMs: e.DATABASE_LOCK_TIMEOUT_MS,
      idleInTransactionMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      connectMs: e.DATABASE_CONNECT_TIMEOUT_MS,
    },
    dataDir: path.resolve(e.DATA_DIR),
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    loginLimits: {
      perLogin: e.LOGIN_MAX_FAILURES_PER_LOGIN,
      perIp: e.LOGIN_MAX_FAILURES_PER_IP,
      windowMs: e.LOGIN_FAILURE_WINDOW_MINUTES * 60_000,
    },
    deviceCookie: { secret: e.DEVICE_COOKIE_SECRET, maxAgeMs: e.DEVICE_COOKIE_DAYS * 86_400_000 },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    importLimitBytes: e.IMPORT_LIMIT_BYTES,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    exportTtlMs: e.EXPORT_TTL_HOURS * 3_600_000,
    exportPollMs: e.EXPORT_POLL_MS,
    exportStaleMs: e.EXPORT_STALE_SECONDS * 1000,
    maintenanceIntervalMs: e.MAINTENANCE_INTERVAL_MINUTES * 60_000,
  };
}

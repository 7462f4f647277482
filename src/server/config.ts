// The only reader of process.env: every setting the server understands, with its default.
// The README lists the same settings; keep the two in step.
import path from 'node:path';
import { z } from 'zod';
import { type DatabaseTimeouts, DEFAULT_TIMEOUTS } from './db/timeouts.js';

/** An optional setting: unset and empty mean the same, "not set". */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
}

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
  DATABASE_PREPARED_STATEMENTS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  MIGRATE_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  DATA_DIR: z.string().default('./data'),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  LOGIN_MAX_FAILURES_PER_LOGIN: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(200),
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
  IMPORT_UNPACKED_LIMIT_BYTES: z.coerce.number().int().positive().default(104_857_600),
  IMPORT_MAX_COMPRESSION_RATIO: z.coerce.number().positive().default(100),
  IMPORT_MAX_ROWS: z.coerce.number().int().positive().default(100_000),
  IMPORT_MAX_CELLS: z.coerce.number().int().positive().default(1_000_000),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  COOKIE_SECURE: z
    .enum(['auto', 'true', 'false'])
    .default('auto')
    .transform((v) => (v === 'auto' ? v : v === 'true')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: z.enum(['auto', 'always', 'never']).default('auto'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(10_000),
  EXPORT_TTL_HOURS: z.coerce.number().positive().default(24),
  EXPORT_POLL_MS: z.coerce.number().int().positive().default(1000),
  EXPORT_STALE_SECONDS: z.coerce.number().positive().default(30),
  WRITE_LIMIT_REQUESTS: z.coerce.number().int().positive().default(3000),
  WRITE_LIMIT_CHARACTERS: z.coerce.number().int().positive().default(1_000_000),
  WRITE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(600),
  METRICS_PORT: optional(z.coerce.number().int().min(0).max(65535)),
  METRICS_HOST: z.string().default('127.0.0.1'),
  METRICS_TOKEN: optional(z.string().min(16, 'не короче 16 символов')),
  MAINTENANCE_INTERVAL_MINUTES: z.coerce.number().positive().default(10),
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: 'адрес вида smtp://… или smtps://…' })),
  SMTP_FROM: z.string().default('ФИС ОКО <no-reply@fisoko.local>'),
  EMAIL_POLL_MS: z.coerce.number().int().positive().default(2000),
  EMAIL_RETRY_SECONDS: z.coerce.number().positive().default(30),
  EMAIL_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
  EMAIL_LEASE_SECONDS: z.coerce.number().positive().default(120),
  // Printed on the access sheets (one-time-passwords/): where the schools sign in.
  PUBLIC_URL: optional(
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) address' })
      .transform((u) => u.replace(/\/+$/, '')),
  ),
});

/** Cookies get `Secure`: always, never, or (`auto`) when the request came over HTTPS. */
export type CookieSecure = 'auto' | boolean;

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Connections to PostgreSQL (with DATABASE_URL); requests beyond it wait for one. */
  databasePoolSize: number;
  databaseTimeouts: DatabaseTimeouts;
  /** Name frequent statements (db/connection.ts); off behind PgBouncer's transaction mode before 1.22. */
  databasePreparedStatements: boolean;
  /** Apply pending migrations at start (db/migrate.ts); off: only check they were applied (`npm run migrate`). */
  migrateOnStart: boolean;
  dataDir: string;
  sessionIdleMs: number;
  /** Attempts counted per login (and per device cookie, and per user's password check), per address, and the window. */
  loginLimits: { perLogin: number; perIp: number; windowMs: number };
  /** Device cookies (auth/device-cookies.ts): the HMAC key, or undefined to use the one stored in the database. */
  deviceCookie: { secret: string | undefined; maxAgeMs: number };
  bodyLimitBytes: number;
  importLimitBytes: number;
  /**
   * What an import file may hold, checked before it is loaded: an XLSX's unpacked size and the
   * compression ratio of each of its parts (a "zip bomb" unpacks to far more than it weighs),
   * records (CSV and XLSX), and an XLSX's cells.
   */
  importLimits: { unpackedBytes: number; compressionRatio: number; rows: number; cells: number };
  trustProxy: boolean;
  cookieSecure: CookieSecure;
  logLevel: string;
  seedDemo: 'auto' | 'always' | 'never';
  shutdownGraceMs: number;
  /** Prepared export files older than this are removed. */
  exportTtlMs: number;
  /** How often each process looks for queued export jobs. */
  exportPollMs: number;
  /** A running export whose heartbeat is older than this is taken over by another runner. */
  exportStaleMs: number;
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
  /** How often each process tries a maintenance pass (ops/maintenance.ts); one runs at a time. */
  maintenanceIntervalMs: number;
  /**
   * E-mail (email/): undefined where SMTP_URL is not set, and then no e-mail is queued or sent.
   * A failed message is tried again after retryMs, doubling each time, up to maxAttempts; a
   * message claimed by a process that died is taken up again after leaseMs.
   */
  email:
    | { smtpUrl: string; from: string; pollMs: number; retryMs: number; maxAttempts: number; leaseMs: number }
    | undefined;
  /** The portal's address for people (no trailing slash); undefined: each request's own origin. */
  publicUrl: string | undefined;
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
    databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS,
    migrateOnStart: e.MIGRATE_ON_START,
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
    importLimits: {
      unpackedBytes: e.IMPORT_UNPACKED_LIMIT_BYTES,
      compressionRatio: e.IMPORT_MAX_COMPRESSION_RATIO,
      rows: e.IMPORT_MAX_ROWS,
      cells: e.IMPORT_MAX_CELLS,
    },
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    exportTtlMs: e.EXPORT_TTL_HOURS * 3_600_000,
    exportPollMs: e.EXPORT_POLL_MS,
    exportStaleMs: e.EXPORT_STALE_SECONDS * 1000,
    writeLimits: {
      requests: e.WRITE_LIMIT_REQUESTS,
      characters: e.WRITE_LIMIT_CHARACTERS,
      windowMs: e.WRITE_LIMIT_WINDOW_SECONDS * 1000,
    },
    metricsPort: e.METRICS_PORT,
    metricsHost: e.METRICS_HOST,
    metricsToken: e.METRICS_TOKEN,
    maintenanceIntervalMs: e.MAINTENANCE_INTERVAL_MINUTES * 60_000,
    email: e.SMTP_URL
      ? {
          smtpUrl: e.SMTP_URL,
          from: e.SMTP_FROM,
          pollMs: e.EMAIL_POLL_MS,
          retryMs: e.EMAIL_RETRY_SECONDS * 1000,
          maxAttempts: e.EMAIL_MAX_ATTEMPTS,
          leaseMs: e.EMAIL_LEASE_SECONDS * 1000,
        }
      : undefined,
    publicUrl: e.PUBLIC_URL,
  };
}

const LOOPBACK_HOSTS = new Set(['localhost', '::1']);

/**
 * Why cookies may go out without `Secure` to clients on other machines, or null. The server itself
 * speaks plain HTTP: behind a TLS proxy it learns of HTTPS only with TRUST_PROXY, or by COOKIE_SECURE=true.
 */
export function insecureCookieWarning(config: Config): string | null {
  const loopback = LOOPBACK_HOSTS.has(config.host) || config.host.startsWith('127.');
  if (loopback) return null;
  if (config.cookieSecure === false)
    return `COOKIE_SECURE=false: session cookies go out without Secure to clients of ${config.host}`;
  if (config.cookieSecure === 'auto' && !config.trustProxy)
    return `session cookies go out without Secure to clients of ${config.host}: behind a TLS proxy, set TRUST_PROXY=true or COOKIE_SECURE=true (README, "Behind a TLS proxy")`;
  return null;
}

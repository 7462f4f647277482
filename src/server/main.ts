// Entry point: read the config, open and migrate the database, load demo data on the first
// embedded start, listen, and shut down gracefully on SIGTERM/SIGINT.
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp } from './app.js';
import { insecureCookieWarning, loadConfig } from './config.js';
import { openDatabase } from './db/connection.js';
import { checkMigrated, migrate } from './db/migrate.js';
import { DEMO_LOGINS, isDirectoryEmpty, seedDemo } from './demo/seed.js';
import { METRICS_LINE, STARTUP_LINE } from './startup-message.js';

const startedAt = performance.now();
const config = loadConfig();
const log = pino({ level: config.logLevel });
const handle = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite'),
  ...(config.databaseUrl ? { poolSize: config.databasePoolSize } : {}),
  timeouts: config.databaseTimeouts,
  preparedStatements: config.databasePreparedStatements,
  onConnectionLost: (err) => log.warn({ err: { message: err.message } }, 'database connection lost'),
});
try {
  if (config.migrateOnStart) await migrate(handle.pool);
  else await checkMigrated(handle.pool);
} catch (err) {
  // One line that says what to do (an applied migration was changed, one failed, or some are not
  // applied and this process may not apply them), not a stack.
  log.fatal((err as Error).message);
  await handle.close();
  process.exit(1);
}

const shouldSeed =
  config.seedDemo === 'always' ||
  (config.seedDemo === 'auto' && handle.engine === 'pglite' && (await isDirectoryEmpty(handle.db)));
let seeded = false;
if (shouldSeed && (await isDirectoryEmpty(handle.db))) {
  await seedDemo(handle.db);
  seeded = true;
}

const app = await buildApp({ config, db: handle.db, pool: handle.pool, loggerInstance: log });
const cookieWarning = insecureCookieWarning(config);
if (cookieWarning) app.log.warn(cookieWarning);
await app.listen({ port: config.port, host: config.host });

const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
// The port it got, not the one asked for: with PORT=0 the system picks one, and whoever started the
// process (tests, benchmarks) reads it from this line (startup-message.ts).
const { port } = app.server.address() as AddressInfo;
const url = `http://${shownHost}:${port}`;
const lines = [
  '',
  `${STARTUP_LINE}${url}`,
  `База данных: ${handle.engine === 'pglite' ? `встроенная PGlite в ${path.join(config.dataDir, 'pglite')}` : 'PostgreSQL'}`,
  `Запуск занял ${((performance.now() - startedAt) / 1000).toFixed(1)} с${seeded ? ' (загружены демонстрационные данные)' : ''}.`,
];
const metrics = app.metricsAddress();
if (metrics) lines.push(`${METRICS_LINE}http://${metrics.address}:${metrics.port}/metrics`);
if (seeded || handle.engine === 'pglite') {
  lines.push('Демонстрационные учётные записи (пароль у всех: demo):');
  for (const [login, what] of DEMO_LOGINS) lines.push(`  ${login.padEnd(12)} ${what}`);
}
process.stdout.write(`${lines.join('\n')}\n\n`);

// Requests already under way finish; new connections are refused; then the pool closes.
closeWithGrace({ delay: config.shutdownGraceMs }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down');
  await app.close();
  await handle.close();
});

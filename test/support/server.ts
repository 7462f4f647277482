// Starts the real app on a loopback port against a fresh test database. Tests talk to it over
// HTTP with test/support/client.ts, exactly as a browser would.
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { type Config, loadConfig } from '../../src/server/config.js';
import { seedDemo } from '../../src/server/demo/seed.js';
import { Client } from './client.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export type TestServer = {
  url: string;
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  client: () => Client;
  close: () => Promise<void>;
};

export type TestServerOptions = {
  demo?: boolean;
  config?: Partial<Config>;
  /** Reuse a database (for two servers on one PostgreSQL); it is then not closed here. */
  database?: TestDatabase;
  /** Background workers (exports); off to leave a job queued for a test to drive. */
  startWorkers?: boolean;
  /** Where the app's log goes; none by default. */
  logger?: FastifyServerOptions['logger'];
};

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const database = opts.database ?? (await createTestDatabase());
  if (opts.demo && !opts.database) await seedDemo(database.db);
  // Export jobs are polled often so that tests wait for them briefly.
  const config: Config = { ...loadConfig({ LOG_LEVEL: 'silent' }), exportPollMs: 100, ...opts.config };
  const app = await buildApp({
    config,
    db: database.db,
    pool: database.pool,
    logger: opts.logger ?? false,
    startWorkers: opts.startWorkers ?? true,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    app,
    database,
    config,
    client: () => new Client(url),
    close: async () => {
      await app.close();
      if (!opts.database) await database.close();
    },
  };
}

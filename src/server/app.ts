// Builds the Fastify app: plugins, the policy's hooks, every area's routes, and the built web
// pages. main.ts and the tests both call buildApp, so tests exercise the real server.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifySchema, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { installRussianZodMessages } from '../shared/zod-russian.js';
import { auditRoutes } from './audit/routes.js';
import { authentication } from './auth/plugin.js';
import { authRoutes } from './auth/routes.js';
import { writeLimits } from './auth/write-limits.js';
import { collectionRoutes } from './collections/routes.js';
import type { Config } from './config.js';
import type { Db } from './db/connection.js';
import { directoryRoutes } from './directory/routes.js';
import { smtpMailer } from './email/mailer.js';
import { startEmailWorker } from './email/worker.js';
import { excelRoutes } from './excel/routes.js';
import { excelUploadRoutes } from './excel/upload-routes.js';
import { exportRoutes } from './exports/routes.js';
import { startExportWorker } from './exports/worker.js';
import { formRoutes } from './forms/routes.js';
import { installErrorHandling, sendProblem } from './http/error-handler.js';
import { Problem } from './http/problem.js';
import { installSecurityHeaders, isApiPath, routerPath } from './http/security-headers.js';
import { installTextGuard } from './http/text-guard.js';
import { monitoringRoutes } from './monitoring/routes.js';
import { installHealth } from './ops/health.js';
import { startMaintenance } from './ops/maintenance.js';
import { installMetrics } from './ops/metrics.js';
import { publicationRoutes } from './publications/routes.js';
import { reminderRoutes } from './reminders/routes.js';
import { reportRoutes } from './reports/routes.js';
import { responseRoutes } from './responses/routes.js';
import { reviewRoutes } from './review/routes.js';

installRussianZodMessages();

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

declare module 'fastify' {
  interface FastifyInstance {
    routeList: RouteEntry[];
  }
}

/** A route as added, with its request schemas (the security suites walk them). */
export type RouteEntry = { method: string; url: string; schema: FastifySchema };

export type AppOptions = {
  config: Config;
  db: Db;
  /** The pg pool `db` runs on, for reads that must not go through Kysely (storage/chunk-reader.ts). */
  pool: pg.Pool;
  logger?: FastifyServerOptions['logger'];
  /** A logger made before the app (main.ts shares it with the database's connection events). */
  loggerInstance?: FastifyServerOptions['loggerInstance'];
  /** Background workers (exports, maintenance); a test may leave them off to drive a job by hand. */
  startWorkers?: boolean;
};

export async function buildApp({
  config,
  db,
  pool,
  logger,
  loggerInstance,
  startWorkers = true,
}: AppOptions) {
  const app = Fastify({
    ...(loggerInstance ? { loggerInstance } : { logger: logger ?? { level: config.logLevel } }),
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // Let requests under way finish on shutdown, but drop idle keep-alive sockets at once.
    forceCloseConnections: 'idle',
    // Fastify's own answer while closing is a plain JSON 503; ours is problem+json (below).
    return503OnClosing: false,
  });
  // Every route, recorded as it is added: the cross-tenant test checks it covers each one with an id.
  const routes: RouteEntry[] = [];
  app.decorate('routeList', routes);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url, schema: r.schema ?? {} });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  refuseWhileClosing(app);
  installTextGuard(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyCookie);
  await installSecurityHeaders(app);
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.importLimitBytes, files: 1, fields: 10 },
  });
  await app.register(authentication, {
    db,
    sessionIdleMs: config.sessionIdleMs,
    cookieSecure: config.cookieSecure,
  });
  await app.register(writeLimits, { db, limits: config.writeLimits });

  installHealth(app, db);
  installMetrics(app, { port: config.metricsPort, host: config.metricsHost, token: config.metricsToken });
  await app.register(authRoutes, { db, config });
  await app.register(directoryRoutes, { db, config });
  await app.register(auditRoutes, { db });
  await app.register(formRoutes, { db });
  await app.register(collectionRoutes, { db });
  await app.register(responseRoutes, { db });
  await app.register(monitoringRoutes, { db });
  await app.register(reviewRoutes, { db });
  await app.register(exportRoutes, { db, pool });
  await app.register(reportRoutes, { db });
  await app.register(excelRoutes, { db });
  await app.register(reminderRoutes, { db, config });
  await app.register(excelUploadRoutes, { db, config });
  if (startWorkers) {
    const worker = startExportWorker(db, app.log, {
      pollMs: config.exportPollMs,
      staleMs: config.exportStaleMs,
    });
    app.addHook('onClose', () => worker.stop());
    const maintenance = startMaintenance(db, app.log, {
      intervalMs: config.maintenanceIntervalMs,
      loginWindowMs: config.loginLimits.windowMs,
      exportTtlMs: config.exportTtlMs,
    });
    app.addHook('onClose', () => maintenance.stop());
    if (config.email) {
      const { smtpUrl, from, ...opts } = config.email;
      const email = startEmailWorker(db, smtpMailer(smtpUrl, from), app.log, opts);
      app.addHook('onClose', () => email.stop());
    }
  }
  await app.register(publicationRoutes, { db, pool });

  await serveWebPages(app);
  return app;
}

/**
 * Requests that arrive after shutdown began get 503 problem+json with Retry-After and
 * `Connection: close`, so a client (or the load balancer) tries again, on another node.
 */
function refuseWhileClosing(app: FastifyInstance) {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    throw Problem.unavailable();
  });
}

/** The built single-page app, with index.html for every non-API path so deep links work. */
async function serveWebPages(app: FastifyInstance) {
  const hasWeb = fs.existsSync(path.join(WEB_DIR, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIR, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    // Judged by the decoded path, so that `/%61pi/…` is an API address too.
    const p = routerPath(request.url);
    // A missing asset must be a 404, not index.html, or the browser reports a wrong-type script.
    const isAsset = p.startsWith('/assets/') || /\.[a-z0-9]{2,5}$/i.test(p);
    if (isApiPath(p) || !hasWeb || request.method !== 'GET' || isAsset) {
      return sendProblem(reply, Problem.notFound('Адрес не найден.'));
    }
    return reply.sendFile('index.html');
  });
}

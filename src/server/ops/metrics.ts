// Prometheus metrics: process defaults plus a request-duration histogram by route. They show every
// route, the Node.js version and sign-in failure counts, so they are never open on the application
// port: a separate listener serves them (METRICS_PORT, on METRICS_HOST, loopback by default), and
// the application port's /metrics answers 404 unless the request carries METRICS_TOKEN.
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import { operationResponses } from '../../shared/api/operations.js';
import { Problem } from '../http/problem.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where the separate metrics listener listens; null when there is none (or not yet). */
    metricsAddress: () => AddressInfo | null;
  }
}

export type MetricsOptions = {
  /** The separate listener's port (0: any free one); undefined: no listener. */
  port: number | undefined;
  host: string;
  /** Opens /metrics on the application port to `Authorization: Bearer <token>`. */
  token: string | undefined;
};

export function installMetrics(app: FastifyInstance, options: MetricsOptions) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL, keeps the label set small (no ids in labels).
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  // Registered even without a token, so that the path answers 404 rather than the web app's page.
  const scrape = { logLevel: 'warn', schema: { response: operationResponses.metrics } } as const;
  app.get('/metrics', scrape, async (request, reply) => {
    if (!bearerMatches(request.headers.authorization, options.token)) {
      throw Problem.notFound('Адрес не найден.');
    }
    reply.header('cache-control', 'no-store').type(registry.contentType);
    return registry.metrics();
  });

  const listener = options.port === undefined ? null : metricsListener(registry);
  app.decorate('metricsAddress', () => listener?.address() ?? null);
  if (listener) {
    const port = options.port as number;
    // Listens when the app becomes ready (app.listen), so a port already taken stops the start-up.
    app.addHook('onReady', () => listener.listen(port, options.host));
    app.addHook('onClose', () => listener.close());
  }
}

/** Compares digests, so that neither the token's length nor its prefix leaks through timing. */
function bearerMatches(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header?.startsWith('Bearer ')) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(header.slice('Bearer '.length)), digest(token));
}

/** A bare node:http server with one route, GET /metrics; no sessions, cookies nor logs. */
function metricsListener(registry: client.Registry) {
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics') return void response.writeHead(404).end('Not found\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return void response.writeHead(405, { allow: 'GET, HEAD' }).end();
    }
    registry.metrics().then(
      (text) => {
        response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : text);
      },
      () => response.writeHead(500).end(),
    );
  });
  return {
    listen: (port: number, host: string) =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      }),
    address: () => (server.listening ? (server.address() as AddressInfo) : null),
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        // A scraper's keep-alive connection must not hold the shutdown.
        server.closeAllConnections();
      }),
  };
}

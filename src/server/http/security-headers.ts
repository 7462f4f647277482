// Headers every answer carries for the browser's sake: the Content-Security-Policy and friends
// (helmet), a Permissions-Policy that turns off device access the portal never needs, and
// `Cache-Control: no-store` on every API answer, since most carry personal data.
import path from 'node:path';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/**
 * The path read as widely as a client might mean it: decoded, dot segments and doubled slashes
 * resolved. The router decodes too; judged by this, every spelling of `/api/…` is an API path.
 */
export function routerPath(url: string): string {
  const raw = url.split('?')[0] ?? '';
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {}
  return path.posix.normalize(decoded);
}

/** Whether a router path (above) is under /api. */
export function isApiPath(routerPath: string): boolean {
  return routerPath === '/api' || routerPath.startsWith('/api/');
}

export async function installSecurityHeaders(app: FastifyInstance) {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        'img-src': ["'self'", 'data:'],
        // helmet's defaults also allow `https:` (any site) and inline styles: the pages need neither.
        'style-src': ["'self'"],
        'font-src': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
    // HSTS only makes sense behind HTTPS, which a reverse proxy provides.
    hsts: false,
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    if (request.routeOptions.url?.startsWith('/api/') || isApiPath(routerPath(request.url))) {
      reply.header('cache-control', 'no-store');
    }
  });
}

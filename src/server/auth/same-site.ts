// Refuses writes a browser sends on behalf of another site. The CSRF token already stops them;
// this is the second lock, and it needs nothing from the page. Browsers say where a request comes
// from in Sec-Fetch-Site (all current ones) and Origin; clients that are not browsers send neither
// and are let through, since no other site can make them send anything.
import type { FastifyRequest } from 'fastify';
import { Problem } from '../http/problem.js';

// `none`: the user typed or bookmarked it. `same-site` is another origin (a sibling subdomain,
// another port): the portal has one origin, so it is refused like `cross-site`.
const ALLOWED_FETCH_SITES = new Set(['same-origin', 'none']);

export function crossSiteWrite(request: FastifyRequest): Problem | null {
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string') return ALLOWED_FETCH_SITES.has(fetchSite) ? null : refusal();
  const origin = request.headers.origin;
  if (origin === undefined) return null;
  return hostOf(origin) === withoutDefaultPort(request.host.toLowerCase()) ? null : refusal();
}

// Origin leaves out the scheme's default port; a Host header may still carry it.
function withoutDefaultPort(host: string) {
  return host.replace(/:(80|443)$/, '');
}

/** `host:port` of an Origin header, or null for `null` and anything unparsable. */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

function refusal() {
  return new Problem(
    403,
    'cross_site',
    'Запрос с другого сайта отклонён. Откройте портал по его адресу и повторите действие.',
  );
}

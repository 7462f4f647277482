// Resolves the session cookie to request.user on every API request, refuses forged writes (another
// site's request, a missing or foreign CSRF token), and offers `authorize(action)` to routes.
// Every decision here is made by the route the router matched, never by the raw URL: the router
// decodes the path (`/%61pi/…` is `/api/…`), so a test of the URL's text could be sidestepped.
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { CookieSecure } from '../config.js';
import type { Db } from '../db/connection.js';
import { Problem } from '../http/problem.js';
import type { CurrentUser } from './current-user.js';
import { type Action, can } from './policy.js';
import { crossSiteWrite } from './same-site.js';
import { resolveSession, SESSION_COOKIE } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    sessionId: string | null;
    sessionExpiresAt: Date | null;
  }
  interface FastifyContextConfig {
    /** Read the session without sliding its idle expiry (polling must not keep a session alive). */
    passiveSession?: boolean;
  }
}

export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_COOKIE = 'niko_csrf';

/** What a CSRF token is bound to: the session it was handed out in, or the signed-out state. */
function csrfOwner(request: FastifyRequest): string {
  return request.sessionId ? `session:${request.sessionId}` : 'anonymous';
}

// A CSRF token is an HMAC over the browser's secret (the HttpOnly niko_csrf cookie) and its owner
// (the session id, itself the SHA-256 of the HttpOnly session cookie). Both are secret, so the key
// need not be: it is fixed so that every server process verifies every other's tokens.
const CSRF_HMAC_KEY = 'fis-oko-niko csrf token, bound to the session';

/** Whether a cookie set in answer to this request gets `Secure` (COOKIE_SECURE). */
export function secureCookie(request: FastifyRequest, setting: CookieSecure): boolean {
  return setting === 'auto' ? request.protocol === 'https' : setting;
}

export function sessionCookieOptions(request: FastifyRequest, setting: CookieSecure, maxAgeMs?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: secureCookie(request, setting),
    ...(maxAgeMs === undefined ? {} : { maxAge: Math.round(maxAgeMs / 1000) }),
  };
}

/** The route the router matched is an API route (undefined: no route, the not-found handler). */
export function isApiRoute(request: FastifyRequest): boolean {
  return request.routeOptions.url?.startsWith('/api/') ?? false;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function authPlugin(
  app: FastifyInstance,
  opts: { db: Db; sessionIdleMs: number; cookieSecure: CookieSecure },
) {
  await app.register(fastifyCsrf, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: false },
    getToken: (req) => req.headers[CSRF_HEADER] as string | undefined,
    getUserInfo: csrfOwner,
    csrfOpts: { hmacKey: CSRF_HMAC_KEY, userInfo: true },
  });
  // Hands out a token bound to the current session (or to the signed-out state): a page must fetch
  // a new one after signing in or out.
  app.decorateReply('generateSessionCsrf', function (this: FastifyReply) {
    return this.generateCsrf({
      userInfo: csrfOwner(this.request),
      secure: secureCookie(this.request, opts.cookieSecure),
    });
  });

  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('sessionExpiresAt', null);

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || !isApiRoute(request)) return;
    const touch = !request.routeOptions.config?.passiveSession;
    const session = await resolveSession(opts.db, token, opts.sessionIdleMs, touch);
    if (session) {
      request.user = session.user;
      request.sessionId = session.sessionId;
      request.sessionExpiresAt = session.expiresAt;
    }
  });

  // Every state-changing request to any route must come from our own pages: not from another site,
  // and with the token that only our pages can read. Checked before the body is read, so that a
  // forged request learns nothing about the input a route expects.
  app.addHook('onRequest', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method) || request.routeOptions.url === undefined) return done();
    const crossSite = crossSiteWrite(request);
    if (crossSite) return done(crossSite);
    app.csrfProtection(request, reply, done);
  });
}

declare module 'fastify' {
  interface FastifyReply {
    /** A CSRF token bound to this request's session (or to the signed-out state). */
    generateSessionCsrf(): string;
  }
}

export const authentication = fp(authPlugin, { name: 'authentication', dependencies: ['@fastify/cookie'] });

/**
 * onRequest hook for a route (it runs before the body is read or validated, so a refused user
 * learns nothing about the input the route expects): the user must be signed in and the policy
 * must grant `action`.
 * A user who still has to change a one-time password may only do that.
 */
export function authorize(action: Action) {
  return guard(action, () => Problem.forbidden());
}

/**
 * The same for a route about one object (`/:id`): a role that may not act on such objects at
 * all gets 404, so that no answer ever differs between "exists elsewhere" and "does not exist".
 */
export function authorizeObject(action: Action) {
  return guard(action, () => Problem.notFound());
}

function guard(action: Action, refusal: () => Problem) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const user = request.user;
    if (!user) throw Problem.unauthorized();
    if (user.mustChangePassword && action !== 'session.use') {
      throw new Problem(
        403,
        'password_change_required',
        'Смените временный пароль, чтобы продолжить работу.',
      );
    }
    if (!can(user, action)) throw refusal();
  };
}

// Resolves the session cookie to request.user on every request, guards state-changing requests
// with a CSRF token, and offers `authorize(action)` to routes.
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/connection.js';
import { Problem } from '../http/problem.js';
import type { CurrentUser } from './current-user.js';
import { type Action, can } from './policy.js';
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
    /** Exempt from CSRF: only the route that hands out the token. */
    skipCsrf?: boolean;
  }
}

export const CSRF_HEADER = 'x-csrf-token';

export function sessionCookieOptions(request: FastifyRequest, maxAgeMs?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    ...(maxAgeMs === undefined ? {} : { maxAge: Math.round(maxAgeMs / 1000) }),
  };
}

async function authPlugin(app: FastifyInstance, opts: { db: Db; sessionIdleMs: number }) {
  await app.register(fastifyCsrf, {
    cookieKey: 'niko_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: false },
    getToken: (req) => req.headers[CSRF_HEADER] as string | undefined,
  });

  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('sessionExpiresAt', null);

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || !request.url.startsWith('/api/')) return;
    const touch = !request.routeOptions.config?.passiveSession;
    const session = await resolveSession(opts.db, token, opts.sessionIdleMs, touch);
    if (session) {
      request.user = session.user;
      request.sessionId = session.sessionId;
      request.sessionExpiresAt = session.expiresAt;
    }
  });

  // Every state-changing request must carry the token that only our own pages can read.
  app.addHook('preHandler', (request, reply, done) => {
    const safe = request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS';
    if (safe || request.routeOptions.config?.skipCsrf || !request.url.startsWith('/api/')) return done();
    app.csrfProtection(request, reply, done);
  });
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

// Sign-in (with the device cookie, device-cookies.ts), sign-out, the current session, and changing
// one's own password.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authResponses } from '../../shared/api/auth.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { contextOf } from '../http/context.js';
import { Problem } from '../http/problem.js';
import { DEVICE_COOKIE, DeviceCookies, deviceCookieOptions } from './device-cookies.js';
import { authorize, sessionCookieOptions } from './plugin.js';
import { permissionsOf } from './policy.js';
import { scopeSpansOf } from './rows/geography.js';
import { changeOwnPassword, signIn } from './service.js';
import { endSession, keepSessionAlive, SESSION_COOKIE } from './sessions.js';

const LoginBody = z.strictObject({
  login: z.string().trim().min(1, 'Введите логин.').max(64),
  password: z.string().min(1, 'Введите пароль.').max(200),
});

const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

export async function authRoutes(fastify: FastifyInstance, opts: { db: Db; config: Config }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, config } = opts;
  const devices = new DeviceCookies(db, config.deviceCookie);

  // Hands the page its CSRF token (and sets the secret cookie it is checked against).
  const csrf = { config: { passiveSession: true }, schema: { response: authResponses.csrf } };
  app.get('/api/auth/csrf', csrf, async (_request, reply) => {
    return { token: reply.generateSessionCsrf() };
  });

  const login = { schema: { body: LoginBody, response: authResponses.login } };
  app.post('/api/auth/login', login, async (request, reply) => {
    const ctx = { ...contextOf(request), userAgent: request.headers['user-agent'] ?? '' };
    const deviceCookie = request.cookies[DEVICE_COOKIE];
    const signedIn = await signIn(db, config, devices, ctx, { ...request.body, deviceCookie });
    reply.setCookie(
      SESSION_COOKIE,
      signedIn.session.token,
      sessionCookieOptions(request, config.cookieSecure),
    );
    reply.setCookie(
      DEVICE_COOKIE,
      signedIn.deviceCookie,
      deviceCookieOptions(request, config.cookieSecure, config.deviceCookie.maxAgeMs),
    );
    return { ok: true };
  });

  app.post('/api/auth/logout', { schema: { response: authResponses.logout } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await endSession(db, token);
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request, config.cookieSecure));
    return { ok: true };
  });

  // The signed-in user, with the idle deadline. Polling it does not extend the session.
  const session = { config: { passiveSession: true }, schema: { response: authResponses.session } };
  app.get('/api/auth/session', session, async (request) => {
    const user = request.user;
    if (!user) throw Problem.unauthorized();
    return {
      user,
      permissions: permissionsOf(user),
      scopeSpans: scopeSpansOf(user),
      expiresAt: request.sessionExpiresAt?.toISOString(),
      idleTimeoutSeconds: Math.round(config.sessionIdleMs / 1000),
    };
  });

  // «Продолжить работу» in the idle warning: slides the expiry at once.
  const keepalive = { onRequest: authorize('session.use'), schema: { response: authResponses.keepalive } };
  app.post('/api/auth/keepalive', keepalive, async (request) => {
    return keepSessionAlive(db, request.sessionId ?? '', config.sessionIdleMs);
  });

  app.post(
    '/api/auth/password',
    {
      onRequest: authorize('session.use'),
      schema: { body: ChangePasswordBody, response: authResponses.password },
    },
    async (request) => {
      await changeOwnPassword(db, config, contextOf(request), request.sessionId ?? '', request.body);
      return { ok: true };
    },
  );
}

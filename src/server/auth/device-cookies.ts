// OWASP's device cookies ("Slow Down Online Guessing Attacks with Device Cookies"): after a
// successful sign-in the browser gets a cookie that names the login, signed with the server's
// secret. A sign-in that carries a valid one for its login comes from a browser its owner has used,
// and is limited per cookie, not by the lockout that strangers' failures put on the login
// (login-limits.ts). Nothing about it is stored: the signature is the proof.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Config, CookieSecure } from '../config.js';
import type { Db } from '../db/connection.js';
import { sessionCookieOptions } from './plugin.js';
import { ensureServerSecret } from './secret-queries.js';

export const DEVICE_COOKIE = 'niko_device';
// Sent with sign-ins only, never from another site's page.
const DEVICE_COOKIE_PATH = '/api/auth/login';

export function deviceCookieOptions(request: FastifyRequest, secure: CookieSecure, maxAgeMs: number) {
  return {
    ...sessionCookieOptions(request, secure, maxAgeMs),
    path: DEVICE_COOKIE_PATH,
    sameSite: 'strict' as const,
  };
}

/** Issues and checks device cookies: `base64url(login).nonce.expiresAtSeconds.hmac`. */
export class DeviceCookies {
  private key: Promise<Buffer> | undefined;

  constructor(
    private readonly db: Db,
    private readonly settings: Config['deviceCookie'],
  ) {}

  async issue(login: string): Promise<string> {
    const expires = Math.floor((Date.now() + this.settings.maxAgeMs) / 1000);
    const payload = `${Buffer.from(login).toString('base64url')}.${randomBytes(16).toString('base64url')}.${expires}`;
    return `${payload}.${(await this.sign(payload)).toString('base64url')}`;
  }

  /**
   * The cookie's nonce (the key of its own attempt bucket) when it is one of ours, unexpired and
   * issued to `login`; otherwise undefined, and the client is a stranger.
   */
  async nonceFor(cookie: string | undefined, login: string): Promise<string | undefined> {
    const parts = cookie?.split('.') ?? [];
    if (parts.length !== 4) return undefined;
    const [loginPart = '', nonce = '', expires = '', mac = ''] = parts;
    const expected = await this.sign(`${loginPart}.${nonce}.${expires}`);
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    if (Buffer.from(loginPart, 'base64url').toString() !== login) return undefined;
    if (!(Number(expires) * 1000 > Date.now())) return undefined;
    return nonce;
  }

  private async sign(payload: string): Promise<Buffer> {
    return createHmac('sha256', await this.secret())
      .update(payload)
      .digest();
  }

  private secret(): Promise<Buffer> {
    if (!this.key) {
      this.key = this.loadSecret();
      // A failed read (the database away) is tried again by the next sign-in.
      this.key.catch(() => {
        this.key = undefined;
      });
    }
    return this.key;
  }

  /** DEVICE_COOKIE_SECRET, or else the one generated once and kept in the database for every process. */
  private async loadSecret(): Promise<Buffer> {
    if (this.settings.secret) return Buffer.from(this.settings.secret);
    return Buffer.from(
      await ensureServerSecret(this.db, 'device_cookie', randomBytes(32).toString('base64url')),
    );
  }
}

// What the auth endpoints answer (src/server/auth/routes.ts, docs/API.md "Auth").
import { z } from 'zod';
import { ACTIONS } from '../permissions.js';
import { ROLES } from '../roles.js';
import type { SessionUser as SessionUserType } from '../session-user.js';
import { Ok, responses, Timestamp, type Wire } from './common.js';

export const CsrfToken = z.object({ token: z.string() });

const SessionUser = z.object({
  id: z.number(),
  login: z.string(),
  role: z.enum(ROLES),
  fullName: z.string(),
  mustChangePassword: z.boolean(),
  regionCode: z.string().nullable(),
  municipalityId: z.number().nullable(),
  organizationId: z.number().nullable(),
  regionTimezone: z.string().nullable(),
  scopeName: z.string(),
}) satisfies z.ZodType<SessionUserType>;

/**
 * The session's idle deadline. The route's type has it optional, but the auth plugin sets it with
 * the user, and the route answers 401 without one: the answer always carries it (the serializer
 * would fail the request otherwise), so the browser may count on it.
 */
const SessionDeadline = z.codec(z.string(), z.union([z.date(), z.string()]).optional(), {
  decode: (s) => s,
  // Without a deadline `undefined` reaches z.string() and the request fails, as it should.
  encode: (v) => (v instanceof Date ? v.toISOString() : (v as string)),
});

/** GET /api/auth/session */
export const Session = z.object({
  user: SessionUser,
  /** `can()` of the server's policy for every action it grants this user. */
  permissions: z.array(z.enum(ACTIONS)).readonly(),
  /** Whether the user's scope spans several regions, or several municipalities: lists offer those filters then. */
  scopeSpans: z.object({ regions: z.boolean(), municipalities: z.boolean() }),
  expiresAt: SessionDeadline,
  idleTimeoutSeconds: z.number(),
});
export type Session = Wire<typeof Session>;

/** POST /api/auth/keepalive */
export const KeepAlive = z.object({ expiresAt: Timestamp });
export type KeepAlive = Wire<typeof KeepAlive>;

export const authResponses = {
  csrf: responses({ 200: CsrfToken }),
  login: responses({ 200: Ok }),
  logout: responses({ 200: Ok }),
  session: responses({ 200: Session }),
  keepalive: responses({ 200: KeepAlive }),
  password: responses({ 200: Ok }),
};

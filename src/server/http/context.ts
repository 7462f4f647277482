// What a service needs to know about the request it serves: who and from where. Transactions
// are opened by db/transaction.ts.
import type { FastifyRequest } from 'fastify';
import type { CurrentUser } from '../auth/current-user.js';
import { Problem } from './problem.js';

export type RequestContext = {
  user: CurrentUser | null;
  ip: string;
  requestId: string;
};

export function contextOf(request: FastifyRequest): RequestContext {
  return { user: request.user ?? null, ip: request.ip, requestId: String(request.id) };
}

/** The signed-in user; routes behind `authorize` always have one. */
export function userOf(ctx: RequestContext) {
  if (!ctx.user) throw Problem.unauthorized();
  return ctx.user;
}

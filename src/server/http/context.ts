// What a service needs to know about the request it serves: who, from where, and the database
// (or the transaction it runs in).
import type { FastifyRequest } from 'fastify';
import type { CurrentUser } from '../auth/current-user.js';
import type { Db } from '../db/connection.js';
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

/** Every write request runs in one transaction: all of it lands, or none of it. */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute((tx) => work(tx as unknown as Db));
}

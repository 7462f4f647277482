// Accounts: list and read within scope; create and edit for the federal operator; password
// resets for whoever the policy allows.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { directoryResponses } from '../../../shared/api/directory.js';
import { ROLES } from '../../../shared/roles.js';
import { authorize, authorizeObject } from '../../auth/plugin.js';
import type { Db } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { contextOf } from '../../http/context.js';
import { BooleanQuery, PagingQuery, paged, pageWindow } from '../../http/paging.js';
import { DbIdNumber, IdParams } from '../../http/params.js';
import { createUser, editUser, resetPassword, userDetails, usersPage } from './service.js';

const Email = z.union([z.literal(''), z.email('Неверный адрес электронной почты.').max(254)]);

const ListQuery = z.strictObject({
  q: z.string().max(100).optional(),
  role: z.enum(ROLES).optional(),
  regionCode: z
    .string()
    .regex(/^[0-9]{2}$/)
    .optional(),
  active: BooleanQuery.optional(),
  ...PagingQuery,
});

const CreateBody = z.strictObject({
  login: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_.-]{2,64}$/, 'Логин: от 2 до 64 латинских букв, цифр или знаков _ . -'),
  role: z.enum(ROLES),
  fullName: z.string().trim().max(300).default(''),
  email: Email.default(''),
  regionCode: z
    .string()
    .regex(/^[0-9]{2}$/)
    .optional(),
  municipalityId: DbIdNumber.optional(),
  organizationId: DbIdNumber.optional(),
});

const PatchBody = z
  .strictObject({ fullName: z.string().trim().max(300), email: Email, isActive: z.boolean() })
  .partial();

export async function userRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;

  app.get(
    '/api/users',
    {
      onRequest: authorize('directory.read'),
      schema: { querystring: ListQuery, response: directoryResponses.users },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const r = await usersPage(db, contextOf(request), filter, pageWindow(request.query));
      return paged(r.rows, r.total, { page, pageSize });
    },
  );

  app.get(
    '/api/users/:id',
    {
      onRequest: authorizeObject('directory.read'),
      schema: { params: IdParams, response: directoryResponses.user },
    },
    async (request) => {
      return userDetails(db, contextOf(request), request.params.id);
    },
  );

  app.post(
    '/api/users',
    {
      onRequest: authorize('directory.write'),
      schema: { body: CreateBody, response: directoryResponses.userCreated },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const created = await inTransaction(db, (tx) => createUser(tx, ctx, request.body));
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      onRequest: authorizeObject('directory.write'),
      schema: { params: IdParams, body: PatchBody, response: directoryResponses.user },
    },
    async (request) => {
      const ctx = contextOf(request);
      await inTransaction(db, (tx) => editUser(tx, ctx, request.params.id, request.body));
      return userDetails(db, ctx, request.params.id);
    },
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      onRequest: authorizeObject('users.resetPassword'),
      schema: { params: IdParams, response: directoryResponses.passwordReset },
    },
    async (request) => {
      const ctx = contextOf(request);
      return inTransaction(db, (tx) => resetPassword(tx, ctx, request.params.id));
    },
  );
}

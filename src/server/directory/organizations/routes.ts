// Organizations: list and read within scope; create and edit for the federal operator.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { directoryResponses } from '../../../shared/api/directory.js';
import { ORGANIZATION_KINDS } from '../../../shared/roles.js';
import { authorize, authorizeObject } from '../../auth/plugin.js';
import type { Db } from '../../db/connection.js';
import { inTransaction } from '../../db/transaction.js';
import { contextOf } from '../../http/context.js';
import { BooleanQuery, PagingQuery, paged, pageWindow } from '../../http/paging.js';
import { DbId, DbIdNumber, IdParams } from '../../http/params.js';
import { createOrganization, editOrganization, organizationDetails, organizationsPage } from './service.js';

const Name = (max: number) => z.string().trim().min(1).max(max);

const ListQuery = z.strictObject({
  q: z.string().max(100).optional(),
  regionCode: z
    .string()
    .regex(/^[0-9]{2}$/)
    .optional(),
  municipalityId: DbId.optional(),
  kind: z.enum(ORGANIZATION_KINDS).optional(),
  active: BooleanQuery.optional(),
  ...PagingQuery,
});

const CreateBody = z.strictObject({
  code: z.string().regex(/^[0-9]{6}$/, 'Код организации — 6 цифр: код региона и 4 цифры.'),
  shortName: Name(300),
  fullName: Name(1000),
  kind: z.enum(ORGANIZATION_KINDS),
  municipalityId: DbIdNumber,
});

const PatchBody = z
  .strictObject({
    shortName: Name(300),
    fullName: Name(1000),
    kind: z.enum(ORGANIZATION_KINDS),
    municipalityId: DbIdNumber,
    isActive: z.boolean(),
  })
  .partial();

export async function organizationRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;

  app.get(
    '/api/organizations',
    {
      onRequest: authorize('directory.read'),
      schema: { querystring: ListQuery, response: directoryResponses.organizations },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const r = await organizationsPage(db, contextOf(request), filter, pageWindow(request.query));
      return paged(r.rows, r.total, { page, pageSize });
    },
  );

  app.get(
    '/api/organizations/:id',
    {
      onRequest: authorizeObject('directory.read'),
      schema: { params: IdParams, response: directoryResponses.organization },
    },
    async (request) => organizationDetails(db, contextOf(request), request.params.id),
  );

  app.post(
    '/api/organizations',
    {
      onRequest: authorize('directory.write'),
      schema: { body: CreateBody, response: directoryResponses.organizationCreated },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const created = await inTransaction(db, (tx) => createOrganization(tx, ctx, request.body));
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/organizations/:id',
    {
      onRequest: authorizeObject('directory.write'),
      schema: { params: IdParams, body: PatchBody, response: directoryResponses.organization },
    },
    async (request) => {
      const ctx = contextOf(request);
      await inTransaction(db, (tx) => editOrganization(tx, ctx, request.params.id, request.body));
      return organizationDetails(db, ctx, request.params.id);
    },
  );
}

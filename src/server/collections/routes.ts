// Collections: the operator runs them; everyone else sees the ones they take part in or watch.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { collectionResponses } from '../../shared/api/collections.js';
import { ORGANIZATION_KINDS } from '../../shared/roles.js';
import { authorize, authorizeObject } from '../auth/plugin.js';
import type { Db } from '../db/connection.js';
import { inTransaction } from '../db/transaction.js';
import { contextOf } from '../http/context.js';
import { DbIdNumber, IdParams } from '../http/params.js';
import {
  addCollectionParticipants,
  closeCollection,
  collectionDetails,
  collectionList,
  createCollection,
  editCollection,
  reopenCollection,
} from './service.js';

const Instant = z.iso
  .datetime({ offset: true, message: 'Укажите момент времени в формате ISO 8601.' })
  .transform((s) => new Date(s));

const Participants = z
  .strictObject({
    regionCodes: z
      .array(z.string().regex(/^[0-9]{2}$/))
      .max(100)
      .optional(),
    kinds: z.array(z.enum(ORGANIZATION_KINDS)).max(3).optional(),
    codes: z
      .array(z.string().regex(/^[0-9]{6}$/, 'Код организации — 6 цифр.'))
      .max(100_000)
      .optional(),
  })
  .refine((p) => !(p.codes?.length && (p.regionCodes?.length || p.kinds?.length)), {
    message: 'Выберите участников либо по фильтрам, либо списком кодов.',
  });

const CreateBody = z.strictObject({
  title: z.string().trim().min(1).max(300),
  formVersionId: DbIdNumber,
  startsAt: Instant,
  endsAt: Instant,
  participants: Participants,
});

export async function collectionRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;
  const manageOne = authorizeObject('collections.manage');

  const list = { onRequest: authorize('niko.read'), schema: { response: collectionResponses.list } };
  app.get('/api/collections', list, async (request) => ({
    rows: await collectionList(db, contextOf(request)),
  }));

  app.get(
    '/api/collections/:id',
    {
      onRequest: authorizeObject('niko.read'),
      schema: { params: IdParams, response: collectionResponses.one },
    },
    async (request) => {
      return collectionDetails(db, contextOf(request), request.params.id);
    },
  );

  app.post(
    '/api/collections',
    {
      onRequest: authorize('collections.manage'),
      schema: { body: CreateBody, response: collectionResponses.created },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const created = await inTransaction(db, (tx) => createCollection(tx, ctx, request.body));
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/collections/:id',
    {
      onRequest: manageOne,
      schema: {
        params: IdParams,
        body: z.strictObject({ title: z.string().trim().min(1).max(300), endsAt: Instant }).partial(),
        response: collectionResponses.one,
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      await inTransaction(db, (tx) => editCollection(tx, ctx, request.params.id, request.body));
      return collectionDetails(db, ctx, request.params.id);
    },
  );

  app.post(
    '/api/collections/:id/close',
    { onRequest: manageOne, schema: { params: IdParams, response: collectionResponses.one } },
    async (request) => {
      const ctx = contextOf(request);
      await inTransaction(db, (tx) => closeCollection(tx, ctx, request.params.id));
      return collectionDetails(db, ctx, request.params.id);
    },
  );

  app.post(
    '/api/collections/:id/reopen',
    {
      onRequest: manageOne,
      schema: {
        params: IdParams,
        body: z.strictObject({ endsAt: Instant.optional() }),
        response: collectionResponses.one,
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      await inTransaction(db, (tx) => reopenCollection(tx, ctx, request.params.id, request.body.endsAt));
      return collectionDetails(db, ctx, request.params.id);
    },
  );

  app.post(
    '/api/collections/:id/participants',
    {
      onRequest: manageOne,
      schema: { params: IdParams, body: Participants, response: collectionResponses.participantsAdded },
    },
    async (request) => {
      const ctx = contextOf(request);
      return inTransaction(db, (tx) => addCollectionParticipants(tx, ctx, request.params.id, request.body));
    },
  );
}

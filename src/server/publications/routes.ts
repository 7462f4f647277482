// Publications of section «НИКО»: every role reads those meant for it; the federal operator
// writes them and attaches files. Object routes answer 404 for a publication outside the
// reader's audience, exactly as for one that does not exist.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { publicationResponses } from '../../shared/api/publications.js';
import { PublicationCreate, PublicationFields, PublicationPatch } from '../../shared/publications.js';
import { authorize, authorizeObject } from '../auth/plugin.js';
import type { Db } from '../db/connection.js';
import { inTransaction } from '../db/transaction.js';
import { contextOf } from '../http/context.js';
import { PagingQuery, paged, pageWindow } from '../http/paging.js';
import { DbId, IdParams } from '../http/params.js';
import { databaseFileStore } from '../storage/database-store.js';
import type { FileStore } from '../storage/file-store.js';
import { attachmentDisposition } from './file-names.js';
import {
  discardAttachment,
  openDownload,
  publishAttachment,
  removeAttachment,
  storeAttachment,
} from './file-service.js';
import { renderMarkdown } from './markdown.js';
import {
  createPublication,
  editPublication,
  publicationDetails,
  publicationList,
  removePublication,
} from './service.js';
import { receiveUpload } from './upload.js';

const FileId = z.strictObject({ id: DbId, fileId: DbId });
const ListQuery = z.strictObject({ q: z.string().trim().max(300).optional(), ...PagingQuery });
const PreviewBody = z.strictObject({ bodyMarkdown: PublicationFields.bodyMarkdown });

export async function publicationRoutes(
  fastify: FastifyInstance,
  opts: { db: Db; pool: pg.Pool; store?: FileStore },
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;
  const store = opts.store ?? databaseFileStore(db, opts.pool);

  app.get(
    '/api/publications',
    {
      onRequest: authorize('publications.read'),
      schema: { querystring: ListQuery, response: publicationResponses.list },
    },
    async (request) => {
      const { page, pageSize, q } = request.query;
      const r = await publicationList(db, contextOf(request), { q }, pageWindow(request.query));
      return paged(r.rows, r.total, { page, pageSize });
    },
  );

  app.get(
    '/api/publications/:id',
    {
      onRequest: authorizeObject('publications.read'),
      schema: { params: IdParams, response: publicationResponses.one },
    },
    async (request) => publicationDetails(db, contextOf(request), request.params.id),
  );

  app.post(
    '/api/publications/preview',
    {
      onRequest: authorize('publications.write'),
      schema: { body: PreviewBody, response: publicationResponses.preview },
    },
    async (request) => ({ html: renderMarkdown(request.body.bodyMarkdown) }),
  );

  app.post(
    '/api/publications',
    {
      onRequest: authorize('publications.write'),
      schema: { body: PublicationCreate, response: publicationResponses.created },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const id = await inTransaction(db, (tx) => createPublication(tx, ctx, request.body));
      return reply.status(201).send(await publicationDetails(db, ctx, id));
    },
  );

  app.patch(
    '/api/publications/:id',
    {
      onRequest: authorizeObject('publications.write'),
      schema: { params: IdParams, body: PublicationPatch, response: publicationResponses.one },
    },
    async (request) => {
      const ctx = contextOf(request);
      await inTransaction(db, (tx) => editPublication(tx, ctx, request.params.id, request.body));
      return publicationDetails(db, ctx, request.params.id);
    },
  );

  app.delete(
    '/api/publications/:id',
    {
      onRequest: authorizeObject('publications.write'),
      schema: { params: IdParams, response: publicationResponses.removed },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      await inTransaction(db, (tx) => removePublication(tx, ctx, request.params.id));
      return reply.status(204).send();
    },
  );

  // One file per request, so that the browser can show each file's progress.
  app.post(
    '/api/publications/:id/files',
    {
      onRequest: authorizeObject('publications.write'),
      schema: { params: IdParams, response: publicationResponses.fileAdded },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const { id } = request.params;
      await publicationDetails(db, ctx, id); // 404 before a byte of the upload is read
      const stored = await receiveUpload(
        request,
        (file) => storeAttachment(db, store, id, file),
        (file) => discardAttachment(db, store, file),
      );
      return reply.status(201).send(await publishAttachment(db, ctx, id, stored));
    },
  );

  app.get(
    '/api/publications/:id/files/:fileId',
    {
      onRequest: authorizeObject('publications.read'),
      schema: { params: FileId, response: publicationResponses.file },
      // A HEAD would run the download (audit entry, database reads) only to drop the body.
      exposeHeadRoute: false,
    },
    async (request, reply) => {
      const { id, fileId } = request.params;
      const { file, body } = await openDownload(db, store, contextOf(request), id, fileId);
      return reply
        .header('content-type', file.contentType)
        .header('content-length', String(file.sizeBytes))
        .header('content-disposition', attachmentDisposition(file.name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );

  app.delete(
    '/api/publications/:id/files/:fileId',
    {
      onRequest: authorizeObject('publications.write'),
      schema: { params: FileId, response: publicationResponses.removed },
    },
    async (request, reply) => {
      const { id, fileId } = request.params;
      await inTransaction(db, (tx) => removeAttachment(tx, contextOf(request), id, fileId));
      return reply.status(204).send();
    },
  );
}

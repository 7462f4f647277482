// Forms: the published JSON Schema of a definition, and the operator's designer endpoints.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formResponses } from '../../shared/api/forms.js';
import { checkDefinition } from '../../shared/forms/check-definition.js';
import { FormDefinitionSchema } from '../../shared/forms/definition.js';
import { authorize, authorizeObject } from '../auth/plugin.js';
import type { Db } from '../db/connection.js';
import { inTransaction } from '../db/transaction.js';
import { contextOf } from '../http/context.js';
import { IdParams } from '../http/params.js';
import { addVersion, createForm, editVersion, formList, versionDetails } from './service.js';

const DefinitionBody = z.strictObject({ definition: z.unknown() });
// Computed once: the schema does not change while the process runs.
const JSON_SCHEMA = z.toJSONSchema(FormDefinitionSchema, { io: 'input' });

export async function formRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;
  const manage = authorize('forms.manage');

  const schemaDocument = {
    onRequest: authorize('session.use'),
    schema: { response: formResponses.jsonSchema },
  };
  app.get('/api/forms/schema.json', schemaDocument, async () => JSON_SCHEMA);

  const list = { onRequest: manage, schema: { response: formResponses.list } };
  app.get('/api/forms', list, async () => ({ rows: await formList(db) }));

  // The designer checks a definition as the operator builds or uploads it, without storing it.
  const check = { onRequest: manage, schema: { body: DefinitionBody, response: formResponses.check } };
  app.post('/api/forms/check', check, async (request) => {
    const v = checkDefinition(request.body.definition);
    return v.ok ? { ok: true, errors: [] } : { ok: false, errors: v.errors };
  });

  const create = { onRequest: manage, schema: { body: DefinitionBody, response: formResponses.saved } };
  app.post('/api/forms', create, async (request, reply) => {
    const ctx = contextOf(request);
    const created = await inTransaction(db, (tx) => createForm(tx, ctx, request.body.definition));
    return reply.status(201).send(created);
  });

  app.post(
    '/api/forms/:id/versions',
    {
      onRequest: authorizeObject('forms.manage'),
      schema: { params: IdParams, body: DefinitionBody, response: formResponses.saved },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const created = await inTransaction(db, (tx) =>
        addVersion(tx, ctx, request.params.id, request.body.definition),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/form-versions/:id',
    {
      onRequest: authorizeObject('forms.manage'),
      schema: { params: IdParams, response: formResponses.version },
    },
    async (request) => versionDetails(db, request.params.id),
  );

  app.get(
    '/api/form-versions/:id/download',
    {
      onRequest: authorizeObject('forms.manage'),
      schema: { params: IdParams, response: formResponses.download },
    },
    async (request, reply) => {
      const v = await versionDetails(db, request.params.id);
      reply.header('content-disposition', `attachment; filename="form-${v.formId}-v${v.version}.json"`);
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(v.definition, null, 2));
    },
  );

  app.put(
    '/api/form-versions/:id',
    {
      onRequest: authorizeObject('forms.manage'),
      schema: { params: IdParams, body: DefinitionBody, response: formResponses.version },
    },
    async (request) => {
      const ctx = contextOf(request);
      await inTransaction(db, (tx) => editVersion(tx, ctx, request.params.id, request.body.definition));
      return versionDetails(db, request.params.id);
    },
  );
}

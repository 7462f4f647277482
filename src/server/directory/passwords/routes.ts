// «Выдать пароли»: a coordinator counts, then issues, one-time passwords for organizations' accounts
// in its territory. The issue answers the only copy of the passwords, as a zip.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { passwordResponses } from '../../../shared/api/passwords.js';
import { authorize } from '../../auth/plugin.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connection.js';
import { contextOf } from '../../http/context.js';
import { DbIdNumber } from '../../http/params.js';
import { attachmentDisposition } from '../../publications/file-names.js';
import { countOneTimePasswords, issueOneTimePasswords, MAX_ACCOUNTS_PER_ISSUE } from './service.js';

const ChosenOrganizations = z.strictObject({
  mode: z.literal('organizations'),
  organizationIds: z
    .array(DbIdNumber)
    .min(1, 'Выберите хотя бы одну организацию.')
    .max(MAX_ACCOUNTS_PER_ISSUE, `Не больше ${MAX_ACCOUNTS_PER_ISSUE} организаций за один раз.`),
});
const NeverSignedIn = z.strictObject({
  mode: z.literal('neverSignedIn'),
  regionCode: z
    .string()
    .regex(/^[0-9]{2}$/, 'Код региона: две цифры.')
    .optional(),
  municipalityId: DbIdNumber.optional(),
});
const Selection = z.discriminatedUnion('mode', [ChosenOrganizations, NeverSignedIn]);

/** The count the coordinator confirmed («N паролей будут заменены»). */
const confirmed = { expectedAccounts: z.number().int().min(1).max(MAX_ACCOUNTS_PER_ISSUE) };
const IssueBody = z.discriminatedUnion('mode', [
  ChosenOrganizations.extend(confirmed),
  NeverSignedIn.extend(confirmed),
]);

/** The address printed on the sheets: PUBLIC_URL, or the one this request came to. */
function portalUrl(config: Config, request: FastifyRequest) {
  return config.publicUrl ?? `${request.protocol}://${request.host}`;
}

export async function passwordRoutes(fastify: FastifyInstance, opts: { db: Db; config: Config }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, config } = opts;

  app.post(
    '/api/one-time-passwords/count',
    {
      onRequest: authorize('users.issuePasswords'),
      schema: { body: Selection, response: passwordResponses.count },
    },
    async (request) => countOneTimePasswords(db, contextOf(request), request.body),
  );

  app.post(
    '/api/one-time-passwords',
    {
      onRequest: authorize('users.issuePasswords'),
      schema: { body: IssueBody, response: passwordResponses.issue },
    },
    async (request, reply) => {
      const issued = await issueOneTimePasswords(
        db,
        contextOf(request),
        request.body,
        portalUrl(config, request),
      );
      return reply
        .type('application/zip')
        .header('content-disposition', attachmentDisposition(issued.fileName))
        .header('cache-control', 'private, no-store')
        .header('x-issued-accounts', String(issued.accounts))
        .send(Buffer.from(issued.bytes));
    },
  );
}

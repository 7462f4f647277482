// Import of organizations and users from CSV or XLSX (federal operator). See docs/IMPORT.md.
// The routes only read the request; service.ts does the work.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { directoryResponses } from '../../../shared/api/directory.js';
import { authorize } from '../../auth/plugin.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connection.js';
import { contextOf } from '../../http/context.js';
import { readUpload } from './multipart.js';
import { type ImportSubject, runImport } from './service.js';
import { TEMPLATE_TYPES, type TemplateFormat, template } from './templates.js';

const SUBJECTS: ImportSubject[] = ['organizations', 'users'];
const FORMATS: TemplateFormat[] = ['csv', 'xlsx'];

export async function importRoutes(fastify: FastifyInstance, opts: { db: Db; config: Config }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, config } = opts;

  for (const subject of SUBJECTS) {
    for (const format of FORMATS) {
      app.get(
        `/api/import/${subject}/template.${format}`,
        {
          onRequest: authorize('directory.write'),
          schema: { response: directoryResponses.importTemplate(format) },
        },
        async (_request, reply) => {
          const body = await template(subject, format);
          return reply
            .type(TEMPLATE_TYPES[format])
            .header('content-disposition', `attachment; filename="import-${subject}.${format}"`)
            .send(body);
        },
      );
    }

    app.post(
      `/api/import/${subject}`,
      { onRequest: authorize('directory.write'), schema: { response: directoryResponses.import } },
      async (request, reply) => {
        const upload = await readUpload(request, config.importLimitBytes);
        // The answer may carry one-time passwords: no cache may keep it.
        reply.header('cache-control', 'no-store');
        return runImport(db, contextOf(request), subject, upload, config.importLimits);
      },
    );
  }
}

// Regions and municipalities: read-only lists within the viewer's scope.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { directoryResponses } from '../../../shared/api/directory.js';
import { authorize, authorizeObject } from '../../auth/plugin.js';
import type { Db } from '../../db/connection.js';
import { contextOf } from '../../http/context.js';
import { PagingQuery, paged, pageWindow } from '../../http/paging.js';
import { IdParams } from '../../http/params.js';
import { municipalitiesPage, municipalityDetails, regionDetails, regionList } from './service.js';

const RegionCode = z.string().regex(/^[0-9]{2}$/, 'Код региона — две цифры.');

export async function geographyRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;
  const read = { onRequest: authorize('directory.read') };
  const readOne = { onRequest: authorizeObject('directory.read') };

  app.get('/api/regions', { ...read, schema: { response: directoryResponses.regions } }, async (request) => {
    return { rows: await regionList(db, contextOf(request)) };
  });

  app.get(
    '/api/regions/:code',
    {
      ...readOne,
      schema: {
        params: z.strictObject({ code: z.string().max(10) }),
        response: directoryResponses.region,
      },
    },
    async (request) => {
      const code = RegionCode.safeParse(request.params.code);
      return regionDetails(db, contextOf(request), code.success ? code.data : undefined);
    },
  );

  app.get(
    '/api/municipalities',
    {
      ...read,
      schema: {
        querystring: z.strictObject({
          regionCode: RegionCode.optional(),
          q: z.string().max(100).optional(),
          ...PagingQuery,
        }),
        response: directoryResponses.municipalities,
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const result = await municipalitiesPage(db, contextOf(request), filter, pageWindow(request.query));
      return paged(result.rows, result.total, { page, pageSize });
    },
  );

  app.get(
    '/api/municipalities/:id',
    { ...readOne, schema: { params: IdParams, response: directoryResponses.municipality } },
    async (request) => municipalityDetails(db, contextOf(request), request.params.id),
  );
}

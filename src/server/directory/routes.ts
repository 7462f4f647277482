// The directory's routes: geography, organizations, users and imports, each in its own folder.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { importRoutes } from './import/routes.js';

export async function directoryRoutes(fastify: FastifyInstance, opts: { db: Db; config: Config }) {
  await fastify.register(importRoutes, opts);
}

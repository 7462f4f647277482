// The directory's routes: geography, organizations, users, imports and one-time passwords, each in
// its own folder.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { geographyRoutes } from './geography/routes.js';
import { importRoutes } from './import/routes.js';
import { organizationRoutes } from './organizations/routes.js';
import { passwordRoutes } from './passwords/routes.js';
import { userRoutes } from './users/routes.js';

export async function directoryRoutes(fastify: FastifyInstance, opts: { db: Db; config: Config }) {
  await fastify.register(geographyRoutes, opts);
  await fastify.register(organizationRoutes, opts);
  await fastify.register(userRoutes, opts);
  await fastify.register(importRoutes, opts);
  await fastify.register(passwordRoutes, opts);
}

// The directory's routes: geography, organizations, users and imports, each in its own folder.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';

export async function directoryRoutes(_fastify: FastifyInstance, _opts: { db: Db; config: Config }) {}

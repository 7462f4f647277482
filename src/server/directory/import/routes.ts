// Import of organizations and users from CSV or XLSX (federal operator). See docs/IMPORT.md.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connection.js';

export async function importRoutes(_fastify: FastifyInstance, _opts: { db: Db; config: Config }) {}

// The typed contract of every answer (src/shared/api): each route declares its response schemas,
// the server serializes through them (so a field no schema names never leaves it), and docs/API.md
// lists every route.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { fileContentType, isNoContent } from '../src/shared/api/common.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { isWebFile } from './support/web-files.js';

let database: TestDatabase;
let app: FastifyInstance;

// The same user the real GET /api/users/:id answers with, plus what a careless query might add.
const LEAKY_USER = {
  id: 7,
  login: 'reg77',
  role: 'regional',
  fullName: 'Координатор',
  email: '',
  isActive: true,
  mustChangePassword: false,
  regionCode: '77',
  municipalityId: null,
  organizationId: null,
  organizationCode: null,
  organizationName: null,
  municipalityCode: null,
  municipalityName: null,
  scopeRegionCode: '77',
  canResetPassword: false,
  passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    db: database.db,
    pool: database.pool,
    logger: false,
    startWorkers: false,
  });
  // A probe answering through the very response schema the real route declares, with the app's
  // own serializer: it stands for a route whose query selects one column too many.
  const real = app.routeList.find((r) => r.method === 'GET' && r.url === '/api/users/:id');
  app.get('/contract-probe/leaky-user', { schema: { response: real?.schema.response } }, async () => ({
    ...LEAKY_USER,
  }));
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

// The built web pages (present once `npm run build` has run) are files, not API answers.
const apiRoutes = () =>
  app.routeList.filter(
    (r) => r.method !== 'HEAD' && !isWebFile(r.url) && !r.url.startsWith('/contract-probe/'),
  );

describe('serialization through the response schemas', () => {
  it('drops a field that no schema names, and keeps the others', async () => {
    const res = await app.inject({ method: 'GET', url: '/contract-probe/leaky-user' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).not.toHaveProperty('passwordHash');
    expect(res.body).not.toContain('argon2');
    const { passwordHash: _, ...declared } = LEAKY_USER;
    expect(body).toEqual(declared);
  });
});

describe('every route declares its answers', () => {
  it('has a response schema with a success status, each a Zod schema', () => {
    const missing: string[] = [];
    for (const r of apiRoutes()) {
      const response = (r.schema.response ?? {}) as Record<string, unknown>;
      const success = Object.keys(response).filter((s) => /^2\d\d$/.test(s));
      const allZod = Object.values(response).every((s) => s instanceof z.ZodType);
      if (success.length === 0 || !allZod) missing.push(`${r.method} ${r.url}`);
    }
    expect(missing, 'routes without a typed response').toEqual([]);
  });

  it('marks the routes that send files, and nothing else, as files', () => {
    const files = apiRoutes()
      .filter((r) => {
        const response = (r.schema.response ?? {}) as Record<string, unknown>;
        return Object.values(response).some((s) => fileContentType(s) !== undefined);
      })
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(files).toEqual(
      [
        'GET /api/exports/:id/download',
        'GET /api/form-versions/:id/download',
        'GET /api/form-versions/:id/template.xlsx',
        'GET /api/import/organizations/template.csv',
        'GET /api/import/organizations/template.xlsx',
        'GET /api/import/users/template.csv',
        'GET /api/import/users/template.xlsx',
        'GET /api/publications/:id/files/:fileId',
        'GET /api/responses/:id/report.pdf',
        'GET /api/responses/:id/form.xlsx',
        'GET /api/monitoring/collections/:id/reports.pdf',
        'GET /api/monitoring/collections/:id/reports.zip',
        'POST /api/one-time-passwords',
        'GET /metrics',
      ].sort(),
    );
  });

  it('answers 204 with no body where it says so', () => {
    const noContent = apiRoutes()
      .filter((r) => isNoContent((r.schema.response as Record<string, unknown> | undefined)?.[204]))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(noContent).toEqual(['DELETE /api/publications/:id', 'DELETE /api/publications/:id/files/:fileId']);
  });

  it('answers errors as problem+json through a problem schema', () => {
    const without = apiRoutes()
      .filter((r) => {
        const response = (r.schema.response ?? {}) as Record<string, unknown>;
        return !(response['4xx'] instanceof z.ZodType && response['5xx'] instanceof z.ZodType);
      })
      .map((r) => `${r.method} ${r.url}`);
    expect(without).toEqual([]);
  });
});

describe('docs/API.md', () => {
  /** `METHOD /path` pairs the document names: table rows `| GET | \`/api/…\` |` and inline `GET /api/…`. */
  function documented(text: string): Set<string> {
    const found = new Set<string>();
    const path = (p: string) => p.split('?')[0] ?? p;
    for (const m of text.matchAll(/^\|\s*(GET|POST|PUT|PATCH|DELETE)\s*\|\s*`([^`]+)`/gm)) {
      found.add(`${m[1]} ${path(m[2] as string)}`);
    }
    for (const m of text.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/[^`\s]*)`/g)) {
      found.add(`${m[1]} ${path(m[2] as string)}`);
    }
    return found;
  }

  it('lists every route', () => {
    const docs = documented(fs.readFileSync('docs/API.md', 'utf8'));
    const missing = apiRoutes()
      .map((r) => `${r.method} ${r.url}`)
      .filter((route) => !docs.has(route));
    expect(missing, 'routes missing from docs/API.md').toEqual([]);
  });

  it('lists no route that does not exist', () => {
    const routes = new Set(apiRoutes().map((r) => `${r.method} ${r.url}`));
    const docs = documented(fs.readFileSync('docs/API.md', 'utf8'));
    expect([...docs].filter((d) => !routes.has(d))).toEqual([]);
  });
});

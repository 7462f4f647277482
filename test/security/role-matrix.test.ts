// The role refusal matrix: every route without an id, called anonymously and as every role, gets
// the answer this table says, which is the policy (src/server/auth/policy.ts) written out route by
// route. A write is sent an empty body, so that a role the policy lets through gets 400 from
// validation and changes nothing. The cross-tenant suite covers the routes with an id; a route
// missing from both fails the completeness test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { isWebFile } from '../support/web-files.js';

const WHO = ['anonymous', 'federal', 'regional', 'municipal', 'organization'] as const;
type Who = (typeof WHO)[number];
const LOGINS: Record<Exclude<Who, 'anonymous'>, string> = {
  federal: 'admin',
  regional: 'reg77',
  municipal: 'mun77001',
  organization: 'sch770001',
};

/** Answers in the order of WHO: anonymous, federal, regional, municipal, organization. */
type Row = readonly [number, number, number, number, number];
const PUBLIC: Row = [200, 200, 200, 200, 200];
const SIGNED_IN: Row = [401, 200, 200, 200, 200];
const FEDERAL_ONLY: Row = [401, 200, 403, 403, 403];
const FEDERAL_WRITE: Row = [401, 400, 403, 403, 403];
// An import wants a file: a JSON body, once the policy lets it through, is the wrong media type.
const FEDERAL_UPLOAD: Row = [401, 415, 403, 403, 403];
const COORDINATORS: Row = [401, 200, 200, 200, 403];
const COORDINATOR_WRITE: Row = [401, 400, 400, 400, 403];
const ORGANIZATIONS: Row = [401, 403, 403, 403, 200];

const MATRIX: Record<string, Row> = {
  'GET /healthz': PUBLIC,
  'GET /readyz': PUBLIC,
  // Only with METRICS_TOKEN, or on the METRICS_PORT listener (test/security/metrics.test.ts).
  'GET /metrics': [404, 404, 404, 404, 404],
  'GET /api/auth/csrf': PUBLIC,
  'POST /api/auth/login': [400, 400, 400, 400, 400],
  'GET /api/auth/session': SIGNED_IN,
  'POST /api/auth/keepalive': SIGNED_IN,
  'POST /api/auth/password': [401, 400, 400, 400, 400],
  'GET /api/audit': FEDERAL_ONLY,
  'GET /api/regions': COORDINATORS,
  'GET /api/municipalities': COORDINATORS,
  'GET /api/organizations': COORDINATORS,
  'POST /api/organizations': FEDERAL_WRITE,
  'GET /api/users': COORDINATORS,
  'POST /api/users': FEDERAL_WRITE,
  'GET /api/import/organizations/template.csv': FEDERAL_ONLY,
  'GET /api/import/organizations/template.xlsx': FEDERAL_ONLY,
  'GET /api/import/users/template.csv': FEDERAL_ONLY,
  'GET /api/import/users/template.xlsx': FEDERAL_ONLY,
  'POST /api/import/organizations': FEDERAL_UPLOAD,
  'POST /api/import/users': FEDERAL_UPLOAD,
  // Organizations named in the body: test/cross-tenant.test.ts sends other tenants' ids.
  'POST /api/one-time-passwords/count': COORDINATOR_WRITE,
  'POST /api/one-time-passwords': COORDINATOR_WRITE,
  'GET /api/publications': SIGNED_IN,
  'POST /api/publications': FEDERAL_WRITE,
  'POST /api/publications/preview': FEDERAL_WRITE,
  'GET /api/forms/schema.json': SIGNED_IN,
  'GET /api/forms': FEDERAL_ONLY,
  'POST /api/forms': FEDERAL_WRITE,
  'POST /api/forms/check': FEDERAL_WRITE,
  'GET /api/collections': SIGNED_IN,
  'POST /api/collections': FEDERAL_WRITE,
  'GET /api/niko/data-collection': ORGANIZATIONS,
  'GET /api/niko/reminders': ORGANIZATIONS,
  'POST /api/niko/reminders/read': [401, 403, 403, 403, 400],
  // Reviewing several reports at once: coordinators and the operator (an empty body is a 400).
  'POST /api/responses/review': [401, 400, 400, 400, 403],
  // Last: it ends the session it is sent with.
  'POST /api/auth/logout': PUBLIC,
};

let server: TestServer;
const clients = {} as Record<Who, Client>;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  clients.anonymous = server.client();
  for (const [who, login] of Object.entries(LOGINS)) clients[who as Who] = await server.client().login(login);
});
afterAll(() => server.close());

const hasId = (url: string) => url.includes(':');
// The built web pages (isWebFile: present once `npm run build` has run) are files anyone may
// fetch, as the sign-in page must load before anyone is signed in: they are checked apart, below.

describe('role refusal matrix', () => {
  it('lists every route without an id, and only those', () => {
    const routes = server.app.routeList
      .filter((r) => r.method !== 'HEAD' && !hasId(r.url) && !isWebFile(r.url))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(routes).toEqual(Object.keys(MATRIX).sort());
  });

  it('serves the built web pages, and nothing else outside the table, to anyone', async () => {
    const webFiles = server.app.routeList.filter((r) => r.method === 'GET' && isWebFile(r.url));
    for (const { url } of webFiles) {
      for (const who of WHO) expect((await clients[who].get(url)).status, `${who} ${url}`).toBe(200);
    }
    const others = server.app.routeList.filter(
      (r) => !['GET', 'HEAD'].includes(r.method) && isWebFile(r.url),
    );
    expect(others).toEqual([]);
  });

  for (const [route, row] of Object.entries(MATRIX)) {
    it(`${route}: ${WHO.map((w, i) => `${w} ${row[i]}`).join(', ')}`, async () => {
      const [method, url] = route.split(' ') as [string, string];
      for (const [i, who] of WHO.entries()) {
        const res =
          method === 'GET'
            ? await clients[who].get(url)
            : await clients[who].request(method, url, { json: {} });
        expect(res.status, `${who}: ${res.text.slice(0, 200)}`).toBe(row[i]);
        if (res.status === 401 || res.status === 403) {
          expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(res.body.detail).toMatch(/[А-Яа-яЁё]/);
        }
      }
    });
  }
});

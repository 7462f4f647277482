// API fuzzing: every route in app.routeList, as every role and anonymously, with path parameters,
// queries and bodies that fast-check makes from the route's own Zod schemas, valid and hostile
// (test/support/fuzz-arbitraries.ts). No answer may be a 5xx, and the server may log nothing at
// level error. A failing case is shrunk by fast-check to the smallest request that shows it.
//
// `npm test` runs FUZZ_RUNS cases per route and role (a few); `npm run fuzz -- --runs N` runs
// longer, also fails on any answer slower than FUZZ_SLOW_MS, and prints a JSON summary
// (docs/SECURITY.md records the last long run). The time limit is left out of `npm test`: a busy
// machine could break it without anything being wrong (figures belong in benchmarks).
import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../src/server/app.js';
import type { Client } from '../support/client.js';
import {
  HOSTILE_JSON_TEXTS,
  HOSTILE_VALUES,
  jsonSchemaOf,
  mutated,
  valid,
} from '../support/fuzz-arbitraries.js';
import { logCapture } from '../support/log-capture.js';
import { startTestServer, type TestServer } from '../support/server.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
const SLOW_MS = Number(process.env.FUZZ_SLOW_MS ?? 0); // 0: not checked
const SUMMARY_FILE = process.env.FUZZ_SUMMARY_FILE;
/** Narrow a long run to one route (`METHOD /url`), e.g. to reproduce a finding. */
const ONLY_ROUTE = process.env.FUZZ_ROUTE;
const LOGINS = {
  anonymous: null,
  federal: 'admin',
  regional: 'reg77',
  municipal: 'mun77001',
  organization: 'sch770001',
};
type Who = keyof typeof LOGINS;
const WHO = Object.keys(LOGINS) as Who[];

const log = logCapture('warn');
let server: TestServer;
const clients = {} as Record<Who, Client>;
/** Real ids for `:id` now and then, so that requests also get past "not found". */
const realIds: number[] = [];
const stats = {
  cases: 0,
  serverErrors: 0,
  slowest: { ms: 0, request: '' },
  slow: [] as string[],
  started: Date.now(),
};

beforeAll(async () => {
  server = await startTestServer({
    demo: true,
    logger: log.logger,
    // The fuzzer writes far more than a person: the write limit must not hide the routes behind 429.
    config: { writeLimits: { requests: 1_000_000, characters: 10_000_000_000, windowMs: 60_000 } },
  });
  for (const who of WHO) {
    const login = LOGINS[who];
    clients[who] = login ? await server.client().login(login) : server.client();
    await clients[who].csrfToken();
  }
  const db = server.database.db;
  for (const t of ['organizations', 'collections', 'responses', 'publications', 'users'] as const)
    realIds.push(...(await db.selectFrom(t).select('id').orderBy('id').limit(2).execute()).map((r) => r.id));
});

afterAll(async () => {
  const summary = {
    runsPerRouteAndRole: RUNS,
    cases: stats.cases,
    seconds: Math.round((Date.now() - stats.started) / 1000),
    serverErrors: stats.serverErrors,
    slowestMs: Math.round(stats.slowest.ms),
    slowest: stats.slowest.request,
    slowerThanLimit: stats.slow.length,
  };
  if (SUMMARY_FILE) fs.writeFileSync(SUMMARY_FILE, JSON.stringify(summary));
  await server?.close();
});

/** Routes the fuzzer leaves alone, and why. */
function skipped(route: RouteEntry, who: Who): boolean {
  // HEAD mirrors GET. Signing out would end the session the other cases use.
  if (ONLY_ROUTE && `${route.method} ${route.url}` !== ONLY_ROUTE) return true;
  return route.method === 'HEAD' || (route.url === '/api/auth/logout' && who !== 'anonymous');
}

type FuzzRequest = { path: string; body?: string; contentType?: string };

function pathArbitrary(route: RouteEntry): fc.Arbitrary<string> {
  const names = [...route.url.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1] as string);
  if (names.length === 0) return fc.constant(route.url);
  const paramSchema = jsonSchemaOf(route.schema.params);
  const one = (name: string) =>
    fc.oneof(
      { weight: 2, arbitrary: valid(paramSchema?.properties?.[name]).map(encodeSegment) },
      { weight: 2, arbitrary: fc.constantFrom(...realIds, '77', '1').map(encodeSegment) },
      { weight: 1, arbitrary: HOSTILE_VALUES.map(encodeSegment) },
      // Escapes no encoder writes: NUL, a malformed one, a UTF-16 surrogate as UTF-8, an overlong dot.
      { weight: 1, arbitrary: fc.constantFrom('%00', '%ZZ', '%ED%A0%80', '..%2F..', '%C0%AE', '%') },
    );
  return fc
    .tuple(...names.map(one))
    .map((values) => names.reduce((url, name, i) => url.replace(`:${name}`, values[i] as string), route.url));
}

/** Any generated value as text (fast-check also makes objects without a prototype, which String() refuses). */
function textOf(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  return JSON.stringify(value) ?? '';
}

/** A path segment as UTF-8, percent-encoded (a lone surrogate becomes U+FFFD, as in any client). */
function encodeSegment(value: unknown): string {
  const bytes = new TextEncoder().encode(textOf(value).slice(0, 5000));
  return Array.from(bytes, (b) =>
    /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
      ? String.fromCharCode(b)
      : `%${b.toString(16).padStart(2, '0')}`,
  ).join('');
}

function queryArbitrary(route: RouteEntry): fc.Arbitrary<string> {
  const schema = jsonSchemaOf(route.schema.querystring);
  const base = valid(schema ?? { type: 'object', properties: {} });
  const value = fc.oneof({ weight: 3, arbitrary: base }, { weight: 2, arbitrary: base.chain(mutated) });
  return value.map((q) => {
    if (!q || typeof q !== 'object') return '';
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) params.append(k, textOf(one));
    }
    const text = params.toString();
    return text ? `?${text}` : '';
  });
}

function bodyArbitrary(route: RouteEntry): fc.Arbitrary<Pick<FuzzRequest, 'body' | 'contentType'>> {
  if (route.method === 'GET' || route.method === 'DELETE') return fc.constant({});
  const schema = jsonSchemaOf(route.schema.body);
  const base = valid(schema ?? { type: 'object', properties: {} });
  const json = (v: unknown) => ({ body: JSON.stringify(v) ?? 'null', contentType: 'application/json' });
  return fc.oneof(
    { weight: 3, arbitrary: base.map(json) },
    { weight: 3, arbitrary: base.chain(mutated).map(json) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...HOSTILE_JSON_TEXTS)
        .map((body) => ({ body, contentType: 'application/json' })),
    },
    { weight: 1, arbitrary: fc.string().map((body) => ({ body, contentType: 'text/plain' })) },
    {
      weight: 1,
      arbitrary: fc.constant({ body: '--x\r\n', contentType: 'multipart/form-data; boundary=x' }),
    },
  );
}

function requestArbitrary(route: RouteEntry): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(pathArbitrary(route), queryArbitrary(route), bodyArbitrary(route))
    .map(([path, query, body]) => ({ path: path + query, ...body }));
}

async function send(who: Who, method: string, req: FuzzRequest) {
  const headers: Record<string, string> = {};
  if (req.contentType) headers['content-type'] = req.contentType;
  const started = performance.now();
  const res = await clients[who].request(method, req.path, { body: req.body, headers, parse: false });
  const ms = performance.now() - started;
  stats.cases++;
  if (res.status >= 500) stats.serverErrors++;
  const described = `${who} ${method} ${req.path.slice(0, 200)}`;
  if (ms > stats.slowest.ms) stats.slowest = { ms, request: described };
  if (SLOW_MS && ms > SLOW_MS) stats.slow.push(`${described}: ${Math.round(ms)} ms`);
  if (ms > 1000) console.log(`slow: ${Math.round(ms)} ms ${described} ${String(req.body).slice(0, 300)}`);
  return { status: res.status, ms };
}

describe('API fuzzing', () => {
  it('covers every route the app has', () => {
    expect(server.app.routeList.filter((r) => r.url.startsWith('/api/')).length).toBeGreaterThan(50);
  });

  it.each(WHO)(
    'as %s: no route answers 5xx or logs an error, whatever it is sent',
    { timeout: 600_000 },
    async (who) => {
      for (const route of server.app.routeList) {
        if (skipped(route, who)) continue;
        const logFrom = log.lines.length;
        await fc.assert(
          fc.asyncProperty(requestArbitrary(route), async (req) => {
            const { status, ms } = await send(who, route.method, req);
            expect(status, `${route.method} ${req.path.slice(0, 300)}`).toBeLessThan(500);
            if (SLOW_MS) expect(ms, `${route.method} ${req.path.slice(0, 300)}`).toBeLessThan(SLOW_MS);
          }),
          { numRuns: RUNS },
        );
        expect(log.errorsSince(logFrom), `${route.method} ${route.url}`).toEqual([]);
      }
    },
  );
});

// The server as it really runs: separate processes, JSON logs with request ids, and a graceful
// SIGTERM. On PostgreSQL, two processes share one database and each serves the other's sessions.

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/server/demo/seed.js';
import { Client } from './support/client.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { type ServerProcess, startServerProcess } from './support/process.js';
import { waitFor } from './support/wait.js';

const onPostgres = !!process.env.DATABASE_URL;
let database: TestDatabase | undefined;
let dataDir: string | undefined;
let a: ServerProcess;
let b: ServerProcess | undefined;

beforeAll(async () => {
  if (onPostgres) {
    database = await createTestDatabase();
    await seedDemo(database.db);
    const env = { DATABASE_URL: database.url as string, SEED_DEMO: 'never' };
    [a, b] = await Promise.all([startServerProcess({ ...env, METRICS_PORT: '0' }), startServerProcess(env)]);
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'niko-proc-'));
    a = await startServerProcess({ DATA_DIR: dataDir, METRICS_PORT: '0' });
  }
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!onPostgres)('two server processes on one PostgreSQL', () => {
  it('a session started on one process is served by the other, and ends on both', async () => {
    const viaA = await new Client(a.url).login('reg77');
    const viaB = new Client(b!.url);
    viaB.setCookie('niko_session', viaA.cookie('niko_session') as string);
    const me = await viaB.get('/api/auth/session');
    expect(me.status).toBe(200);
    expect(me.body.user.login).toBe('reg77');
    expect((await viaB.get('/api/organizations?pageSize=1')).body.rows[0].regionCode).toBe('77');
    expect((await viaB.post('/api/auth/logout')).status).toBe(200);
    expect((await viaA.get('/api/auth/session')).status).toBe(401);
  });
});

describe('operations', () => {
  it('answers /healthz and /readyz, and /metrics on METRICS_PORT only', async () => {
    expect(await (await fetch(`${a.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${a.url}/readyz`)).json()).toEqual({ status: 'ok', database: 'ok' });
    expect((await fetch(`${a.url}/metrics`)).status).toBe(404);
    expect(a.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const metrics = await (await fetch(`${a.metricsUrl}/metrics`)).text();
    expect(metrics).toMatch(/^# HELP process_cpu_user_seconds_total/m);
    expect(metrics).toMatch(/http_request_duration_seconds_bucket\{.*route="\/readyz"/);
  });

  it('writes JSON logs that carry the request id, which the response echoes', async () => {
    const res = await fetch(`${a.url}/api/auth/csrf`, { headers: { 'x-request-id': 'test-req-42' } });
    expect(res.headers.get('x-request-id')).toBe('test-req-42');
    const generated = (await fetch(`${a.url}/healthz`)).headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    // The log line is written after the response is sent: wait for it to arrive.
    const linesOf = () => a.logs().filter((l) => l.reqId === 'test-req-42');
    await waitFor(() => linesOf().some((l) => l.msg === 'request completed'), 'the request’s last log line');
    const lines = linesOf();
    expect(lines.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    expect(lines.every((l) => typeof l.time === 'number' && typeof l.level === 'number')).toBe(true);
  });

  it('on SIGTERM, lets a request under way finish, then exits cleanly', async () => {
    const c = new Client(a.url);
    const token = await c.csrfToken();
    const body = JSON.stringify({ login: 'nobody', password: 'whatever' });
    const cookie = `niko_csrf=${c.cookie('niko_csrf')}`;
    const url = new URL('/api/auth/login', a.url);
    const req = http.request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-csrf-token': token,
        'x-request-id': 'under-way',
        cookie,
      },
    });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
    });
    // Half the body now, the rest after the signal: the request is under way when it comes.
    req.write(body.slice(0, 10));
    const logged = (what: (l: Record<string, unknown>) => boolean) => () => a.logs().some(what);
    await waitFor(
      logged((l) => l.reqId === 'under-way' && l.msg === 'incoming request'),
      'the request to arrive',
    );
    a.child.kill('SIGTERM');
    await waitFor(
      logged((l) => l.msg === 'shutting down'),
      'the server to take the signal',
    );
    req.end(body.slice(10));
    const res = await answer;
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).detail).toBe('Неверный логин или пароль.');
    expect(await a.exited).toBe(0);
  });
});

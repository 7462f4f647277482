// /metrics shows every route, the Node.js version and sign-in failure counts, so it is not served
// on the application port: only on a separate listener (METRICS_PORT, loopback by default), or on
// the application port with the operator's bearer token (METRICS_TOKEN).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { startTestServer, type TestServer } from '../support/server.js';

const TOKEN = 'metrics-token-for-tests-0123456789';

let plain: TestServer;
let withListener: TestServer;
let withToken: TestServer;
beforeAll(async () => {
  plain = await startTestServer({ demo: true });
  withListener = await startTestServer({
    database: plain.database,
    config: { metricsPort: 0, metricsHost: '127.0.0.1' },
  });
  withToken = await startTestServer({ database: plain.database, config: { metricsToken: TOKEN } });
});
afterAll(async () => {
  await withListener?.close();
  await withToken?.close();
  await plain?.close();
});

function metricsUrl(server: TestServer) {
  const address = server.app.metricsAddress();
  if (!address) throw new Error('no metrics listener');
  return `http://${address.address}:${address.port}/metrics`;
}

describe('/metrics on the application port', () => {
  it('answers 404 to anyone: anonymous, signed in as the federal operator, or with a made-up token', async () => {
    for (const server of [plain, withListener, withToken]) {
      const anonymous = await fetch(`${server.url}/metrics`);
      expect(anonymous.status).toBe(404);
      expect(await anonymous.json()).toMatchObject({ status: 404, detail: 'Адрес не найден.' });
      const admin = await server.client().login('admin');
      const signedIn = await admin.get('/metrics');
      expect(signedIn.status).toBe(404);
      expect(signedIn.text).not.toMatch(/process_cpu|nodejs_version/);
      const guessed = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer guess' } });
      expect(guessed.status).toBe(404);
    }
  });

  it('serves the metrics with the configured bearer token, and only with it', async () => {
    const res = await fetch(`${withToken.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^# HELP process_cpu_user_seconds_total/m);
    const prefix = await fetch(`${withToken.url}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
    });
    expect(prefix.status).toBe(404);
    const basic = await fetch(`${withToken.url}/metrics`, { headers: { authorization: `Basic ${TOKEN}` } });
    expect(basic.status).toBe(404);
  });
});

describe('the metrics listener', () => {
  it('is configured by METRICS_PORT and METRICS_HOST (loopback by default); a short METRICS_TOKEN is refused', () => {
    expect(loadConfig({})).toMatchObject({ metricsPort: undefined, metricsHost: '127.0.0.1' });
    expect(loadConfig({ METRICS_PORT: '' }).metricsPort).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464' }).metricsPort).toBe(9464);
    expect(loadConfig({ METRICS_TOKEN: '' }).metricsToken).toBeUndefined();
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });

  it('is off unless METRICS_PORT is set', () => {
    expect(plain.app.metricsAddress()).toBeNull();
    expect(withToken.app.metricsAddress()).toBeNull();
  });

  it('listens on the loopback address and serves the application port’s request durations', async () => {
    expect(withListener.app.metricsAddress()?.address).toBe('127.0.0.1');
    await fetch(`${withListener.url}/readyz`);
    const res = await fetch(metricsUrl(withListener));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^# HELP process_cpu_user_seconds_total/m);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{.*route="\/readyz"/);
    expect((await fetch(metricsUrl(withListener).replace('/metrics', '/other'))).status).toBe(404);
    const post = await fetch(metricsUrl(withListener), { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('closes with the server', async () => {
    const server = await startTestServer({ database: plain.database, config: { metricsPort: 0 } });
    const url = metricsUrl(server);
    expect((await fetch(url)).status).toBe(200);
    await server.close();
    await expect(fetch(url)).rejects.toThrow();
  });
});

// Issue 9, finding 12: every API answer is `Cache-Control: no-store` (most carry personal data,
// which no browser or proxy cache should keep); the CSP allows styles and fonts from the portal
// only; a Permissions-Policy turns off device access the portal never uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.close());

describe('Cache-Control on the API', () => {
  it('is no-store on every answer of every /api/ route, errors and unknown addresses too', async () => {
    const admin = await server.client().login('admin');
    const anonymous = server.client();
    const cached: string[] = [];
    const paths = server.app.routeList
      .filter((r) => r.url.startsWith('/api/') && r.method === 'GET')
      .map((r) => r.url.replace(':code', '77').replace(/:[a-zA-Z]+/g, '1'));
    for (const path of [...paths, '/api/nothing', '/%61pi/nothing']) {
      for (const who of [admin, anonymous]) {
        const res = await who.get(path);
        if (res.headers.get('cache-control') !== 'no-store')
          cached.push(`${path} → ${res.status} ${res.headers.get('cache-control')}`);
      }
    }
    const write = await admin.post('/api/publications/preview', { bodyMarkdown: '*текст*' });
    expect(write.headers.get('cache-control')).toBe('no-store');
    expect(cached).toEqual([]);
  });

  it('leaves the rest alone: /healthz may be cached by nobody in particular', async () => {
    const res = await server.client().get('/healthz');
    expect(res.headers.get('cache-control')).not.toBe('no-store');
  });
});

describe('the browser policies', () => {
  function directives(csp: string | null) {
    return new Map(
      (csp ?? '').split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
  }

  it('allow styles and fonts from the portal only, and nothing from any https: site', async () => {
    for (const path of ['/', '/api/auth/session', '/healthz']) {
      const csp = (await server.client().get(path)).headers.get('content-security-policy');
      const d = directives(csp);
      expect(d.get('style-src'), path).toBe("'self'");
      expect(d.get('font-src'), path).toBe("'self'");
      expect(csp, path).not.toMatch(/https:/);
    }
  });

  it("leave publications' table alignment working: classes, not the inline styles the CSP blocks", async () => {
    const admin = await server.client().login('admin');
    const table = '| Левый | Центр | Правый |\n| :--- | :---: | ---: |\n| 1 | 2 | 3 |';
    const { html } = (await admin.post('/api/publications/preview', { bodyMarkdown: table })).body;
    expect(html).not.toMatch(/style=/);
    expect(html).toContain('<th class="align-left">Левый</th>');
    expect(html).toContain('<th class="align-center">Центр</th>');
    expect(html).toContain('<td class="align-right">3</td>');
  });

  it('deny camera, microphone, geolocation and the like on every answer', async () => {
    for (const path of ['/', '/api/auth/session', '/api/nothing']) {
      const policy = (await server.client().get(path)).headers.get('permissions-policy') ?? '';
      for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb'])
        expect(policy, path).toContain(`${feature}=()`);
    }
  });
});

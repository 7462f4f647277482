// Each demo role signs in and sees only its own scope in every list of the directory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.close());

async function count(table: 'organizations' | 'municipalities', where: Record<string, unknown> = {}) {
  let q = server.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  for (const [k, v] of Object.entries(where)) q = q.where(k as any, '=', v as any);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describe('federal operator (admin)', () => {
  it('sees the whole country', async () => {
    const c = await server.client().login('admin');
    const me = (await c.get('/api/auth/session')).body;
    expect(me.user).toMatchObject({ role: 'federal', scopeName: 'Российская Федерация' });
    expect((await c.get('/api/regions')).body.rows).toHaveLength(89);
    const orgs = await c.get('/api/organizations?pageSize=1');
    expect(orgs.body.total).toBe(await count('organizations'));
    expect(orgs.body.total).toBeGreaterThanOrEqual(2900);
    expect(orgs.body.total).toBeLessThanOrEqual(3300);
    const users = await c.get('/api/users?role=regional&pageSize=200');
    expect(users.body.total).toBe(89);
  });
});

describe('regional coordinator (reg77)', () => {
  it('sees only Moscow', async () => {
    const c = await server.client().login('reg77');
    const regions = (await c.get('/api/regions')).body.rows;
    expect(regions.map((r: any) => r.code)).toEqual(['77']);
    const orgs = await c.get('/api/organizations?pageSize=200');
    expect(orgs.body.total).toBe(await count('organizations', { region_code: '77' }));
    expect(orgs.body.total).toBeGreaterThanOrEqual(30);
    expect(new Set(orgs.body.rows.map((o: any) => o.regionCode))).toEqual(new Set(['77']));
    // Asking for another region's rows yields nothing rather than them.
    expect((await c.get('/api/organizations?regionCode=50')).body.total).toBe(0);
    expect((await c.get('/api/municipalities?regionCode=50')).body.total).toBe(0);
    const users = await c.get('/api/users?pageSize=200');
    expect(new Set(users.body.rows.map((u: any) => u.scopeRegionCode))).toEqual(new Set(['77']));
    expect(users.body.rows.map((u: any) => u.login)).not.toContain('admin');
  });
});

describe('municipal coordinator (mun77001)', () => {
  it('sees only its municipality', async () => {
    const c = await server.client().login('mun77001');
    const me = (await c.get('/api/auth/session')).body;
    expect(me.user).toMatchObject({
      role: 'municipal',
      regionCode: '77',
      scopeName: 'Центральный административный округ',
    });
    const orgs = await c.get('/api/organizations?pageSize=200');
    expect(orgs.body.total).toBe(await count('organizations', { municipality_id: me.user.municipalityId }));
    expect(new Set(orgs.body.rows.map((o: any) => o.municipalityCode))).toEqual(new Set(['77001']));
    const muns = await c.get('/api/municipalities');
    expect(muns.body.rows.map((m: any) => m.code)).toEqual(['77001']);
    const users = await c.get('/api/users?pageSize=200');
    expect(new Set(users.body.rows.map((u: any) => u.municipalityCode))).toEqual(new Set(['77001']));
    expect(users.body.rows.map((u: any) => u.login)).not.toContain('reg77');
  });
});

describe('organization (sch770001)', () => {
  it('sees its own profile and no directory', async () => {
    const c = await server.client().login('sch770001');
    const me = (await c.get('/api/auth/session')).body;
    expect(me.user).toMatchObject({ role: 'organization', regionCode: '77' });
    expect(me.user.scopeName).toMatch(/^ГБОУ Школа № /);
    for (const path of [
      '/api/regions',
      '/api/municipalities',
      '/api/organizations',
      '/api/users',
      '/api/audit',
    ]) {
      const res = await c.get(path);
      expect(res.status, path).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
  });
});

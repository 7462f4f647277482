// What the browser is told to decide with, instead of the role: the session's permissions (the
// policy's can() for every action), which filters the scope spans, and on each user row whether
// the signed-in user may reset its password. The reset endpoint must agree with the rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../src/shared/permissions.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true, startWorkers: false });
});
afterAll(() => server.close());

describe('the session', () => {
  it('lists the actions each role may take, and the filters its scope spans', async () => {
    const expected = {
      admin: {
        has: [
          'directory.write',
          'users.resetPassword',
          'audit.read',
          'collections.manage',
          'monitoring.read',
          'reminders.send',
        ],
        lacks: ['responses.fill', 'reminders.receive'],
        scopeSpans: { regions: true, municipalities: true },
      },
      reg77: {
        has: ['directory.read', 'users.resetPassword', 'monitoring.read'],
        lacks: ['directory.write', 'audit.read', 'responses.fill'],
        scopeSpans: { regions: false, municipalities: true },
      },
      mun77001: {
        has: ['directory.read', 'monitoring.read', 'reminders.send'],
        lacks: ['users.resetPassword', 'directory.write', 'responses.fill'],
        scopeSpans: { regions: false, municipalities: false },
      },
      sch770001: {
        has: ['responses.fill', 'publications.read', 'reminders.receive'],
        lacks: ['directory.read', 'monitoring.read', 'users.resetPassword', 'reminders.send'],
        scopeSpans: { regions: false, municipalities: false },
      },
    };
    for (const [login, want] of Object.entries(expected)) {
      const session = (await (await server.client().login(login)).get('/api/auth/session')).body;
      for (const action of session.permissions) expect(ACTIONS).toContain(action);
      expect(session.permissions, login).toEqual(expect.arrayContaining(want.has));
      for (const action of want.lacks)
        expect(session.permissions, `${login} ${action}`).not.toContain(action);
      expect(session.scopeSpans, login).toEqual(want.scopeSpans);
    }
  });
});

describe('canResetPassword on user rows', () => {
  it('is true for every account the federal operator sees', async () => {
    const admin = await server.client().login('admin');
    const rows = (await admin.get('/api/users?pageSize=200')).body.rows;
    expect(new Set(rows.map((u: any) => u.role)).size).toBeGreaterThan(1);
    expect(rows.every((u: any) => u.canResetPassword === true)).toBe(true);
  });

  it('is true for organizations only for a regional coordinator, and the endpoint agrees', async () => {
    const reg = await server.client().login('reg77');
    const rows = (await reg.get('/api/users?pageSize=200')).body.rows as any[];
    for (const u of rows) expect(u.canResetPassword, u.login).toBe(u.role === 'organization');
    const own = rows.find((u) => u.login === 'reg77');
    const school = rows.find((u) => u.role === 'organization' && u.login !== 'sch770001');
    expect((await reg.get(`/api/users/${own.id}`)).body.canResetPassword).toBe(false);
    expect((await reg.post(`/api/users/${own.id}/reset-password`)).status).toBe(404);
    expect((await reg.get(`/api/users/${school.id}`)).body.canResetPassword).toBe(true);
    expect((await reg.post(`/api/users/${school.id}/reset-password`)).status).toBe(200);
    const org = (await reg.get(`/api/organizations/${school.organizationId}`)).body;
    expect(org.users.length).toBeGreaterThan(0);
    for (const u of org.users) expect(u.canResetPassword, u.login).toBe(true);
  });

  it('is false everywhere for a municipal coordinator', async () => {
    const mun = await server.client().login('mun77001');
    const rows = (await mun.get('/api/users?pageSize=200')).body.rows as any[];
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.some((u) => u.canResetPassword)).toBe(false);
  });
});

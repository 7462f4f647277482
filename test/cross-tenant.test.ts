// As every role, every route that takes an id is called with other tenants' ids: each answers
// 404 exactly as a missing object would, and nothing changes. A new id route that this table
// does not cover fails the first test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONE_CELL_FORM } from './support/demo.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
const ids: Record<string, number> = {};
const PUBLICATIONS = {
  pubSchedule: 'График проведения', // everyone
  pubOrgInstruction: 'Инструкция для образовательных', // organizations
  pubCoordinatorGuide: 'Методические рекомендации', // regional and municipal coordinators
  pubMoscowOrgs: 'Дополнительные сведения', // organizations of region 77
  pubRegion50Meeting: 'Совещание с координаторами', // coordinators of region 50
  pubRegionalAnalysis: 'Рекомендации региональным', // regional coordinators
  pubScheduled: 'Предварительные итоги', // not published yet
};

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  const db = server.database.db;
  for (const o of await db
    .selectFrom('organizations')
    .select(['id', 'code'])
    .where('code', 'in', ['770001', '770002', '500001'])
    .execute())
    ids[`org${o.code}`] = o.id;
  for (const m of await db
    .selectFrom('municipalities')
    .select(['id', 'code'])
    .where('code', 'in', ['77001', '77002', '50001'])
    .execute())
    ids[`mun${m.code}`] = m.id;
  for (const u of await db
    .selectFrom('users')
    .select(['id', 'login'])
    .where('login', 'in', [
      'admin',
      'reg77',
      'reg50',
      'mun77001',
      'mun77002',
      'mun50001',
      'sch770001',
      'sch770002',
      'sch500001',
    ])
    .execute())
    ids[u.login] = u.id;
  // Demo publications by title, and their files (demo/publication-texts.ts says who each is for).
  for (const p of await db.selectFrom('publications').select(['id', 'title']).execute()) {
    const key = Object.entries(PUBLICATIONS).find(([, start]) => p.title.startsWith(start))?.[0];
    if (key) ids[key] = p.id;
  }
  for (const f of await db.selectFrom('publication_files').select(['id', 'publication_id']).execute()) {
    const key = Object.entries(PUBLICATIONS).find(([k]) => ids[k] === f.publication_id)?.[0];
    if (key) ids[`${key}File`] = f.id;
  }
  // Two collections no demo coordinator of Moscow's Central okrug (or sch770001) takes part in:
  // A has only a school of region 50, B only a Moscow school of another municipality.
  const admin = await server.client().login('admin');
  const version = (await admin.post('/api/forms', { definition: ONE_CELL_FORM })).body;
  ids.form = version.formId;
  ids.formVersion = version.versionId;
  const window = {
    startsAt: new Date(Date.now() - 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + 86_400_000).toISOString(),
  };
  ids.collA = (
    await admin.post('/api/collections', {
      title: 'A',
      formVersionId: version.versionId,
      ...window,
      participants: { codes: ['500001'] },
    })
  ).body.id;
  ids.collB = (
    await admin.post('/api/collections', {
      title: 'B',
      formVersionId: version.versionId,
      ...window,
      participants: { codes: ['770002'] },
    })
  ).body.id;
  ids.adminExport = (await admin.post(`/api/monitoring/collections/${ids.collA}/exports`, {})).body.id;
  const reg77 = await server.client().login('reg77');
  const demoOpen = (await reg77.get('/api/collections')).body.rows.find((c: any) => c.open);
  ids.reg77Export = (await reg77.post(`/api/monitoring/collections/${demoOpen.id}/exports`, {})).body.id;
  // Reminders: A to the school of region 50 (collection A), B to 770002 (collection B).
  ids.reminderA = (
    await admin.post(`/api/monitoring/collections/${ids.collA}/reminders`, { audience: 'not_started' })
  ).body.id;
  ids.reminderB = (
    await admin.post(`/api/monitoring/collections/${ids.collB}/reminders`, { audience: 'not_started' })
  ).body.id;
  for (const r of await db
    .selectFrom('responses')
    .select(['id', 'collection_id'])
    .where('collection_id', 'in', [ids.collA!, ids.collB!])
    .execute())
    ids[r.collection_id === ids.collA ? 'respA' : 'respB'] = r.id;
});
afterAll(() => server.close());

type Target = {
  kind:
    | 'region'
    | 'municipality'
    | 'organization'
    | 'user'
    | 'form'
    | 'formVersion'
    | 'collection'
    | 'response'
    | 'publication'
    | 'publicationFile'
    | 'export'
    | 'reminder';
  /** A publication file is named by two ids: [publication, file]. */
  id: string | number | [number, number];
  label: string;
};

// Only the federal operator designs forms: to everyone else every form is "not found".
const formsOf = (): Target[] => [
  { kind: 'form', id: ids.form!, label: 'form' },
  { kind: 'formVersion', id: ids.formVersion!, label: 'form version' },
];
const elsewhere = (): Target[] => [
  { kind: 'export', id: ids.adminExport!, label: 'admin’s export' },
  { kind: 'reminder', id: ids.reminderA!, label: 'reminder to 500001' },
  { kind: 'reminder', id: ids.reminderB!, label: 'reminder to 770002' },
  { kind: 'collection', id: ids.collA!, label: 'collection A (region 50)' },
  { kind: 'collection', id: ids.collB!, label: 'collection B (mun 77002)' },
  { kind: 'response', id: ids.respA!, label: 'response of 500001' },
  { kind: 'response', id: ids.respB!, label: 'response of 770002' },
];

// Each role, with objects that lie outside its scope.
const FOREIGN: Record<string, () => Target[]> = {
  reg77: () => [
    { kind: 'region', id: '50', label: 'region 50' },
    { kind: 'municipality', id: ids.mun50001!, label: 'mun 50001' },
    { kind: 'organization', id: ids.org500001!, label: 'org 500001' },
    { kind: 'user', id: ids.sch500001!, label: 'user sch500001' },
    { kind: 'user', id: ids.reg50!, label: 'user reg50' },
    { kind: 'user', id: ids.admin!, label: 'user admin' },
    ...formsOf(),
    { kind: 'collection', id: ids.collA!, label: 'collection A (region 50)' },
    { kind: 'response', id: ids.respA!, label: 'response of 500001' },
    { kind: 'reminder', id: ids.reminderA!, label: 'reminder to 500001' },
    { kind: 'publication', id: ids.pubMoscowOrgs!, label: 'publication for organizations of 77' },
    { kind: 'publication', id: ids.pubRegion50Meeting!, label: 'publication for region 50' },
    { kind: 'publication', id: ids.pubScheduled!, label: 'scheduled publication' },
    {
      kind: 'publicationFile',
      id: [ids.pubMoscowOrgs!, ids.pubMoscowOrgsFile!],
      label: 'file for organizations of 77',
    },
    {
      kind: 'publicationFile',
      id: [ids.pubSchedule!, ids.pubOrgInstructionFile!],
      label: 'file under another publication',
    },
    { kind: 'export', id: ids.adminExport!, label: 'admin’s export' },
  ],
  mun77001: () => [
    { kind: 'region', id: '50', label: 'region 50' },
    { kind: 'municipality', id: ids.mun77002!, label: 'mun 77002' },
    { kind: 'municipality', id: ids.mun50001!, label: 'mun 50001' },
    { kind: 'organization', id: ids.org770002!, label: 'org 770002 (other municipality)' },
    { kind: 'organization', id: ids.org500001!, label: 'org 500001' },
    { kind: 'user', id: ids.sch770002!, label: 'user sch770002' },
    { kind: 'user', id: ids.reg77!, label: 'user reg77' },
    { kind: 'user', id: ids.mun77002!, label: 'user mun77002' },
    ...formsOf(),
    ...elsewhere(),
    { kind: 'publication', id: ids.pubOrgInstruction!, label: 'publication for organizations' },
    { kind: 'publication', id: ids.pubRegionalAnalysis!, label: 'publication for regional coordinators' },
    { kind: 'publication', id: ids.pubRegion50Meeting!, label: 'publication for region 50' },
    {
      kind: 'publicationFile',
      id: [ids.pubOrgInstruction!, ids.pubOrgInstructionFile!],
      label: 'file for organizations',
    },
  ],
  sch770001: () => [
    { kind: 'region', id: '50', label: 'region 50' },
    { kind: 'municipality', id: ids.mun77002!, label: 'mun 77002' },
    { kind: 'organization', id: ids.org770002!, label: 'org 770002' },
    { kind: 'organization', id: ids.org500001!, label: 'org 500001' },
    { kind: 'user', id: ids.sch770002!, label: 'user sch770002' },
    { kind: 'user', id: ids.reg77!, label: 'user reg77' },
    ...formsOf(),
    ...elsewhere(),
    { kind: 'publication', id: ids.pubCoordinatorGuide!, label: 'publication for coordinators' },
    { kind: 'publication', id: ids.pubRegion50Meeting!, label: 'publication for region 50' },
    { kind: 'publication', id: ids.pubScheduled!, label: 'scheduled publication' },
    {
      kind: 'publicationFile',
      id: [ids.pubCoordinatorGuide!, ids.pubCoordinatorGuideFile!],
      label: 'file for coordinators',
    },
    {
      kind: 'publicationFile',
      id: [ids.pubSchedule!, ids.pubCoordinatorGuideFile!],
      label: 'file under another publication',
    },
  ],
  // The federal operator's scope is everything: for it, "another tenant's id" is one that does not exist.
  admin: () => [
    { kind: 'region', id: '99', label: 'region 99' },
    { kind: 'municipality', id: 999_999, label: 'mun 999999' },
    { kind: 'organization', id: 999_999, label: 'org 999999' },
    { kind: 'user', id: 999_999, label: 'user 999999' },
    { kind: 'form', id: 999_999, label: 'form 999999' },
    { kind: 'formVersion', id: 999_999, label: 'form version 999999' },
    { kind: 'collection', id: 999_999, label: 'collection 999999' },
    { kind: 'response', id: 999_999, label: 'response 999999' },
    { kind: 'export', id: 999_999, label: 'export 999999' },
    { kind: 'export', id: ids.reg77Export!, label: 'reg77’s export' },
    { kind: 'reminder', id: 999_999, label: 'reminder 999999' },
    { kind: 'publication', id: 999_999, label: 'publication 999999' },
    { kind: 'publicationFile', id: [ids.pubSchedule!, 999_999], label: 'file 999999' },
    {
      kind: 'publicationFile',
      id: [ids.pubSchedule!, ids.pubOrgInstructionFile!],
      label: 'file under another publication',
    },
  ],
};

// Every id route, as [method, template, kind of its id, body].
const ID_ROUTES: [string, string, Target['kind'], unknown?][] = [
  ['GET', '/api/regions/:code', 'region'],
  ['GET', '/api/municipalities/:id', 'municipality'],
  ['GET', '/api/organizations/:id', 'organization'],
  ['PATCH', '/api/organizations/:id', 'organization', { shortName: 'Захвачено' }],
  ['GET', '/api/users/:id', 'user'],
  ['PATCH', '/api/users/:id', 'user', { fullName: 'Захвачено' }],
  ['POST', '/api/users/:id/reset-password', 'user', {}],
  ['POST', '/api/forms/:id/versions', 'form', { definition: { title: 'Захвачено', tables: [] } }],
  ['GET', '/api/form-versions/:id', 'formVersion'],
  ['GET', '/api/form-versions/:id/download', 'formVersion'],
  ['GET', '/api/form-versions/:id/template.xlsx', 'formVersion'],
  ['PUT', '/api/form-versions/:id', 'formVersion', { definition: { title: 'Захвачено', tables: [] } }],
  ['GET', '/api/collections/:id', 'collection'],
  ['PATCH', '/api/collections/:id', 'collection', { title: 'Захвачено' }],
  ['POST', '/api/collections/:id/close', 'collection', {}],
  ['POST', '/api/collections/:id/reopen', 'collection', {}],
  ['POST', '/api/collections/:id/participants', 'collection', { codes: ['770001'] }],
  ['GET', '/api/responses/:id', 'response'],
  [
    'POST',
    '/api/responses/:id/changes',
    'response',
    { changes: [{ id: '20000000-0000-4000-8000-000000000001', cell: 't.r.n', value: '1', base: 0 }] },
  ],
  ['POST', '/api/responses/:id/submit', 'response', {}],
  ['GET', '/api/responses/:id/history?cell=t.r.n', 'response'],
  ['GET', '/api/responses/:id/report.pdf', 'response'],
  ['GET', '/api/responses/:id/submissions', 'response'],
  ['GET', '/api/responses/:id/form.xlsx', 'response'],
  ['POST', '/api/responses/:id/review', 'response', { decision: 'return', comment: 'Захвачено' }],
  ['GET', '/api/responses/:id/review-history', 'response'],
  ['POST', '/api/responses/:id/excel-upload/preview', 'response', {}],
  ['POST', '/api/responses/:id/excel-upload/apply', 'response', {}],
  ['GET', '/api/publications/:id', 'publication'],
  ['PATCH', '/api/publications/:id', 'publication', { title: 'Захвачено' }],
  ['DELETE', '/api/publications/:id', 'publication'],
  ['POST', '/api/publications/:id/files', 'publication', {}],
  ['GET', '/api/publications/:id/files/:fileId', 'publicationFile'],
  ['DELETE', '/api/publications/:id/files/:fileId', 'publicationFile'],
  ['GET', '/api/monitoring/collections/:id/stats', 'collection'],
  ['GET', '/api/monitoring/collections/:id/participants', 'collection'],
  ['GET', '/api/monitoring/responses/:id/submitted', 'response'],
  ['GET', '/api/monitoring/collections/:id/reports.pdf?responses=1', 'collection'],
  ['GET', '/api/monitoring/collections/:id/reports.zip?responses=1', 'collection'],
  ['POST', '/api/monitoring/collections/:id/exports', 'collection', {}],
  ['GET', '/api/monitoring/collections/:id/exports', 'collection'],
  ['GET', '/api/exports/:id', 'export'],
  ['GET', '/api/exports/:id/download', 'export'],
  ['POST', '/api/monitoring/collections/:id/reminders/preview', 'collection', { audience: 'not_started' }],
  ['POST', '/api/monitoring/collections/:id/reminders', 'collection', { audience: 'not_started' }],
  ['GET', '/api/monitoring/collections/:id/reminders', 'collection'],
  ['POST', '/api/niko/reminders/:id/dismiss', 'reminder', {}],
];

it('the table covers every registered route that takes an id', () => {
  const withIds = server.app.routeList
    .filter((r) => r.url.startsWith('/api/') && r.url.includes(':') && r.method !== 'HEAD')
    .map((r) => `${r.method} ${r.url}`);
  const covered = ID_ROUTES.map(([m, u]) => `${m} ${u.split('?')[0]}`);
  expect(withIds.filter((r) => !covered.includes(r))).toEqual([]);
});

describe.each(Object.keys(FOREIGN))('as %s', (login) => {
  it('every id route answers 404 for other tenants’ objects, and changes nothing', async () => {
    const c = await server.client().login(login);
    const before = await snapshot();
    for (const target of FOREIGN[login]!()) {
      for (const [method, template, kind, body] of ID_ROUTES) {
        if (kind !== target.kind) continue;
        const url = [target.id]
          .flat()
          .reduce<string>((u, id) => u.replace(/:[a-zA-Z]+/, String(id)), template);
        const res = await c.request(method, url, body === undefined ? {} : { json: body });
        expect({ route: `${method} ${template}`, target: target.label, status: res.status }).toEqual({
          route: `${method} ${template}`,
          target: target.label,
          status: 404,
        });
        expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(res.text).not.toMatch(/Захвачено/);
      }
    }
    expect(await snapshot()).toEqual(before);
  });
});

// Routes that name objects in their body rather than their path: the organizations a coordinator
// issues one-time passwords for. Another tenant's organization, alone or beside one of the user's
// own, answers 404 exactly like a missing one, and no password changes.
const BODY_ID_ROUTES: [string, string, (organizationIds: number[]) => unknown][] = [
  [
    'POST',
    '/api/one-time-passwords/count',
    (organizationIds) => ({ mode: 'organizations', organizationIds }),
  ],
  [
    'POST',
    '/api/one-time-passwords',
    (organizationIds) => ({
      mode: 'organizations',
      organizationIds,
      expectedAccounts: organizationIds.length,
    }),
  ],
];
const OWN_ORGANIZATION: Record<string, () => number | undefined> = {
  reg77: () => ids.org770001,
  mun77001: () => ids.org770001,
  admin: () => undefined,
};

describe.each(Object.keys(OWN_ORGANIZATION))('as %s, organizations named in a body', (login) => {
  it('answer 404 for other tenants’ organizations, and change nothing', async () => {
    const c = await server.client().login(login);
    const before = await snapshot();
    const own = OWN_ORGANIZATION[login]!();
    for (const target of FOREIGN[login]!().filter((t) => t.kind === 'organization')) {
      for (const [method, path, body] of BODY_ID_ROUTES) {
        for (const organizationIds of [[target.id as number], own ? [own, target.id as number] : []]) {
          if (organizationIds.length === 0) continue;
          const res = await c.request(method, path, { json: body(organizationIds) });
          expect({
            route: `${method} ${path}`,
            target: target.label,
            organizationIds,
            status: res.status,
          }).toEqual({
            route: `${method} ${path}`,
            target: target.label,
            organizationIds,
            status: 404,
          });
          expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
        }
      }
    }
    expect(await snapshot()).toEqual(before);
  });
});

async function snapshot() {
  const db = server.database.db;
  const orgs = await db
    .selectFrom('organizations')
    .select(['id', 'short_name', 'is_active', 'updated_at'])
    .orderBy('id')
    .execute();
  const users = await db
    .selectFrom('users')
    .select(['id', 'full_name', 'password_hash', 'must_change_password', 'is_active'])
    .orderBy('id')
    .execute();
  const collections = await db.selectFrom('collections').selectAll().orderBy('id').execute();
  const versions = await db.selectFrom('form_versions').selectAll().orderBy('id').execute();
  const cells = await db
    .selectFrom('response_cells')
    .selectAll()
    .orderBy('response_id')
    .orderBy('cell_key')
    .execute();
  const responses = await db.selectFrom('responses').selectAll().orderBy('id').execute();
  const publications = await db.selectFrom('publications').selectAll().orderBy('id').execute();
  const files = await db.selectFrom('publication_files').selectAll().orderBy('id').execute();
  const reminders = await db.selectFrom('reminders').selectAll().orderBy('id').execute();
  const recipients = await db
    .selectFrom('reminder_recipients')
    .selectAll()
    .orderBy('reminder_id')
    .orderBy('organization_id')
    .execute();
  const emails = await db.selectFrom('email_outbox').selectAll().orderBy('id').execute();
  return {
    orgs,
    users,
    collections,
    versions,
    cells,
    responses,
    publications,
    files,
    reminders,
    recipients,
    emails,
  };
}

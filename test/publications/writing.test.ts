// The federal operator writes publications: create, edit, schedule, delete, each audited; bad
// input is refused with a clear Russian message and stores nothing.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client.js';
import { storedCounts } from '../support/publications.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
  admin = await server.client().login('admin');
});
afterAll(() => server.close());

const titles = async (c: Client) =>
  ((await c.get('/api/publications?pageSize=200')).body.rows as any[]).map((r) => r.title);

describe('writing', () => {
  it('creates, edits and deletes a publication, auditing each step', async () => {
    const created = await admin.post('/api/publications', {
      title: '  Новая публикация для школ Москвы  ',
      bodyMarkdown: 'Текст **важный**.\n\n- первый пункт\n- второй пункт',
      audienceRoles: ['organization'],
      audienceRegions: ['77'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Новая публикация для школ Москвы',
      bodyHtml:
        '<p>Текст <strong>важный</strong>.</p>\n<ul>\n<li>первый пункт</li>\n<li>второй пункт</li>\n</ul>\n',
      audienceRoles: ['organization'],
      audienceRegions: ['77'],
      files: [],
    });
    const id = created.body.id;
    const school = await server.client().login('sch770001');
    expect(await titles(school)).toContain('Новая публикация для школ Москвы');

    const edited = await admin.patch(`/api/publications/${id}`, {
      title: 'Публикация для координаторов',
      audienceRoles: ['regional', 'municipal'],
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Публикация для координаторов', audienceRegions: ['77'] });
    expect(await titles(school)).not.toContain('Публикация для координаторов');
    expect(await titles(await server.client().login('reg77'))).toContain('Публикация для координаторов');

    expect((await admin.delete(`/api/publications/${id}`)).status).toBe(204);
    expect((await admin.get(`/api/publications/${id}`)).status).toBe(404);
    expect((await admin.delete(`/api/publications/${id}`)).status).toBe(404);

    const actions = await server.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_login'])
      .where('object_type', '=', 'publication')
      .where('object_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(actions).toEqual([
      { action: 'publication.created', actor_login: 'admin' },
      { action: 'publication.updated', actor_login: 'admin' },
      { action: 'publication.deleted', actor_login: 'admin' },
    ]);
  });

  it('keeps a scheduled publication hidden from its audience until its time', async () => {
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const later = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const soon = await admin.post('/api/publications', { title: 'Скоро', publishAt: inAnHour });
    const hour = await admin.post('/api/publications', { title: 'Через час', publishAt: later });
    expect(soon.status).toBe(201);
    const school = await server.client().login('sch500001');
    expect(await titles(school)).not.toContain('Скоро');
    expect((await school.get(`/api/publications/${soon.body.id}`)).status).toBe(404);
    // The operator sees scheduled publications, with their time.
    expect(await titles(admin)).toEqual(expect.arrayContaining(['Скоро', 'Через час']));
    expect(Date.parse(hour.body.publishAt)).toBe(Date.parse(later));

    // The hour passes in the database, not on the clock: the stored time moves back past now.
    await server.database.db
      .updateTable('publications')
      .set({ publish_at: sql`publish_at - interval '61 minutes'` })
      .where('id', '=', soon.body.id)
      .execute();
    expect(await titles(school)).toContain('Скоро');
    expect((await school.get(`/api/publications/${soon.body.id}`)).status).toBe(200);
    expect(await titles(school)).not.toContain('Через час');

    // publishAt: null publishes at once.
    expect((await admin.patch(`/api/publications/${hour.body.id}`, { publishAt: null })).status).toBe(200);
    expect(await titles(school)).toContain('Через час');
  });

  it('searches by title and pages through the list', async () => {
    const school = await server.client().login('sch770001');
    const found = await school.get(`/api/publications?q=${encodeURIComponent('инструкция')}`);
    expect(found.body.rows.map((r: any) => r.title)).toEqual([
      'Инструкция для образовательных организаций по заполнению формы сбора данных',
    ]);
    // % and _ are searched for as themselves.
    expect((await school.get('/api/publications?q=%25')).body.total).toBe(0);
    const all = (await school.get('/api/publications?pageSize=200')).body;
    const page2 = (await school.get('/api/publications?pageSize=2&page=2')).body;
    expect(page2.total).toBe(all.total);
    expect(page2.rows.map((r: any) => r.id)).toEqual(all.rows.slice(2, 4).map((r: any) => r.id));
  });

  it('renders the preview exactly as the publication will be stored', async () => {
    const md = '## Сроки\n\nСм. [сайт](https://fisoko.obrnadzor.gov.ru).';
    const preview = await admin.post('/api/publications/preview', { bodyMarkdown: md });
    const created = await admin.post('/api/publications', { title: 'Предпросмотр', bodyMarkdown: md });
    expect(preview.body.html).toBe(created.body.bodyHtml);
    expect(preview.body.html).toContain(
      '<a href="https://fisoko.obrnadzor.gov.ru" rel="noopener noreferrer" target="_blank">сайт</a>',
    );
  });
});

describe('bad input', () => {
  const ok = { title: 'Публикация', bodyMarkdown: 'Текст' };
  const cases: [string, unknown, string, string][] = [
    ['an empty title', { ...ok, title: '' }, 'body/title', 'Введите название публикации.'],
    ['a title of spaces', { ...ok, title: '   ' }, 'body/title', 'Введите название публикации.'],
    [
      'a 301-character title',
      { ...ok, title: 'Я'.repeat(301) },
      'body/title',
      'Название — не больше 300 символов.',
    ],
    ['no title', { bodyMarkdown: 'Текст' }, 'body/title', 'Обязательное поле.'],
    ['an unknown role', { ...ok, audienceRoles: ['federal'] }, 'body/audienceRoles/0', ''],
    [
      'a malformed region',
      { ...ok, audienceRegions: ['7'] },
      'body/audienceRegions/0',
      'Код региона — две цифры.',
    ],
    [
      'an unknown region',
      { ...ok, audienceRegions: ['77', '99'] },
      'body/audienceRegions',
      'Нет таких регионов: 99.',
    ],
    [
      'a malformed time',
      { ...ok, publishAt: '01.04.2026' },
      'body/publishAt',
      'Время публикации: дата и время в формате ISO 8601.',
    ],
    ['an unknown field', { ...ok, pinned: true }, 'body/', 'Неизвестные поля: pinned.'],
  ];

  it.each(cases)('refuses %s, storing nothing', async (_what, body, path, message) => {
    const before = await storedCounts(server.database.db);
    const res = await admin.post('/api/publications', body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.errors[0].path).toBe(path);
    if (message) expect(res.body.errors[0].message).toBe(message);
    else expect(res.body.errors[0].message).toMatch(/[а-я]/i);
    expect(await storedCounts(server.database.db)).toEqual(before);
  });

  it('refuses a bad edit and leaves the publication as it was', async () => {
    const created = await admin.post('/api/publications', { title: 'Неизменная', bodyMarkdown: 'Было' });
    for (const patch of [{ title: '' }, { title: 'Я'.repeat(301) }, { audienceRegions: ['99'] }]) {
      expect((await admin.patch(`/api/publications/${created.body.id}`, patch)).status).toBe(400);
    }
    const after = await admin.get(`/api/publications/${created.body.id}`);
    expect(after.body).toEqual(created.body);
  });

  it('accepts a title of exactly 300 characters', async () => {
    const res = await admin.post('/api/publications', { title: 'Я'.repeat(300) });
    expect(res.status).toBe(201);
  });
});

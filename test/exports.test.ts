// «Экспорт результатов»: a background job kept in the database prepares an .xlsx of the scope;
// «Загрузить отчет» downloads it. Content checked with ExcelJS, formula injection escaped, scope
// per role, another user's file is "not found", and a job cut short is picked up again.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAnswers } from '../src/server/demo/niko-answers.js';
import type { Client } from './support/client.js';
import { openDemoCollectionId } from './support/demo.js';
import { downloadExport, exportAndWait as exportJob, rowsOf } from './support/exports.js';
import { startTestServer, type TestServer } from './support/server.js';
import { waitFor } from './support/wait.js';

let server: TestServer;
let collectionId: number;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
  collectionId = await openDemoCollectionId(server.database.db);
});
afterAll(() => server.close());

let seq = 0;
const uuid = () => `40000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

const exportAndWait = (c: Client, body: object = {}) => exportJob(c, collectionId, body);
const download = downloadExport;

describe('export', () => {
  it('prepares the region’s report and downloads it with every participant, the submitted values, and escaped text', async () => {
    // sch770004 has not started: it submits, with a responsible person's name that looks like a formula.
    const school = await server.client().login('sch770004');
    const block = (await school.get('/api/niko/data-collection')).body.rows.find((b: any) => b.open);
    const answers: Record<string, string> = {
      ...demoAnswers(4, '2026-11-26'),
      'school.info.responsible': '=HYPERLINK("http://evil","x")',
    };
    const changes = Object.entries(answers).map(([cell, value]) => ({ id: uuid(), cell, value, base: 0 }));
    expect((await school.post(`/api/responses/${block.responseId}/changes`, { changes })).status).toBe(200);
    expect((await school.post(`/api/responses/${block.responseId}/submit`)).status).toBe(200);

    const reg = await server.client().login('reg77');
    const job = await exportAndWait(reg);
    expect(job).toMatchObject({ status: 'done', progress: 100 });
    const { res, workbook } = await download(reg, job.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const disposition = res.headers.get('content-disposition') as string;
    expect(disposition).toMatch(/^attachment; filename="[^"]+\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] as string)).toMatch(
      /^НИКО-2026 контекстные данные образовательной организации \d{2}\.\d{2}\.\d{4}\.xlsx$/,
    );

    const main = workbook.getWorksheet('Результаты') as ExcelJS.Worksheet;
    const rows = rowsOf(main);
    const header = rows[0] as string[];
    expect(header.slice(0, 7)).toEqual([
      'Регион',
      'Муниципалитет',
      'Код',
      'Организация',
      'Статус',
      'Дата начала ввода данных',
      'Дата передачи данных',
    ]);
    expect(header).toContain('1. Численность обучающихся / 1 класс / Мальчики');
    expect(header).toContain('1. Численность обучающихся / Всего 1–11 классы / Всего');
    const participants = await server.database.db
      .selectFrom('responses')
      .select('id')
      .where('collection_id', '=', collectionId)
      .where('region_code', '=', '77')
      .execute();
    expect(rows).toHaveLength(participants.length + 1);
    expect(job.organizations).toBe(participants.length);
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(['г. Москва']));

    const mine = rows.find((r) => r[2] === '770004') as unknown[];
    expect(mine[4]).toBe('Сдано');
    expect(mine[header.indexOf('1. Численность обучающихся / 1 класс / Мальчики')]).toBe(
      Number(answers['pupils.g1.boys']),
    );
    const responsible = mine[header.indexOf('5. Сведения об организации / Сведения / Ответственный (ФИО)')];
    expect(responsible).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(
      main
        .getRow(rows.indexOf(mine) + 1)
        .getCell(header.indexOf('5. Сведения об организации / Сведения / Ответственный (ФИО)') + 1).type,
    ).toBe(ExcelJS.ValueType.String);
    const notStarted = rows.find((r) => r[2] === '770007') as unknown[];
    expect(notStarted[4]).toBe('Не приступило');
    expect(notStarted.length).toBeLessThanOrEqual(7);

    const classes = workbook.worksheets[1] as ExcelJS.Worksheet;
    expect(classes.name).toBe('6. Классы, участвующие в исс');
    const classRows = rowsOf(classes);
    expect(classRows[0]).toEqual([
      'Регион',
      'Муниципалитет',
      'Код',
      'Организация',
      '№ строки',
      'Класс',
      'Литера',
      'Число обучающихся',
      'Учитель (ФИО)',
      'Дата проведения',
    ]);
    expect(classRows.filter((r) => r[2] === '770004').map((r) => r[5])).toEqual(['4 класс', '8 класс']);

    const audit = await server.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_login', '=', 'reg77')
      .where('action', 'like', 'export.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['export.downloaded', 'export.requested']);
  });

  it('covers only the requester’s scope', async () => {
    const mun = await server.client().login('mun77001');
    const me = (await mun.get('/api/auth/session')).body.user;
    const munRows = rowsOf(
      (await download(mun, (await exportAndWait(mun)).id)).workbook.getWorksheet(
        'Результаты',
      ) as ExcelJS.Worksheet,
    );
    const inMun = await server.database.db
      .selectFrom('responses')
      .select('id')
      .where('collection_id', '=', collectionId)
      .where('municipality_id', '=', me.municipalityId)
      .execute();
    expect(munRows.length - 1).toBe(inMun.length);

    const admin = await server.client().login('admin');
    const adminRows = rowsOf(
      (await download(admin, (await exportAndWait(admin, { regionCode: '50' })).id)).workbook.getWorksheet(
        'Результаты',
      ) as ExcelJS.Worksheet,
    );
    expect(new Set(adminRows.slice(1).map((r) => r[0]))).toEqual(new Set(['Московская область']));
  });

  it('answers 404 for another user’s export, 409 before it is ready, and 404 for another region’s collection', async () => {
    const reg = await server.client().login('reg77');
    const job = await exportAndWait(reg);
    for (const login of ['reg50', 'admin', 'mun77001']) {
      const other = await server.client().login(login);
      expect((await other.get(`/api/exports/${job.id}`)).status, login).toBe(404);
      expect((await download(other, job.id)).res.status, login).toBe(404);
    }
    const school = await server.client().login('sch770001');
    expect((await school.post(`/api/monitoring/collections/${collectionId}/exports`, {})).status).toBe(404);
    expect(
      (
        await (
          await server.client().login('reg01')
        ).post(`/api/monitoring/collections/${collectionId}/exports`, {})
      ).status,
    ).toBe(404);
    expect(
      (await reg.post(`/api/monitoring/collections/${collectionId}/exports`, { regionCode: 'x' })).status,
    ).toBe(400);
  });
});

describe('the export queue', () => {
  it('picks up a job cut short by a crash and finishes it', async () => {
    // A job whose runner died mid-way: marked running, its heartbeat stale, half a file stored.
    // It is written straight into the table (not asked for through the API), or the running
    // worker could take it as a fresh job before the test makes it look crashed.
    const db = server.database.db;
    const adminId = (
      await db.selectFrom('users').select('id').where('login', '=', 'admin').executeTakeFirstOrThrow()
    ).id;
    const inserted = await db
      .insertInto('export_jobs')
      .values({
        collection_id: collectionId,
        requested_by: adminId,
        scope_role: 'federal',
        scope_region_code: null,
        scope_municipality_id: null,
        scope_organization_id: null,
        region_filter: '77',
        file_name: 'crashed.xlsx',
        status: 'running',
        attempts: 1,
        progress: 40,
        heartbeat_at: new Date(Date.now() - 60_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const asked = { body: { id: inserted.id } };
    await db
      .insertInto('export_file_chunks')
      .values({ job_id: asked.body.id, seq: 0, data: Buffer.from('half a file') })
      .execute();

    const admin = await server.client().login('admin');
    let job: any;
    await waitFor(async () => {
      job = (await admin.get(`/api/exports/${asked.body.id}`)).body;
      return job.status === 'done' || job.status === 'failed';
    }, 'the export to be run again');
    expect(job.status).toBe('done');
    const row = await db
      .selectFrom('export_jobs')
      .select('attempts')
      .where('id', '=', asked.body.id)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(2);
    const { workbook } = await download(admin, asked.body.id);
    expect(rowsOf(workbook.getWorksheet('Результаты') as ExcelJS.Worksheet).length).toBeGreaterThan(30);
  });

  it('removes prepared files older than the configured age', async () => {
    const db = server.database.db;
    const admin = await db
      .selectFrom('users')
      .select('id')
      .where('login', '=', 'admin')
      .executeTakeFirstOrThrow();
    const old = await db
      .insertInto('export_jobs')
      .values({
        collection_id: collectionId,
        requested_by: admin.id,
        scope_role: 'federal',
        scope_region_code: null,
        scope_municipality_id: null,
        scope_organization_id: null,
        file_name: 'old.xlsx',
        status: 'done',
        created_at: new Date(Date.now() - 3 * 86_400_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('export_file_chunks')
      .values({ job_id: old.id, seq: 0, data: Buffer.from('x') })
      .execute();
    const s = await startTestServer({ database: server.database, config: { exportTtlMs: 86_400_000 } });
    try {
      await waitFor(
        async () =>
          !(await db.selectFrom('export_jobs').select('id').where('id', '=', old.id).executeTakeFirst()),
        'the old export to be removed',
      );
      expect(
        await db.selectFrom('export_jobs').select('id').where('id', '=', old.id).executeTakeFirst(),
      ).toBeUndefined();
      expect(
        await db.selectFrom('export_file_chunks').select('seq').where('job_id', '=', old.id).execute(),
      ).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

// «Загрузить из Excel» over HTTP: the form downloaded, edited with ExcelJS where the key sheet says,
// sent back for a preview and applied. The autosave rule of versions decides conflicts; refused
// files and other people's responses change nothing.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS_SHEET } from '../src/server/excel/form-workbook.js';
import { handMadeXlsx } from './import/zip.js';
import type { Client } from './support/client.js';
import { bytesOf, cellOf, downloadForm, newRowCell, sendForm } from './support/excel-form.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.close());

async function blocksOf(c: Client) {
  return (await c.get('/api/niko/data-collection')).body.rows as { responseId: number; open: boolean }[];
}
async function openResponseOf(c: Client): Promise<number> {
  return ((await blocksOf(c)).find((b) => b.open) as { responseId: number }).responseId;
}
async function cellsOf(
  c: Client,
  id: number,
): Promise<Record<string, { value: string | null; version: number }>> {
  return (await c.get(`/api/responses/${id}`)).body.cells;
}
let changeNo = 0;
async function typeInPortal(c: Client, id: number, cell: string, value: string | null) {
  const cells = await cellsOf(c, id);
  changeNo++;
  const res = await c.post(`/api/responses/${id}/changes`, {
    changes: [
      {
        id: `70000000-0000-4000-8000-${String(changeNo).padStart(12, '0')}`,
        cell,
        value,
        base: cells[cell]?.version ?? 0,
      },
    ],
  });
  expect(res.status, res.text).toBe(200);
}
/** What nothing may change: the response's cells and history, and the responses. */
async function snapshot() {
  const db = server.database.db;
  return {
    cells: await db
      .selectFrom('response_cells')
      .selectAll()
      .orderBy('response_id')
      .orderBy('cell_key')
      .execute(),
    history: (await db.selectFrom('cell_changes').select(db.fn.countAll().as('n')).executeTakeFirst())?.n,
    responses: await db.selectFrom('responses').selectAll().orderBy('id').execute(),
  };
}
function historyOf(responseId: number) {
  return server.database.db
    .selectFrom('cell_changes')
    .select(['cell_key', 'old_value', 'new_value', 'source', 'change_id'])
    .where('response_id', '=', responseId)
    .orderBy('at')
    .execute();
}

describe('a school loads its form back from Excel', () => {
  it('loads the file as downloaded back with 0 changes', async () => {
    const school = await server.client().login('sch770002');
    const id = await openResponseOf(school);
    await typeInPortal(school, id, 'pupils.g3.girls', '12');
    await typeInPortal(school, id, 'school.info.filled_on', '2026-03-01');
    const before = await snapshot();
    const bytes = await bytesOf(await downloadForm(school, id));
    const preview = await sendForm(school, id, 'preview', bytes);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body).toMatchObject({
      changeCount: 0,
      newRowCount: 0,
      changes: [],
      conflicts: [],
      errors: [],
    });
    expect(preview.body.summary).toBe('Изменений нет: файл совпадает с данными в портале.');
    const applied = await sendForm(school, id, 'apply', bytes);
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body).toMatchObject({ applied: 0, changeCount: 0 });
    const after = await snapshot();
    expect(after.cells).toEqual(before.cells);
    expect(after.history).toEqual(before.history);
  });

  it('previews the changes without changing anything, then applies them as «загружено из файла», once', async () => {
    const school = await server.client().login('sch770001');
    const id = await openResponseOf(school);
    const book = await downloadForm(school, id);
    cellOf(book, 'pupils.g1.boys').value = 21;
    cellOf(book, 'school.info.settlement').value = 'Сельская местность';
    cellOf(book, 'school.info.filled_on').value = new Date(Date.UTC(2026, 2, 15));
    cellOf(book, 'school.info.responsible').value = 'Иванова Мария Петровна';
    cellOf(book, 'equipment.boards.present').value = 'да';
    const bytes = await bytesOf(book);

    const before = await snapshot();
    const preview = await sendForm(school, id, 'preview', bytes);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.changeCount).toBe(5);
    expect(preview.body.summary).toBe('Будет изменено 5 ячеек.');
    expect(preview.body.changes).toContainEqual({
      cell: 'pupils.g1.boys',
      table: expect.stringMatching(/обучающихся/),
      row: '1 класс',
      column: expect.any(String),
      old: '',
      new: '21',
      error: null,
      newRow: false,
    });
    expect(preview.body.changes).toContainEqual(
      expect.objectContaining({ cell: 'school.info.settlement', new: 'Сельская местность' }),
    );
    expect(preview.body.changes).toContainEqual(
      expect.objectContaining({ cell: 'school.info.filled_on', new: '15.03.2026' }),
    );
    expect(await snapshot()).toEqual(before);

    const applied = await sendForm(school, id, 'apply', bytes);
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body).toMatchObject({ applied: 5, alreadyApplied: 0, changeCount: 5 });
    const cells = await cellsOf(school, id);
    expect(cells['pupils.g1.boys']?.value).toBe('21');
    expect(cells['school.info.settlement']?.value).toBe('rural');
    expect(cells['school.info.filled_on']?.value).toBe('2026-03-15');
    expect(cells['equipment.boards.present']?.value).toBe('true');
    const history = await historyOf(id);
    expect(history).toHaveLength(5);
    expect(history.every((h) => h.source === 'excel')).toBe(true);
    const page = await school.get(`/api/responses/${id}/history?cell=pupils.g1.boys`);
    expect(page.body.rows[0]).toMatchObject({ newValue: '21', source: 'excel', userLogin: 'sch770001' });

    // The same file again (a retry after the page was closed): nothing to do, nothing twice.
    const again = await sendForm(school, id, 'preview', bytes);
    expect(again.body).toMatchObject({ changeCount: 0, conflicts: [] });
    expect((await sendForm(school, id, 'apply', bytes)).body).toMatchObject({ applied: 0 });
    expect(await historyOf(id)).toHaveLength(5);
  });

  it('applies a file sent twice at once only once', async () => {
    const school = await server.client().login('sch770001');
    const id = await openResponseOf(school);
    const book = await downloadForm(school, id);
    cellOf(book, 'pupils.g5.boys').value = 30;
    cellOf(book, 'pupils.g5.girls').value = 31;
    const bytes = await bytesOf(book);
    const historyBefore = (await historyOf(id)).length;
    const [a, b] = await Promise.all([
      sendForm(school, id, 'apply', bytes),
      sendForm(school, id, 'apply', bytes),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.applied + b.body.applied).toBe(2);
    expect((await historyOf(id)).length).toBe(historyBefore + 2);
  });

  it('lists cells changed in the portal since the download as conflicts, and leaves them', async () => {
    const school = await server.client().login('sch770001');
    const id = await openResponseOf(school);
    await typeInPortal(school, id, 'pupils.g7.boys', '10');
    const book = await downloadForm(school, id);
    // Meanwhile, in the portal: one cell the file also changes, one it leaves as it was.
    await typeInPortal(school, id, 'pupils.g7.boys', '11');
    await typeInPortal(school, id, 'pupils.g8.boys', '8');
    cellOf(book, 'pupils.g7.boys').value = 12;
    cellOf(book, 'pupils.g9.boys').value = 9;
    const bytes = await bytesOf(book);

    const preview = await sendForm(school, id, 'preview', bytes);
    expect(preview.body.changeCount).toBe(1);
    expect(preview.body.changes.map((c: { cell: string }) => c.cell)).toEqual(['pupils.g9.boys']);
    expect(preview.body.conflicts).toEqual([
      expect.objectContaining({
        cell: 'pupils.g7.boys',
        yours: '12',
        current: '11',
        message: expect.stringMatching(/изменили в портале/),
      }),
    ]);
    const applied = await sendForm(school, id, 'apply', bytes);
    expect(applied.body).toMatchObject({
      applied: 1,
      conflicts: [expect.objectContaining({ cell: 'pupils.g7.boys' })],
    });
    const cells = await cellsOf(school, id);
    expect(cells['pupils.g7.boys']?.value).toBe('11');
    expect(cells['pupils.g8.boys']?.value).toBe('8');
    expect(cells['pupils.g9.boys']?.value).toBe('9');
  });

  it('puts every value through the validation engine, and does not load what cannot be read', async () => {
    const school = await server.client().login('sch770001');
    const id = await openResponseOf(school);
    const book = await downloadForm(school, id);
    cellOf(book, 'pupils.g10.boys').value = 'двадцать';
    cellOf(book, 'school.info.shifts').value = 7;
    cellOf(book, 'pupils.g10.girls').value = { formula: 'B1+1' } as ExcelJS.CellFormulaValue;
    cellOf(book, 'pupils.g11.girls').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
    const preview = await sendForm(school, id, 'preview', await bytesOf(book));
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.changeCount).toBe(2);
    const errors = preview.body.errors as { cell: string; message: string; applied: boolean }[];
    expect(errors).toContainEqual(
      expect.objectContaining({ cell: 'pupils.g10.boys', message: 'Введите число.', applied: true }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        cell: 'school.info.shifts',
        message: 'Значение не может быть больше 3.',
        applied: true,
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        cell: 'pupils.g10.girls',
        message: expect.stringMatching(/формула/),
        applied: false,
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        cell: 'pupils.g11.girls',
        message: expect.stringMatching(/#DIV\/0!/),
        applied: false,
      }),
    );
    // Stored as a draft, as typed in the table; the unreadable cells are not touched.
    const applied = await sendForm(school, id, 'apply', await bytesOf(book));
    expect(applied.body.applied).toBe(2);
    const cells = await cellsOf(school, id);
    expect(cells['pupils.g10.boys']?.value).toBe('двадцать');
    expect(cells['pupils.g10.girls']).toBeUndefined();
  });

  it('adds the rows filled in a dynamic table as new rows, once', async () => {
    const school = await server.client().login('sch770002');
    const id = await openResponseOf(school);
    const rowsBefore = Object.keys(await cellsOf(school, id)).filter((k) =>
      /^classes\.[^.]+\.__row$/.test(k),
    );
    const book = await downloadForm(school, id);
    newRowCell(book, 'classes', 0, 'grade').value = '4 класс';
    newRowCell(book, 'classes', 0, 'letter').value = 'Б';
    newRowCell(book, 'classes', 0, 'pupils').value = 25;
    newRowCell(book, 'classes', 0, 'date').value = new Date(Date.UTC(2026, 3, 20));
    newRowCell(book, 'classes', 1, 'pupils').value = 19;
    const bytes = await bytesOf(book);
    const preview = await sendForm(school, id, 'preview', bytes);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body).toMatchObject({ changeCount: 5, newRowCount: 2 });
    expect(preview.body.summary).toBe('Будет изменено 5 ячеек, добавлено 2 строки.');
    expect(preview.body.changes.every((c: { newRow: boolean }) => c.newRow)).toBe(true);
    expect(preview.body.changes[0].row).toBe(`Строка ${rowsBefore.length + 1}`);
    // The second new row lacks its required cells: the engine says so.
    expect(preview.body.errors).toContainEqual(
      expect.objectContaining({
        row: `Строка ${rowsBefore.length + 2}`,
        column: 'Класс',
        message: 'Заполните ячейку.',
        applied: true,
      }),
    );

    expect((await sendForm(school, id, 'apply', bytes)).body).toMatchObject({ applied: 5, newRowCount: 2 });
    const cells = await cellsOf(school, id);
    const rows = Object.keys(cells).filter((k) => /^classes\.[^.]+\.__row$/.test(k));
    expect(rows).toHaveLength(rowsBefore.length + 2);
    const added = rows
      .filter((r) => !rowsBefore.includes(r))
      .map((k) => k.split('.')[1])
      .sort();
    expect(cells[`classes.${added[0]}.letter`]?.value).toBe('Б');
    expect(cells[`classes.${added[0]}.date`]?.value).toBe('2026-04-20');
    expect(cells[`classes.${added[1]}.pupils`]?.value).toBe('19');
    // Again: the rows are found, not added twice.
    expect((await sendForm(school, id, 'preview', bytes)).body).toMatchObject({
      changeCount: 0,
      newRowCount: 0,
    });
    expect((await sendForm(school, id, 'apply', bytes)).body.applied).toBe(0);
    expect(
      Object.keys(await cellsOf(school, id)).filter((k) => /^classes\.[^.]+\.__row$/.test(k)),
    ).toHaveLength(rowsBefore.length + 2);
  });
});

describe('files that are refused whole, changing nothing', () => {
  async function expectRefused(
    c: Client,
    id: number,
    content: Uint8Array<ArrayBuffer> | string,
    status: number,
    code: string,
    detail: RegExp,
  ) {
    const before = await snapshot();
    for (const step of ['preview', 'apply'] as const) {
      const res = await sendForm(c, id, step, content);
      expect({ step, status: res.status, code: res.body?.title }).toEqual({ step, status, code });
      expect(res.body.detail).toMatch(detail);
    }
    expect(await snapshot()).toEqual(before);
  }

  it('refuses a broken file, a non-xlsx file, a zip bomb, and an xlsx without the key sheet', async () => {
    const school = await server.client().login('sch770001');
    const id = await openResponseOf(school);
    await expectRefused(
      school,
      id,
      'это не Excel',
      422,
      'unreadable_file',
      /не удалось прочитать книгу Excel/i,
    );
    const good = await bytesOf(await downloadForm(school, id));
    await expectRefused(school, id, good.slice(0, good.length / 2), 422, 'unreadable_file', /повреждён/);
    const bomb = handMadeXlsx({ data: Buffer.alloc(30 * 1024 * 1024, ' ') });
    await expectRefused(school, id, bomb, 413, 'file_too_large', /сжата необычно сильно/);
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('Лист1').getCell('A1').value = 5;
    await expectRefused(school, id, await bytesOf(plain), 422, 'no_key_sheet', /нет служебного листа/);
  });

  it('refuses a key sheet that was tampered with, or from before the versions were kept', async () => {
    const school = await server.client().login('sch770001');
    const id = await openResponseOf(school);
    const tampered = await downloadForm(school, id);
    const keys = tampered.getWorksheet(KEYS_SHEET) as ExcelJS.Worksheet;
    keys.getCell('C3').value = 'pupils.nosuch.boys';
    await expectRefused(school, id, await bytesOf(tampered), 422, 'tampered_file', /строка 3/);

    const computed = await downloadForm(school, id);
    const k = computed.getWorksheet(KEYS_SHEET) as ExcelJS.Worksheet;
    k.getCell('C3').value = 'pupils.primary.boys';
    k.getCell('E3').value = 'primary';
    await expectRefused(school, id, await bytesOf(computed), 422, 'tampered_file', /повреждён или изменён/);

    const renamed = await downloadForm(school, id);
    (renamed.worksheets[0] as ExcelJS.Worksheet).name = 'Мой лист';
    await expectRefused(
      school,
      id,
      await bytesOf(renamed),
      422,
      'tampered_file',
      /нет листа «1\. Численность/,
    );

    const template = await downloadForm(school, id);
    (template.getWorksheet(KEYS_SHEET) as ExcelJS.Worksheet).getCell('B1').value = null;
    await expectRefused(school, id, await bytesOf(template), 422, 'other_response', /пустой шаблон формы/);

    const old = await downloadForm(school, id);
    const oldKeys = old.getWorksheet(KEYS_SHEET) as ExcelJS.Worksheet;
    oldKeys.getRow(1).getCell(5).value = null;
    oldKeys.getRow(2).getCell(7).value = null;
    await expectRefused(school, id, await bytesOf(old), 422, 'old_file', /прежней версии портала/);
  });

  it('refuses a file of another organization, another collection or another form version', async () => {
    const school = await server.client().login('sch770001');
    const blocks = await blocksOf(school);
    const id = (blocks.find((b) => b.open) as { responseId: number }).responseId;
    const closedId = (blocks.find((b) => !b.open) as { responseId: number }).responseId;

    const other = await server.client().login('sch770002');
    const foreign = await bytesOf(await downloadForm(other, await openResponseOf(other)));
    await expectRefused(school, id, foreign, 422, 'other_response', /другой организации/);

    const lastYear = await bytesOf(await downloadForm(school, closedId));
    await expectRefused(school, id, lastYear, 422, 'other_collection', /форма сбора данных «/);

    const versioned = await downloadForm(school, id);
    const keys = versioned.getWorksheet(KEYS_SHEET) as ExcelJS.Worksheet;
    keys.getRow(1).getCell(4).value = Number(keys.getRow(1).getCell(4).value) + 1000;
    await expectRefused(
      school,
      id,
      await bytesOf(versioned),
      422,
      'other_form_version',
      /другой версии формы/,
    );
  });

  it('refuses a request without a file or not multipart', async () => {
    const school = await server.client().login('sch770001');
    const id = await openResponseOf(school);
    const json = await school.post(`/api/responses/${id}/excel-upload/preview`, {});
    expect(json.status).toBe(415);
    const empty = await school.upload(
      `/api/responses/${id}/excel-upload/preview`,
      { name: 'x', content: '' },
      {},
    );
    expect(empty.status).toBe(422);
  });
});

describe('who may load a file', () => {
  it('is the school itself: other schools and the coordinators get 404, and nothing changes', async () => {
    const owner = await server.client().login('sch770001');
    const id = await openResponseOf(owner);
    const book = await downloadForm(owner, id);
    cellOf(book, 'pupils.g2.girls').value = 3;
    const bytes = await bytesOf(book);
    const before = await snapshot();
    for (const login of ['sch770002', 'sch500001', 'mun77001', 'reg77', 'admin']) {
      const c = await server.client().login(login);
      for (const step of ['preview', 'apply'] as const) {
        const res = await sendForm(c, id, step, bytes);
        expect({ login, step, status: res.status }).toEqual({ login, step, status: 404 });
      }
    }
    const anonymous = await sendForm(server.client(), id, 'apply', bytes);
    expect(anonymous.status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it('is refused once the collection is closed, as autosave is', async () => {
    const school = await server.client().login('sch770001');
    const closedId = ((await blocksOf(school)).find((b) => !b.open) as { responseId: number }).responseId;
    const bytes = await bytesOf(await downloadForm(school, closedId));
    const before = await snapshot();
    for (const step of ['preview', 'apply'] as const) {
      const res = await sendForm(school, closedId, step, bytes);
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/Сбор данных закрыт/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('is refused while the report is accepted, as autosave is', async () => {
    // A demo report in Moscow that its coordinator accepted (src/server/demo/reviews.ts).
    const accepted = await server.database.db
      .selectFrom('responses as r')
      .innerJoin('users as u', 'u.organization_id', 'r.organization_id')
      .innerJoin('organizations as o', 'o.id', 'r.organization_id')
      .select(['r.id', 'u.login'])
      .where('r.review_state', '=', 'accepted')
      .where('o.region_code', '=', '77')
      .orderBy('r.id')
      .executeTakeFirstOrThrow();
    const school = await server.client().login(accepted.login);
    const bytes = await bytesOf(await downloadForm(school, accepted.id));
    const before = await snapshot();
    for (const step of ['preview', 'apply'] as const) {
      const res = await sendForm(school, accepted.id, step, bytes);
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/Отчёт принят координатором/);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('the write limit', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({
      demo: true,
      config: { writeLimits: { requests: 1000, characters: 60, windowMs: 3_600_000 } },
    });
  });
  afterAll(() => limited.close());

  it('counts the values a file would store, as autosave counts typed ones: over it, nothing applies', async () => {
    const school = await limited.client().login('sch770001');
    const id = (
      (await school.get('/api/niko/data-collection')).body.rows as { open: boolean; responseId: number }[]
    ).find((b) => b.open)?.responseId as number;
    const book = await downloadForm(school, id);
    cellOf(book, 'school.info.responsible').value = 'Я'.repeat(100);
    const bytes = await bytesOf(book);
    const before = await limited.database.db
      .selectFrom('response_cells')
      .selectAll()
      .where('response_id', '=', id)
      .execute();
    expect((await sendForm(school, id, 'preview', bytes)).status).toBe(200);
    const res = await sendForm(school, id, 'apply', bytes);
    expect(res.status).toBe(429);
    expect(res.body.detail).toMatch(/Слишком много изменений/);
    expect(
      await limited.database.db
        .selectFrom('response_cells')
        .selectAll()
        .where('response_id', '=', id)
        .execute(),
    ).toEqual(before);
  });
});

// Import of organizations and users from CSV and XLSX, through HTTP against a real database:
// formats and encodings, the per-row report with its Russian messages, all-or-nothing versus
// valid rows only, accounts with one-time passwords, audit, access and the size limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp1251, csv, ORG_COLUMNS, readXlsx, USER_COLUMNS, XLSX_TYPE, xlsx } from './import/files.js';
import type { Client } from './support/client.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
  admin = await server.client().login('admin');
});
afterAll(() => server.close());

const db = () => server.database.db;

type Content = string | Uint8Array<ArrayBuffer>;
type Options = { mode?: string; name?: string; type?: string; client?: Client };

function importFile(subject: 'organizations' | 'users', content: Content, o: Options = {}) {
  const name = o.name ?? `${subject}.csv`;
  const type = o.type ?? (name.endsWith('.xlsx') ? XLSX_TYPE : 'text/csv');
  return (o.client ?? admin).upload(
    `/api/import/${subject}`,
    { name, content, type },
    o.mode ? { mode: o.mode } : {},
  );
}
const importOrgs = (content: Content, o?: Options) => importFile('organizations', content, o);
const importUsers = (content: Content, o?: Options) => importFile('users', content, o);

/** Row counts and the latest change of both tables: a refused import must leave all four alone. */
async function snapshot() {
  const of = (table: 'organizations' | 'users') =>
    db()
      .selectFrom(table)
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('last')])
      .executeTakeFirstOrThrow()
      .then((r) => ({ n: Number(r.n), last: String(r.last) }));
  return { organizations: await of('organizations'), users: await of('users') };
}

function organization(code: string) {
  return db()
    .selectFrom('organizations as o')
    .innerJoin('municipalities as m', 'm.id', 'o.municipality_id')
    .select([
      'o.id',
      'o.short_name',
      'o.full_name',
      'o.kind',
      'o.region_code',
      'o.is_active',
      'm.code as municipality_code',
    ])
    .where('o.code', '=', code)
    .executeTakeFirst();
}

function user(login: string) {
  return db().selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
}

async function lastAudit(action: string) {
  return db()
    .selectFrom('audit_log')
    .select(['action', 'object_type', 'actor_login', 'details'])
    .where('action', '=', action)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Expects a refused import that changed nothing, and answers its report. */
async function expectRefused(send: () => Promise<{ status: number; body: any }>) {
  const before = await snapshot();
  const res = await send();
  expect(res.status).toBe(422);
  expect(res.body).toMatchObject({ title: 'import_refused', applied: false, created: 0, updated: 0 });
  expect(await snapshot()).toEqual(before);
  return res.body;
}

const orgRow = (code: string, name: string, over: Partial<Record<string, string>> = {}) => {
  const row: Record<string, string> = {
    code,
    short_name: name,
    full_name: `Полное наименование: ${name}`,
    kind: 'школа',
    region_code: code.slice(0, 2),
    municipality_code: `${code.slice(0, 2)}001`,
    ...over,
  };
  return ORG_COLUMNS.map((c) => row[c] ?? '');
};

describe('templates', () => {
  async function download(path: string) {
    const res = await fetch(server.url + path, {
      headers: { cookie: `niko_session=${admin.cookie('niko_session')}` },
    });
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  }

  it('offers CSV and XLSX templates with the documented columns and one example row', async () => {
    const orgHeader = [
      'Код организации',
      'Краткое наименование',
      'Полное наименование',
      'Тип организации',
      'Код региона',
      'Код муниципалитета',
      'Активна',
    ];
    const userHeader = [
      'Логин',
      'Роль',
      'ФИО',
      'Электронная почта',
      'Код региона',
      'Код муниципалитета',
      'Код организации',
      'Активен',
    ];
    for (const [subject, header] of [
      ['organizations', orgHeader],
      ['users', userHeader],
    ] as const) {
      const { res, bytes } = await download(`/api/import/${subject}/template.csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="import-${subject}.csv"`);
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder().decode(bytes).split('\r\n');
      expect(lines[0]?.split(';')).toEqual(header);
      expect(lines.filter(Boolean)).toHaveLength(2);

      const book = await download(`/api/import/${subject}/template.xlsx`);
      expect(book.res.status).toBe(200);
      expect(book.res.headers.get('content-type')).toBe(XLSX_TYPE);
      expect(book.res.headers.get('content-disposition')).toBe(
        `attachment; filename="import-${subject}.xlsx"`,
      );
      const rows = await readXlsx(book.bytes);
      expect(rows[0]).toEqual(header);
      expect(rows).toHaveLength(2);
    }
  });

  it('imports its own example rows unchanged', async () => {
    const orgs = await download('/api/import/organizations/template.xlsx');
    const created = await importOrgs(orgs.bytes, { name: 'template.xlsx' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ applied: true, total: 1, created: 1, updated: 0, refused: [] });
    const again = await download('/api/import/organizations/template.csv');
    const updated = await importOrgs(again.bytes, { name: 'template.csv' });
    expect(updated.body).toMatchObject({ applied: true, total: 1, created: 0, updated: 1, refused: [] });

    const users = await download('/api/import/users/template.xlsx');
    const res = await importUsers(users.bytes, { name: 'users.xlsx' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, credentials: [{ login: 'ivanova.mo' }] });
  });
});

describe('organizations: successful imports', () => {
  it('creates new organizations with accounts and updates existing ones (CSV, UTF-8, comma)', async () => {
    const file = csv([
      [...ORG_COLUMNS, 'is_active'],
      [...orgRow('770201', 'ГБОУ Школа № 2201'), 'да'],
      [...orgRow('500201', 'МБОУ СОШ № 201', { kind: 'spo', municipality_code: '50002' }), ''],
      [...orgRow('770001', 'ГБОУ Школа № 1001 имени А. С. Пушкина'), ''],
    ]);
    const res = await importOrgs(file, { name: 'orgs.csv' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({
      applied: true,
      mode: 'all',
      total: 3,
      created: 2,
      updated: 1,
      refused: [],
    });
    expect(res.body.credentials.map((c: any) => c.login).sort()).toEqual(['sch500201', 'sch770201']);
    for (const c of res.body.credentials) expect(c.oneTimePassword).toMatch(/^[A-Za-z2-9]{12}$/);

    expect(await organization('770001')).toMatchObject({
      short_name: 'ГБОУ Школа № 1001 имени А. С. Пушкина',
      municipality_code: '77001',
      is_active: true,
    });
    const org = await organization('500201');
    expect(org).toMatchObject({
      kind: 'spo',
      region_code: '50',
      municipality_code: '50002',
      is_active: true,
    });
    expect(await user('sch500201')).toMatchObject({
      role: 'organization',
      organization_id: org?.id,
      must_change_password: true,
      is_active: true,
    });
    const entry = await lastAudit('directory.import');
    expect(entry).toMatchObject({ object_type: 'organizations', actor_login: 'admin' });
    expect(entry?.details).toMatchObject({
      fileName: 'orgs.csv',
      format: 'csv',
      encoding: 'utf-8',
      mode: 'all',
      total: 3,
      created: 2,
      updated: 1,
      refused: 0,
    });
    expect(JSON.stringify(entry?.details)).not.toContain(res.body.credentials[0].oneTimePassword);
  });

  it("gives the new organization's account a one-time password that must be changed first", async () => {
    const res = await importOrgs(csv([ORG_COLUMNS, orgRow('770202', 'ГБОУ Школа № 2202')]));
    expect(res.status).toBe(200);
    const [cred] = res.body.credentials;
    expect(cred.login).toBe('sch770202');

    const school = await server.client().login(cred.login, cred.oneTimePassword);
    const me = await school.get('/api/auth/session');
    expect(me.body.user).toMatchObject({
      login: 'sch770202',
      role: 'organization',
      mustChangePassword: true,
    });
    const blocked = await school.get('/api/audit');
    expect(blocked.status).toBe(403);
    expect(blocked.body.title).toBe('password_change_required');

    const changed = await school.post('/api/auth/password', {
      currentPassword: cred.oneTimePassword,
      newPassword: 'Новый-пароль-2024',
    });
    expect(changed.status).toBe(200);
    expect((await school.get('/api/auth/session')).body.user.mustChangePassword).toBe(false);
    // Past the password gate, the policy answers: organizations may not read the audit log.
    const forbidden = await school.get('/api/audit');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.title).toBe('forbidden');
  });

  it('reads CSV in Windows-1251 with semicolons', async () => {
    const name = 'ГБПОУ «Колледж связи № 54»';
    const bytes = cp1251(
      csv(
        [
          [
            'Код организации',
            'Краткое наименование',
            'Полное наименование',
            'Тип',
            'Код региона',
            'Код муниципалитета',
          ],
          [
            '770203',
            name,
            'Государственное бюджетное профессиональное образовательное учреждение — колледж',
            'СПО',
            '77',
            '77005',
          ],
          ['770204', 'МБУ ДО ЦДТ «Ёлочка»', 'Центр детского творчества «Ёлочка»', 'другое', '77', '77006'],
        ],
        ';',
      ),
    );
    const res = await importOrgs(bytes, { name: 'orgs-1251.csv' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applied: true, total: 2, created: 2, refused: [] });
    expect(await organization('770203')).toMatchObject({
      short_name: name,
      kind: 'spo',
      municipality_code: '77005',
    });
    expect(await organization('770204')).toMatchObject({ short_name: 'МБУ ДО ЦДТ «Ёлочка»', kind: 'other' });
    expect((await lastAudit('directory.import'))?.details).toMatchObject({ encoding: 'windows-1251' });
  });

  it('reads CSV in UTF-8 with a BOM and headers in any case', async () => {
    const text = `\ufeff${csv([
      ['КОД ОРГАНИЗАЦИИ', 'краткое наименование', 'Full_Name', 'KIND', 'Код региона', 'municipality_code'],
      orgRow('770205', 'ГБОУ Школа № 2205', { kind: 'School' }),
    ])}`;
    const res = await importOrgs(text);
    expect(res.body).toMatchObject({ applied: true, created: 1 });
    expect(await organization('770205')).toMatchObject({ kind: 'school' });
  });

  it("keeps quotes inside unquoted fields and honours Excel's «sep=» line", async () => {
    const text =
      'sep=;\r\ncode;short_name;full_name;kind;region_code;municipality_code\r\n' +
      '770210;МБОУ "СОШ № 210";"Школа; с ""кавычками""";школа;77;77001\r\n';
    const res = await importOrgs(text);
    expect(res.body).toMatchObject({ applied: true, created: 1, refused: [] });
    expect(await organization('770210')).toMatchObject({
      short_name: 'МБОУ "СОШ № 210"',
      full_name: 'Школа; с "кавычками"',
    });
  });

  it('reads XLSX, recognised by its content rather than its name', async () => {
    const book = await xlsx([
      ORG_COLUMNS,
      [
        770206,
        'ГБОУ Школа № 2206',
        'Государственное бюджетное общеобразовательное учреждение',
        'школа',
        77,
        77007,
      ],
      [
        '500202',
        'МБОУ Гимназия № 202',
        'Муниципальное бюджетное общеобразовательное учреждение',
        'school',
        '50',
        '50003',
      ],
    ]);
    const res = await importOrgs(book, { name: 'export.dat', type: 'application/octet-stream' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applied: true, total: 2, created: 2, refused: [] });
    expect(await organization('770206')).toMatchObject({ municipality_code: '77007', region_code: '77' });
    expect((await lastAudit('directory.import'))?.details).toMatchObject({ format: 'xlsx' });
  });

  it('deactivates an organization with «нет»: its account can no longer sign in', async () => {
    const res = await importOrgs(
      csv([
        [...ORG_COLUMNS, 'is_active'],
        [...orgRow('770003', 'ГБОУ Школа № 1003', { municipality_code: '77003' }), 'нет'],
      ]),
    );
    expect(res.body).toMatchObject({ applied: true, updated: 1, created: 0 });
    expect(res.body.credentials).toBeUndefined();
    expect((await organization('770003'))?.is_active).toBe(false);
    const signIn = await server.client().post('/api/auth/login', { login: 'sch770003', password: 'demo' });
    expect(signIn.status).toBe(401);
  });

  it('with mode valid-only applies the valid rows and reports the others', async () => {
    const before = await snapshot();
    const res = await importOrgs(
      csv([
        ORG_COLUMNS,
        orgRow('770207', 'ГБОУ Школа № 2207'),
        orgRow('990001', 'Школа в несуществующем регионе'),
        orgRow('770208', 'ГБОУ Школа № 2208'),
      ]),
      { mode: 'valid-only' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applied: true, mode: 'valid-only', total: 3, created: 2, updated: 0 });
    expect(res.body.refused).toEqual([
      {
        row: 3,
        errors: [
          { column: 'region_code', message: 'Не найден регион с кодом 99' },
          { column: 'municipality_code', message: 'Не найден муниципалитет с кодом 99001' },
        ],
      },
    ]);
    expect((await snapshot()).organizations.n).toBe(before.organizations.n + 2);
    expect(await organization('990001')).toBeUndefined();
    expect((await lastAudit('directory.import'))?.details).toMatchObject({ mode: 'valid-only', refused: 1 });
  });

  it('takes the mode field before or after the file part', async () => {
    for (const modeFirst of [true, false]) {
      const file = csv([ORG_COLUMNS, orgRow('770209', 'ГБОУ Школа № 2209', { kind: 'лицей' })]);
      const form = new FormData();
      if (modeFirst) form.append('mode', 'valid-only');
      form.append('file', new Blob([file], { type: 'text/csv' }), 'a.csv');
      if (!modeFirst) form.append('mode', 'valid-only');
      const res = await admin.request('POST', '/api/import/organizations', { body: form });
      // In mode «all» the bad kind would refuse the file with 422.
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        mode: 'valid-only',
        applied: true,
        created: 0,
        refused: [{ row: 2 }],
      });
    }
  });
});

describe('organizations: refused files change nothing', () => {
  const WRONG_ENCODING =
    'Не удалось прочитать файл: кодировка не поддерживается или файл не является CSV. ' +
    'Сохраните его как «CSV UTF-8» или CSV в кодировке Windows-1251, либо как книгу Excel (XLSX)';
  const fileError = (message: string, column = '') => [{ row: 1, errors: [{ column, message }] }];

  it('refuses a file in a wrong encoding', async () => {
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...Buffer.from(csv([ORG_COLUMNS, orgRow('770301', 'Школа')]), 'utf16le'),
    ]);
    const report = await expectRefused(() => importOrgs(utf16, { mode: 'valid-only' }));
    expect(report.refused).toEqual(
      fileError(
        'Файл сохранён в кодировке UTF-16, она не поддерживается. Сохраните его как «CSV UTF-8» или CSV в кодировке Windows-1251',
      ),
    );
    expect(report.detail).toMatch(/^Файл сохранён в кодировке UTF-16, .+ Windows-1251\.$/);

    const garbage = new Uint8Array(600).map((_, i) => (i * 7919 + 13) % 256);
    expect((await expectRefused(() => importOrgs(garbage))).refused).toEqual(fileError(WRONG_ENCODING));
    const withNul = new TextEncoder().encode(`code\0,short_name\n770301,Школа\n`);
    expect((await expectRefused(() => importOrgs(withNul))).refused).toEqual(fileError(WRONG_ENCODING));
    const replaced = csv([ORG_COLUMNS, orgRow('770301', 'Шк\ufffdла')]);
    expect((await expectRefused(() => importOrgs(replaced))).refused).toEqual(fileError(WRONG_ENCODING));

    const entry = await lastAudit('directory.import_refused');
    expect(entry).toMatchObject({ object_type: 'organizations', actor_login: 'admin' });
    expect(entry?.details).toMatchObject({ fileErrors: [WRONG_ENCODING], refused: 1, total: 0 });
  });

  it('refuses an empty file and a file with the header only', async () => {
    const empty = 'Файл пуст: в нём нет ни заголовка, ни строк с данными';
    expect((await expectRefused(() => importOrgs(''))).refused).toEqual(fileError(empty));
    expect((await expectRefused(() => importOrgs('\ufeff\r\n;;\r\n'))).refused).toEqual(fileError(empty));
    expect((await expectRefused(() => importOrgs(new Uint8Array(), { name: 'a.xlsx' }))).refused).toEqual(
      fileError(empty),
    );
    const headerOnly = await expectRefused(() => importOrgs(csv([ORG_COLUMNS]), { mode: 'valid-only' }));
    expect(headerOnly.refused).toEqual(
      fileError('В файле нет строк с данными: под заголовком ничего не заполнено'),
    );
    const emptyBook = await expectRefused(async () => importOrgs(await xlsx([]), { name: 'a.xlsx' }));
    expect(emptyBook.refused).toEqual(fileError(empty));
  });

  it('refuses a file without a required column, naming each missing one', async () => {
    const without = ORG_COLUMNS.filter((c) => c !== 'kind' && c !== 'code');
    const rows = [without, ['ГБОУ Школа', 'Полное', '77', '77001']];
    const report = await expectRefused(() => importOrgs(csv(rows), { mode: 'valid-only' }));
    expect(report.refused).toEqual([
      {
        row: 1,
        errors: [
          { column: 'code', message: 'Отсутствует обязательный столбец «code» (Код организации)' },
          { column: 'kind', message: 'Отсутствует обязательный столбец «kind» (Тип организации)' },
        ],
      },
    ]);
  });

  it('refuses a file naming a column twice', async () => {
    const report = await expectRefused(() =>
      importOrgs(
        csv([
          [...ORG_COLUMNS, 'Код организации'],
          [...orgRow('770301', 'Школа'), '770301'],
        ]),
      ),
    );
    expect(report.refused).toEqual(fileError('Столбец «code» указан в файле дважды', 'code'));
  });

  it('refuses a code repeated within the file, on both rows', async () => {
    const report = await expectRefused(() =>
      importOrgs(
        csv([
          ORG_COLUMNS,
          orgRow('770301', 'Школа А'),
          orgRow('770302', 'Школа Б'),
          orgRow('770301', 'Школа В'),
        ]),
      ),
    );
    expect(report.total).toBe(3);
    expect(report.refused).toEqual([
      { row: 2, errors: [{ column: 'code', message: 'Код 770301 повторяется в файле (строка 4)' }] },
      { row: 4, errors: [{ column: 'code', message: 'Код 770301 повторяется в файле (строка 2)' }] },
    ]);
    expect(report.detail).toBe(
      'Импорт не выполнен: в файле есть ошибки (строк с ошибками: 2). Исправьте их или загрузите только корректные строки.',
    );
  });

  it('refuses an unknown region, a code of another region, an unknown municipality and one of another region', async () => {
    const report = await expectRefused(() =>
      importOrgs(
        csv([
          ORG_COLUMNS,
          orgRow('990001', 'Школа', { municipality_code: '77001' }),
          orgRow('500301', 'Школа', { region_code: '77', municipality_code: '77001' }),
          orgRow('770301', 'Школа', { municipality_code: '77099' }),
          orgRow('500302', 'Школа', { municipality_code: '77001' }),
          orgRow('770302', 'Школа'),
        ]),
      ),
    );
    expect(report.refused).toEqual([
      { row: 2, errors: [{ column: 'region_code', message: 'Не найден регион с кодом 99' }] },
      {
        row: 3,
        errors: [{ column: 'code', message: 'Код организации 500301 должен начинаться с кода региона 77' }],
      },
      { row: 4, errors: [{ column: 'municipality_code', message: 'Не найден муниципалитет с кодом 77099' }] },
      {
        row: 5,
        errors: [{ column: 'municipality_code', message: 'Муниципалитет 77001 не относится к региону 50' }],
      },
    ]);
  });

  it('refuses an invalid kind, over-long names, malformed codes and flags, and counts blank rows', async () => {
    const report = await expectRefused(() =>
      importOrgs(
        csv(
          [
            [...ORG_COLUMNS, 'is_active'],
            [...orgRow('770301', 'Школа', { kind: 'гимназия' }), ''],
            [],
            [...orgRow('770302', 'Ш'.repeat(301), { full_name: 'П'.repeat(1001) }), ''],
            [...orgRow('77030', 'Школа', { region_code: '7', municipality_code: '7700A' }), 'может быть'],
            [...orgRow('770303', ''), ''],
          ],
          ';',
        ),
      ),
    );
    expect(report.total).toBe(4);
    expect(report.refused).toEqual([
      {
        row: 2,
        errors: [
          {
            column: 'kind',
            message: 'Неизвестный тип организации «гимназия»: укажите школа, СПО или другое',
          },
        ],
      },
      {
        row: 4,
        errors: [
          { column: 'short_name', message: 'Краткое наименование длиннее 300 символов (сейчас 301)' },
          { column: 'full_name', message: 'Полное наименование длиннее 1000 символов (сейчас 1001)' },
        ],
      },
      {
        row: 5,
        errors: [
          { column: 'code', message: 'Код организации должен состоять из 6 цифр, указано «77030»' },
          { column: 'region_code', message: 'Код региона должен состоять из 2 цифр, указано «7»' },
          {
            column: 'municipality_code',
            message: 'Код муниципалитета должен состоять из 5 цифр, указано «7700A»',
          },
          { column: 'is_active', message: 'Укажите «да» или «нет», указано «может быть»' },
        ],
      },
      { row: 6, errors: [{ column: 'short_name', message: 'Не заполнено обязательное поле' }] },
    ]);
  });

  it('refuses a CSV with an unclosed quote', async () => {
    const text = `${ORG_COLUMNS.join(',')}\n"770301,Школа,П,школа,77,77001\n`;
    const report = await expectRefused(() => importOrgs(text));
    expect(report.refused).toEqual(
      fileError('Не удалось разобрать CSV (строка 2): проверьте кавычки и разделители'),
    );
  });

  it('refuses an old XLS and a CSV named .xlsx', async () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect((await expectRefused(() => importOrgs(xls, { name: 'old.xls' }))).refused).toEqual(
      fileError(
        'Формат XLS (Excel 97–2003) не поддерживается: сохраните файл как «Книга Excel (.xlsx)» или как CSV',
      ),
    );
    const named = await expectRefused(() =>
      importOrgs(csv([ORG_COLUMNS, orgRow('770301', 'Школа')]), { name: 'orgs.xlsx' }),
    );
    expect(named.refused).toEqual(
      fileError(
        'Файл назван .xlsx, но не является книгой Excel: сохраните его в Excel как «Книга Excel (.xlsx)»',
      ),
    );
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    expect(
      (await expectRefused(() => importOrgs(broken, { name: 'b.xlsx' }))).refused[0].errors[0].message,
    ).toMatch(/^Не удалось прочитать книгу Excel/);
  });
});

describe('users', () => {
  const userRow = (row: Partial<Record<string, string>>) => USER_COLUMNS.map((c) => row[c] ?? '');

  it('creates users of every role from XLSX, each with a one-time password', async () => {
    const book = await xlsx([
      USER_COLUMNS,
      userRow({ login: 'fed.petrov', role: 'federal', full_name: 'Петров Пётр', email: 'petrov@example.ru' }),
      userRow({
        login: 'Reg50.Sidorova',
        role: 'Региональный координатор',
        full_name: 'Сидорова Анна',
        region_code: '50',
      }),
      userRow({
        login: 'mun77002.kozlov',
        role: 'municipal',
        full_name: 'Козлов Иван',
        municipality_code: '77002',
      }),
      userRow({
        login: 'sch770002.zam',
        role: 'Образовательная организация',
        full_name: 'Заместитель директора',
        organization_code: '770002',
      }),
    ]);
    const res = await importUsers(book, { name: 'users.xlsx' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applied: true, total: 4, created: 4, updated: 0, refused: [] });
    const logins = res.body.credentials.map((c: any) => c.login);
    expect(logins).toEqual(['fed.petrov', 'reg50.sidorova', 'mun77002.kozlov', 'sch770002.zam']);

    expect(await user('fed.petrov')).toMatchObject({
      role: 'federal',
      email: 'petrov@example.ru',
      region_code: null,
    });
    expect(await user('reg50.sidorova')).toMatchObject({ role: 'regional', region_code: '50', email: '' });
    const org = await organization('770002');
    expect(await user('sch770002.zam')).toMatchObject({
      role: 'organization',
      organization_id: org?.id,
      must_change_password: true,
    });

    const cred = res.body.credentials[2];
    const mun = await server.client().login(cred.login, cred.oneTimePassword);
    expect((await mun.get('/api/auth/session')).body.user).toMatchObject({
      role: 'municipal',
      mustChangePassword: true,
    });
    expect(await lastAudit('directory.import')).toMatchObject({ object_type: 'users' });
  });

  it("updates an existing user's name, e-mail and active flag, and signs a deactivated user out", async () => {
    const mun = await server.client().login('mun77003');
    const res = await importUsers(
      csv([
        [...USER_COLUMNS, 'is_active'],
        [
          ...userRow({
            login: 'reg77',
            role: 'regional',
            full_name: 'Новиков Олег',
            email: 'novikov@example.ru',
            region_code: '77',
          }),
          '',
        ],
        [
          ...userRow({
            login: 'mun77003',
            role: 'Муниципальный координатор',
            full_name: 'Уволен',
            municipality_code: '77003',
          }),
          'нет',
        ],
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applied: true, created: 0, updated: 2 });
    expect(res.body.credentials).toBeUndefined();
    expect(await user('reg77')).toMatchObject({
      full_name: 'Новиков Олег',
      email: 'novikov@example.ru',
      role: 'regional',
      region_code: '77',
      is_active: true,
      must_change_password: false,
    });
    expect(await user('mun77003')).toMatchObject({ is_active: false, full_name: 'Уволен' });
    expect((await mun.get('/api/auth/session')).status).toBe(401);
  });

  it('refuses bad logins, roles, scopes, references and e-mails, and changes nothing', async () => {
    const report = await expectRefused(() =>
      importUsers(
        csv([
          [...USER_COLUMNS, 'is_active'],
          [...userRow({ login: 'Иванов', role: 'federal', full_name: 'Иванов' }), ''],
          [...userRow({ login: 'x', role: 'директор', full_name: 'Икс' }), ''],
          [...userRow({ login: 'reg.new', role: 'regional', full_name: 'Без региона' }), ''],
          [
            ...userRow({
              login: 'fed.new',
              role: 'federal',
              full_name: 'Лишнее',
              organization_code: '770001',
            }),
            '',
          ],
          [
            ...userRow({
              login: 'reg77',
              role: 'municipal',
              full_name: 'Смена роли',
              municipality_code: '77001',
            }),
            '',
          ],
          [
            ...userRow({ login: 'reg77', role: 'regional', full_name: 'Смена региона', region_code: '50' }),
            '',
          ],
          [
            ...userRow({ login: 'mun.new', role: 'municipal', full_name: 'М', municipality_code: '77099' }),
            '',
          ],
          [
            ...userRow({
              login: 'sch.new',
              role: 'organization',
              full_name: 'Ш'.repeat(301),
              organization_code: '779999',
            }),
            '',
          ],
          [
            ...userRow({
              login: 'reg99',
              role: 'regional',
              full_name: 'Р',
              region_code: '99',
              email: 'not-an-email',
            }),
            '',
          ],
          [...userRow({ login: 'admin', role: 'federal', full_name: 'Оператор ФИС ОКО' }), 'нет'],
        ]),
        { mode: 'all' },
      ),
    );
    expect(report.refused).toEqual([
      {
        row: 2,
        errors: [
          {
            column: 'login',
            message:
              'Логин «иванов» не подходит: от 2 до 64 знаков, только строчные латинские буквы, цифры и знаки _ . -',
          },
        ],
      },
      {
        row: 3,
        errors: [
          {
            column: 'login',
            message:
              'Логин «x» не подходит: от 2 до 64 знаков, только строчные латинские буквы, цифры и знаки _ . -',
          },
          {
            column: 'role',
            message:
              'Неизвестная роль «директор»: укажите одну из «Федеральный оператор» (federal), «Региональный координатор» (regional), «Муниципальный координатор» (municipal), «Образовательная организация» (organization)',
          },
        ],
      },
      {
        row: 4,
        errors: [
          {
            column: 'region_code',
            message: 'Для роли «Региональный координатор» заполните столбец «region_code»',
          },
        ],
      },
      {
        row: 5,
        errors: [
          {
            column: 'organization_code',
            message: 'Для роли «Федеральный оператор» столбец «organization_code» должен быть пустым',
          },
        ],
      },
      {
        row: 6,
        errors: [
          { column: 'login', message: 'Логин reg77 повторяется в файле (строка 7)' },
          {
            column: 'role',
            message:
              'Роль пользователя reg77 нельзя изменить импортом: сейчас «Региональный координатор», в файле «Муниципальный координатор»',
          },
        ],
      },
      {
        row: 7,
        errors: [
          { column: 'login', message: 'Логин reg77 повторяется в файле (строка 6)' },
          {
            column: 'role',
            message:
              'Область доступа пользователя reg77 нельзя изменить импортом: сейчас регион 77, в файле регион 50',
          },
        ],
      },
      { row: 8, errors: [{ column: 'municipality_code', message: 'Не найден муниципалитет с кодом 77099' }] },
      {
        row: 9,
        errors: [
          { column: 'full_name', message: 'ФИО длиннее 300 символов (сейчас 301)' },
          { column: 'organization_code', message: 'Не найдена организация с кодом 779999' },
        ],
      },
      {
        row: 10,
        errors: [
          { column: 'email', message: 'Неверный адрес электронной почты «not-an-email»' },
          { column: 'region_code', message: 'Не найден регион с кодом 99' },
        ],
      },
      {
        row: 11,
        errors: [{ column: 'is_active', message: 'Нельзя деактивировать собственную учётную запись' }],
      },
    ]);
  });

  it('refuses a users file without the login column', async () => {
    const report = await expectRefused(() =>
      importUsers(
        csv([
          ['role', 'full_name'],
          ['federal', 'Без логина'],
        ]),
        { mode: 'valid-only' },
      ),
    );
    expect(report.refused).toEqual([
      { row: 1, errors: [{ column: 'login', message: 'Отсутствует обязательный столбец «login» (Логин)' }] },
    ]);
  });
});

describe('access and limits', () => {
  it('lets only the federal operator import or download templates', async () => {
    for (const login of ['reg77', 'sch770001']) {
      const c = await server.client().login(login);
      const res = await importOrgs(csv([ORG_COLUMNS, orgRow('770401', 'Школа')]), { client: c });
      expect(res.status).toBe(403);
      expect((await importUsers(csv([USER_COLUMNS]), { client: c })).status).toBe(403);
      for (const path of ['organizations/template.csv', 'users/template.xlsx']) {
        expect((await c.get(`/api/import/${path}`)).status).toBe(403);
      }
    }
    expect(await organization('770401')).toBeUndefined();
    const anonymous = server.client();
    expect((await anonymous.get('/api/import/organizations/template.csv')).status).toBe(401);
  });

  it('answers 400 without a file or with an unknown mode, and 415 without multipart', async () => {
    const form = new FormData();
    form.append('mode', 'all');
    const noFile = await admin.request('POST', '/api/import/organizations', { body: form });
    expect(noFile.status).toBe(400);
    expect(noFile.body.detail).toBe('Приложите файл для импорта.');
    const badMode = await importOrgs(csv([ORG_COLUMNS, orgRow('770402', 'Школа')]), { mode: 'some' });
    expect(badMode.status).toBe(400);
    expect(badMode.body.errors[0].path).toBe('mode');
    const json = await admin.post('/api/import/organizations', { file: 'x' });
    expect(json.status).toBe(415);
    expect(await organization('770402')).toBeUndefined();
  });

  it('answers 413 for a file over the limit and changes nothing', async () => {
    const small = await startTestServer({
      demo: true,
      database: server.database,
      config: { importLimitBytes: 1000 },
    });
    try {
      const c = await small.client().login('admin');
      const rows = [ORG_COLUMNS];
      for (let i = 0; i < 30; i++)
        rows.push(orgRow(`7705${String(i).padStart(2, '0')}`, `ГБОУ Школа № ${i}`));
      const before = await snapshot();
      const res = await importOrgs(csv(rows), { client: c, mode: 'valid-only' });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({
        title: 'payload_too_large',
        detail: 'Файл больше допустимого размера (1000 байт): разделите его на несколько файлов.',
      });
      expect(await snapshot()).toEqual(before);
      // A file under the limit still goes through on the same server.
      const ok = await importOrgs(csv([ORG_COLUMNS, orgRow('770403', 'Школа')]), { client: c });
      expect(ok.status).toBe(200);
    } finally {
      await small.close();
    }
  });
});

// Journey: the federal operator designs a small form (a fixed table, two integer columns and their
// sum, a rule), sees a live error for min > max and fixes it, previews and saves the form; runs a
// collection with it for Moscow's schools (after a code list with an unknown code is refused),
// closes it early, reopens and extends it, adds participants by a code file. A school of Moscow
// then sees the collection's «Сбор данных» block and opens the new form; the operator closes the
// collection at the end, so that journeys after this one find the demo collection as they expect.
// axe checks the designer, the preview, the collections list and the create page. Apart: the
// operator downloads a form version's empty Excel template from its page.
import { type Browser, expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expectAccessible } from './support/axe.js';
import { submitSignIn } from './support/sign-in.js';

const FORM_TITLE = 'Кадры школы (проверка)';
const COLLECTION_TITLE = 'Кадры школ Москвы (проверка)';
const NIKO_FORM_TITLE = 'НИКО: контекстные данные об образовательной организации';

async function signIn(page: Page, login: string) {
  await submitSignIn(page, login);
  await expect(page.getByTestId('user-login')).toHaveText(login);
}

const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'Основное меню' });

async function designForm(page: Page) {
  await mainMenu(page).getByRole('link', { name: 'Формы', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Формы' })).toBeVisible();
  await page.getByRole('link', { name: 'Создать форму' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Новая форма' })).toBeVisible();

  await page.getByLabel('Название формы').fill(FORM_TITLE);
  const table = page.getByRole('region', { name: /^Таблица 1:/ });
  await table.getByLabel('Ключ таблицы').fill('staff');
  await table.getByLabel('Название таблицы').fill('Кадры');

  const men = table.getByRole('group', { name: /^Столбец 1:/ });
  await men.getByLabel('Ключ', { exact: true }).fill('men');
  await men.getByLabel('Заголовок').fill('Мужчины');
  // A live error from the shared check, beside the field and in the list, then fixed.
  await men.getByLabel('Минимум').fill('10');
  await men.getByLabel('Максимум').fill('5');
  await expect(men.getByText('Минимум больше максимума.')).toBeVisible();
  const errors = page.getByRole('region', { name: /^Ошибки в описании формы/ });
  await expect(errors).toContainText('tables[0].columns[0].min');
  await expect(page.getByText(/Проверка: ошибок — 1\./)).toBeVisible();
  await errors.getByRole('link', { name: /минимум/ }).click();
  await expect(men.getByLabel('Минимум')).toBeFocused();
  await men.getByLabel('Минимум').fill('0');
  await expect(page.getByText('Проверка: ошибок нет.')).toBeVisible();
  await expect(errors).toHaveCount(0);

  await table.getByRole('button', { name: 'Добавить столбец' }).click();
  const women = table.getByRole('group', { name: /^Столбец 2:/ });
  await expect(women.getByLabel('Ключ', { exact: true })).toBeFocused();
  await women.getByLabel('Ключ', { exact: true }).fill('women');
  await women.getByLabel('Заголовок').fill('Женщины');

  await table.getByRole('button', { name: 'Добавить столбец' }).click();
  const total = table.getByRole('group', { name: /^Столбец 3:/ });
  await total.getByLabel('Ключ', { exact: true }).fill('total');
  await total.getByLabel('Заголовок').fill('Всего');
  const sumOf = total.getByRole('group', { name: 'Сумма столбцов' });
  await sumOf.getByLabel('Мужчины (men)').check();
  await sumOf.getByLabel('Женщины (women)').check();
  // «Выше» twice: the total becomes the first column, and focus follows it.
  await total.getByRole('button', { name: 'Выше' }).click();
  await table
    .getByRole('group', { name: /^Столбец 2: Всего/ })
    .getByRole('button', { name: 'Выше' })
    .click();
  await expect(
    table.getByRole('group', { name: /^Столбец 1: Всего/ }).getByRole('button', { name: 'Ниже' }),
  ).toBeFocused();

  const teachers = table.getByRole('group', { name: /^Строка 1:/ });
  await teachers.getByLabel('Ключ', { exact: true }).fill('teachers');
  await teachers.getByLabel('Подпись').fill('Учителя');
  await table.getByRole('button', { name: 'Добавить строку' }).click();
  const others = table.getByRole('group', { name: /^Строка 2:/ });
  await others.getByLabel('Ключ', { exact: true }).fill('others');
  await others.getByLabel('Подпись').fill('Прочие работники');

  await page.getByRole('button', { name: 'Добавить правило' }).click();
  const rule = page.getByRole('group', { name: /^Правило 1:/ });
  await rule.getByLabel('Ключ правила').fill('teachers_present');
  await rule.getByLabel('Сообщение об ошибке').fill('Учителей должно быть не меньше одного.');
  await rule
    .getByRole('group', { name: 'Левая часть (сумма)' })
    .getByLabel('Слагаемое 1')
    .fill('staff.teachers.total');
  await rule.getByLabel('Сравнение').selectOption('>=');
  await rule.getByRole('group', { name: 'Правая часть (сумма)' }).getByLabel('Слагаемое 1').fill('1');
  await expect(page.getByText('Проверка: ошибок нет.')).toBeVisible();
  await expectAccessible(page, 'the form designer');

  // The preview is the organization's own table: typing there runs the same checks, and goes nowhere.
  await page.getByRole('button', { name: 'Предпросмотр' }).click();
  const preview = page.getByTestId('form-preview');
  const previewTable = preview.getByRole('table', { name: 'Кадры' });
  await expect(previewTable.getByRole('columnheader')).toHaveText([
    'Показатель',
    'Всего',
    'Мужчины',
    'Женщины',
  ]);
  await expect(previewTable.getByRole('rowheader')).toHaveText(['Учителя', 'Прочие работники']);
  const teachersMen = previewTable.getByRole('textbox', { name: 'Учителя Мужчины' });
  await teachersMen.fill('-1');
  await expect(previewTable.getByText('Значение не может быть меньше 0.')).toBeVisible();
  await teachersMen.fill('0');
  await previewTable.getByRole('textbox', { name: 'Учителя Женщины' }).fill('0');
  await expect(previewTable.locator('#cell-staff-teachers-total')).toHaveText('0');
  await preview.getByRole('button', { name: 'Проверить форму' }).click();
  await expect(preview.getByTestId('form-errors')).toContainText('Учителей должно быть не меньше одного.');
  await previewTable.getByRole('textbox', { name: 'Учителя Женщины' }).fill('12');
  await expect(previewTable.locator('#cell-staff-teachers-total')).toHaveText('12');
  await expect(preview.getByTestId('form-errors')).toHaveCount(0);
  await expectAccessible(page, 'the form preview');
  await page.getByRole('button', { name: 'Предпросмотр' }).click();
  await expect(page.getByLabel('Название формы')).toHaveValue(FORM_TITLE);

  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${FORM_TITLE} — версия 1` })).toBeVisible();
  await expect(page.getByText('Форма сохранена.')).toBeVisible();
  await expect(page.getByText('Можно изменять')).toBeVisible();
}

async function createCollection(page: Page) {
  await mainMenu(page).getByRole('link', { name: 'Сборы данных', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Сборы данных' })).toBeVisible();
  await expectAccessible(page, 'the collections list');
  await page.getByRole('link', { name: 'Создать сбор' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Новый сбор данных' })).toBeVisible();
  await expectAccessible(page, 'the new collection page');

  await page.getByLabel('Название сбора').fill(COLLECTION_TITLE);
  await page.getByLabel('Версия формы').selectOption({ label: `${FORM_TITLE} — версия 1` });
  await expect(page.getByLabel('Дата начала')).not.toHaveValue('');
  await expect(page.getByLabel('Время окончания')).toHaveValue('18:00');

  // A code list with an unknown code: the server refuses, in its own words, and nothing is created.
  await page.getByLabel('Списком кодов из файла').check();
  await page.getByLabel('Файл со списком кодов организаций').setInputFiles({
    name: 'codes.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('код;наименование\n770001;Школа\n999999;Нет такой\n'),
  });
  await expect(page.getByTestId('codes-found')).toHaveText('В файле «codes.csv» найдено 2 кода организаций.');
  await page.getByRole('button', { name: 'Создать сбор' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Не найдены организации с кодами: 999999.' }),
  ).toBeVisible();

  // Moscow's schools instead.
  await page.getByLabel('По региону и виду организаций').check();
  await page.getByLabel('Все регионы').uncheck();
  await page.getByLabel('Найти регион').fill('Москва');
  await page.getByLabel('77 — г. Москва').check();
  await expect(page.getByText('Выбрано регионов: 1')).toBeVisible();
  await page.getByLabel('СПО').uncheck();
  await page.getByLabel('другое').uncheck();
  await page.getByRole('button', { name: 'Создать сбор' }).click();
  await expect(page.getByRole('heading', { level: 1, name: COLLECTION_TITLE })).toBeVisible();
  await expect(page.getByText(/^Сбор данных создан: \d/)).toBeVisible();
  await expect(page.getByTestId('collection-status')).toHaveText('Открыт');
}

async function runCollection(page: Page) {
  const status = page.getByTestId('collection-status');
  await page.getByRole('button', { name: 'Закрыть досрочно' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Закрыть сбор досрочно?' });
  await confirm.getByRole('button', { name: 'Закрыть досрочно' }).click();
  await expect(status).toContainText('Закрыт');
  await expect(status).toContainText('закрыт досрочно');
  await expect(page.getByText('Сбор данных закрыт.')).toBeVisible();

  await page.getByRole('button', { name: 'Открыть снова' }).click();
  await page
    .getByRole('dialog', { name: 'Открыть сбор снова' })
    .getByRole('button', { name: 'Открыть снова' })
    .click();
  await expect(status).toHaveText('Открыт');

  await page.getByRole('button', { name: 'Продлить' }).click();
  const extend = page.getByRole('dialog', { name: 'Продлить сбор' });
  const newDate = await extend.getByLabel('Дата окончания').inputValue();
  await extend.getByRole('button', { name: 'Продлить' }).click();
  await expect(page.getByText('Сбор данных продлён.')).toBeVisible();
  const [y, m, d] = newDate.split('-');
  await expect(page.getByText(`по ${d}.${m}.${y} 18:00 (МСК)`)).toBeVisible();

  // 770001 is one of Moscow's schools already: nothing new to add.
  await page.getByRole('button', { name: 'Добавить участников' }).click();
  const add = page.getByRole('dialog', { name: 'Добавить участников' });
  await add.getByLabel('Списком кодов из файла').check();
  await add.getByLabel('Файл со списком кодов организаций').setInputFiles({
    name: 'codes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('770001\n'),
  });
  await expect(add.getByTestId('codes-found')).toHaveText('В файле «codes.txt» найден 1 код организации.');
  await add.getByRole('button', { name: 'Добавить', exact: true }).click();
  await expect(page.getByText(/^Новых участников нет/)).toBeVisible();

  await page.getByRole('link', { name: 'Сборы данных' }).first().click();
  const row = page.getByRole('row', { name: new RegExp(COLLECTION_TITLE.replace(/[()]/g, '\\$&')) });
  await expect(row).toContainText('Открыт');
  await expect(row).toContainText(`${FORM_TITLE} — версия 1`);

  // The version is in use now: read-only.
  await mainMenu(page).getByRole('link', { name: 'Формы', exact: true }).click();
  await expect(
    page.getByRole('row', { name: new RegExp(FORM_TITLE.replace(/[()]/g, '\\$&')) }),
  ).toContainText('Используется — только чтение');
}

/** sch770001, one of Moscow's schools, takes part: its «НИКО» page shows the block and the new form. */
async function schoolSeesCollection(browser: Browser) {
  const context = await browser.newContext();
  const school = await context.newPage();
  await signIn(school, 'sch770001');
  const block = school.getByRole('region', { name: COLLECTION_TITLE });
  await expect(block).toContainText('Открыт');
  await block.getByRole('button', { name: 'Заполнить', exact: true }).click();
  const table = school.getByRole('table', { name: 'Кадры' });
  await expect(table.getByRole('rowheader')).toHaveText(['Учителя', 'Прочие работники']);
  await context.close();
}

async function closeAtTheEnd(page: Page) {
  await page.getByRole('link', { name: COLLECTION_TITLE }).click();
  await page.getByRole('button', { name: 'Закрыть досрочно' }).click();
  await page
    .getByRole('alertdialog', { name: 'Закрыть сбор досрочно?' })
    .getByRole('button', { name: 'Закрыть досрочно' })
    .click();
  await expect(page.getByTestId('collection-status')).toContainText('Закрыт');
}

test('the federal operator designs a form and runs a collection with it', async ({ page, browser }) => {
  await signIn(page, 'admin');
  await designForm(page);
  await createCollection(page);
  await runCollection(page);
  await schoolSeesCollection(browser);
  await mainMenu(page).getByRole('link', { name: 'Сборы данных', exact: true }).click();
  await closeAtTheEnd(page);
});

test('only the federal operator sees «Формы» and «Сборы данных»', async ({ page }) => {
  await signIn(page, 'reg77');
  await expect(mainMenu(page).getByRole('link', { name: 'НИКО', exact: true })).toBeVisible();
  await expect(mainMenu(page).getByRole('link', { name: 'Формы', exact: true })).toHaveCount(0);
  await expect(mainMenu(page).getByRole('link', { name: 'Сборы данных', exact: true })).toHaveCount(0);
  await page.goto('/forms/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Нет доступа' })).toBeVisible();
});

// The router's blocker (useBlocker) and the dialog's Escape, which run on preact/compat in the build.
test('leaving the designer with unsaved changes asks first; Escape and «Отмена» stay', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/forms/new');
  await page.getByLabel('Название формы').fill('Черновик без сохранения');
  const formsLink = mainMenu(page).getByRole('link', { name: 'Формы', exact: true });
  const dialog = page.getByRole('alertdialog', { name: 'Уйти без сохранения?' });

  await formsLink.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Отмена' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await formsLink.click();
  await dialog.getByRole('button', { name: 'Отмена' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Новая форма' })).toBeVisible();
  await expect(page.getByLabel('Название формы')).toHaveValue('Черновик без сохранения');

  await formsLink.click();
  await dialog.getByRole('button', { name: 'Уйти' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Формы' })).toBeVisible();
  await expect(page.getByText('Черновик без сохранения')).toHaveCount(0);
});

test('the designer loads a JSON file, points at its errors, and downloads what it holds', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await page.goto('/forms/new');
  const definition = {
    title: 'Форма из файла',
    tables: [
      {
        key: 'staff',
        title: 'Кадры',
        columns: [{ key: 'n', header: 'Число', type: 'integer', min: 5, max: 1 }],
        rows: { kind: 'fixed', items: [{ key: 'teachers', label: 'Учителя' }] },
      },
    ],
  };
  await page.getByLabel('Загрузить JSON').setInputFiles({
    name: 'form.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ definition })),
  });
  await expect(page.getByText('Форма загружена из файла «form.json».', { exact: false })).toBeVisible();
  await expect(page.getByLabel('Название формы')).toHaveValue('Форма из файла');
  const errors = page.getByRole('region', { name: /^Ошибки в описании формы/ });
  await errors.getByRole('link', { name: /столбец «Число»: минимум/ }).click();
  await expect(page.getByRole('group', { name: /^Столбец 1:/ }).getByLabel('Минимум')).toBeFocused();

  // A file that is not shaped like a form is refused with the paths of its problems.
  await page.getByLabel('Загрузить JSON').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ title: 'x', tables: [{ key: 'a', colour: 'red' }] })),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'Файл не загружен' })).toContainText('tables[0]');
  await expect(page.getByLabel('Название формы')).toHaveValue('Форма из файла');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Скачать JSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('form.json');
  const saved = JSON.parse(
    await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString()),
  );
  expect(saved).toMatchObject({ title: 'Форма из файла', tables: [{ columns: [{ min: 5, max: 1 }] }] });
});

test('the federal operator downloads a form version as an empty Excel template from its preview', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await mainMenu(page).getByRole('link', { name: 'Формы', exact: true }).click();
  await page.getByRole('link', { name: NIKO_FORM_TITLE, exact: true }).first().click();
  await expect(
    page.getByRole('heading', { level: 1, name: new RegExp(`^${NIKO_FORM_TITLE}`) }),
  ).toBeVisible();
  await expect(page.getByTestId('form-preview')).toBeVisible();
  const link = page.getByRole('link', { name: 'Скачать форму в Excel' });
  await expectAccessible(page, 'a form version with its preview');

  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^Шаблон .+, версия \d+\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const sheets = workbook.worksheets.filter((s) => s.state === 'visible');
  expect(sheets.length).toBeGreaterThan(1);
  const first = sheets[0] as ExcelJS.Worksheet;
  expect(String(first.getCell('A1').value)).toMatch(new RegExp(`^Форма: ${NIKO_FORM_TITLE}, версия \\d+$`));
  expect(first.getCell('A3').value).toBe('1. Численность обучающихся');
  const keys = workbook.getWorksheet('ключи') as ExcelJS.Worksheet;
  expect(keys.getCell('B1').value).toBeNull();
  expect(keys.getCell('D1').value).toEqual(expect.any(Number));
});

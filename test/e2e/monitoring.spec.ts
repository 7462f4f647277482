// Journey: reg77 watches the demo collection on «НИКО». It sees «Общая статистика»; a school of
// Moscow submits (through the API: filling the form in the browser is data-collection.spec.ts),
// and «Сдано» grows by one without a reload. In «Список участников» reg77 finds the school, opens
// its submitted data, downloads it as PDF, closes it with «Закрыть», chooses its row and downloads the
// PDF of the chosen; then «Экспорт результатов» prepares a report,
// «Загрузить отчет» downloads it, and the school's value is in its row. axe checks each view.
// Then two more schools submit, reg77 chooses both and downloads «Скачать ZIP выбранных»; and a school
// that has submitted finds the report in its «История сдач».
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { expect, type Locator, type PlaywrightWorkerArgs, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { demoAnswers } from '../../src/server/demo/niko-answers.js';
import { readPdf } from '../support/pdf.js';
import { expectAccessible } from './support/axe.js';
import { downloadPdf } from './support/pdf-download.js';
import { type Api, apiSignIn, signIn } from './support/sign-in.js';

const DEMO_TITLE = 'НИКО-2026: контекстные данные образовательной организации';
const BOYS_HEADER = '1. Численность обучающихся / 1 класс / Мальчики';
const STATS = ['stat-total', 'stat-not-started', 'stat-in-progress', 'stat-submitted'] as const;

type School = { api: Api; login: string; responseId: number; collectionId: number };

async function demoBlock(api: Api) {
  const { rows } = await (await api.request.get('/api/niko/data-collection')).json();
  return rows.find((r: { title: string; open: boolean }) => r.open && r.title === DEMO_TITLE);
}

/**
 * sch770001, unless an earlier journey on this server has already typed into its table: then the
 * first Moscow school that has not started, so that its answers go in on empty cells (base 0),
 * «Не приступило» shrinks by one and «Сдано» grows by one.
 */
async function schoolThatHasNotStarted(
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string,
): Promise<School> {
  let login = 'sch770001';
  let api = await apiSignIn(playwright, baseURL, login);
  let block = await demoBlock(api);
  if (block.status !== 'not_started') {
    const reg = await apiSignIn(playwright, baseURL, 'reg77');
    const url = `/api/monitoring/collections/${block.collectionId}/participants?status=not_started&sort=code&pageSize=1`;
    const { rows } = await (await reg.request.get(url)).json();
    await reg.request.dispose();
    await api.request.dispose();
    login = `sch${rows[0].code}`;
    api = await apiSignIn(playwright, baseURL, login);
    block = await demoBlock(api);
  }
  return { api, login, responseId: block.responseId, collectionId: block.collectionId };
}

/** Enters the demo answers (as the autosave would, in batches) and presses «Сдать отчет». */
async function submitThroughApi(school: School, answers: Record<string, string>) {
  const changes = Object.entries(answers).map(([cell, value]) => ({
    id: randomUUID(),
    cell,
    value,
    base: 0,
  }));
  const headers = { 'X-CSRF-Token': school.api.csrf };
  for (let i = 0; i < changes.length; i += 100) {
    const res = await school.api.request.post(`/api/responses/${school.responseId}/changes`, {
      data: { changes: changes.slice(i, i + 100) },
      headers,
    });
    expect(res.status(), await res.text()).toBe(200);
  }
  const submitted = await school.api.request.post(`/api/responses/${school.responseId}/submit`, { headers });
  expect(submitted.status(), await submitted.text()).toBe(200);
}

/** The four figures, as numbers (thousands are grouped with a no-break space). */
async function readStats(block: Locator): Promise<number[]> {
  const texts = await Promise.all(STATS.map((id) => block.getByTestId(id).textContent()));
  return texts.map((t) => Number((t ?? '').replace(/\s/g, '')));
}

test('reg77 watches the collection live, views a submission and exports the results', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const school = await schoolThatHasNotStarted(playwright, baseURL as string);
  const code = school.login.replace(/^sch/, '');
  const answers = demoAnswers(1, new Date().toISOString().slice(0, 10));
  const boys = answers['pupils.g1.boys'] as string;

  // (1) «Общая статистика» of the demo collection.
  await signIn(page, 'reg77');
  const block = page.locator(`[data-testid="monitoring-block"][data-collection-id="${school.collectionId}"]`);
  await expect(block.getByRole('heading', { name: 'Сбор данных', exact: true })).toBeVisible();
  await expect(block.getByRole('heading', { name: DEMO_TITLE })).toBeVisible();
  await expect(block.getByTestId('collection-status')).toHaveText('Открыт');
  await expect(block.getByTestId('collection-interval')).toHaveText(
    /^с \d\d\.\d\d\.\d{4} 09:00 по \d\d\.\d\d\.\d{4} 18:00 \(МСК\)$/,
  );
  for (const label of ['Всего', 'Не приступило', 'В работе', 'Сдано']) {
    await expect(block.getByText(label, { exact: true }).first()).toBeVisible();
  }
  await expect(block.getByTestId('stat-total')).toHaveText(/^\d[\d\s]*$/);
  const [total, notStarted, inProgress, submitted] = (await readStats(block)) as [
    number,
    number,
    number,
    number,
  ];
  expect(total).toBeGreaterThanOrEqual(30);
  expect(notStarted + inProgress + submitted).toBe(total);
  await expect(block.getByRole('progressbar', { name: `Сдано ${submitted} из ${total}` })).toBeVisible();
  await expect(block.getByRole('img', { name: /Сдано нарастающим итогом по дням/ })).toBeVisible();
  await expect(block.getByRole('table', { name: 'Статистика по муниципалитетам' })).toBeVisible();
  await expectAccessible(page, 'the НИКО page of reg77 with the statistics');

  // (2) The school submits; «Сдано» grows by one with no reload (the statistics refetch every 10 s).
  await submitThroughApi(school, answers);
  await expect(block.getByTestId('stat-submitted')).toHaveText(String(submitted + 1), { timeout: 25_000 });
  await expect(block.getByTestId('stat-not-started')).toHaveText(String(notStarted - 1));
  await expect(block.getByTestId('stat-total')).toHaveText(String(total));

  // (3) «Список участников»: the area takes focus; search by login finds the school.
  const toggle = block.getByRole('button', { name: 'Список участников', exact: true });
  await toggle.click();
  const area = block.getByRole('region', { name: 'Список участников' });
  await expect(area.getByRole('heading', { name: 'Список участников' })).toBeFocused();
  await expect(area.getByTestId('pager-summary')).toHaveText(/^Показано 1–\d+ из \d[\d\s]*$/);
  await area.getByLabel('Поиск по названию или логину').fill(school.login);
  await area.getByLabel('Поиск по названию или логину').press('Enter');
  const rows = area.getByTestId('participants-table').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  const row = rows.first();
  await expect(row).toHaveAttribute('data-code', code);
  await expect(row).toContainText('Сдано');
  await expect(area.getByRole('columnheader', { name: 'Организация' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expectAccessible(page, 'the НИКО page of reg77 with «Список участников»');

  // (4) The view icon opens the submitted data; «Закрыть» closes it and gives the focus back.
  const view = row.getByRole('button', { name: /^Просмотреть данные / });
  await view.click();
  const data = area.getByTestId('submitted-data');
  await expect(data.getByRole('heading', { name: /^Переданные данные: / })).toBeFocused();
  await expect(data.getByRole('table', { name: '1. Численность обучающихся' })).toBeVisible();
  await expect(data.locator('[data-cell="pupils.g1.boys"]')).toHaveText(boys);
  await expect(data.getByText('Организация изменила данные после последней передачи')).toHaveCount(0);
  await expectAccessible(page, 'the submitted data of a school');
  const pdf = await downloadPdf(data.getByRole('link', { name: 'Скачать PDF' }));
  expect(pdf.text).toContain(`Код организации: ${code}`);
  await data.getByRole('button', { name: 'Закрыть', exact: true }).click();
  await expect(data).toHaveCount(0);
  await expect(view).toBeFocused();

  // Chosen with its box, the school's report comes as one PDF of the chosen; «Снять выбор» clears it.
  await row.getByRole('checkbox', { name: /^Выбрать / }).check();
  const chosen = area.getByTestId('chosen-actions');
  await expect(chosen.getByRole('status')).toHaveText('Выбрано: 1');
  await expectAccessible(page, '«Список участников» with a row chosen');
  const chosenPdf = await downloadPdf(chosen.getByRole('link', { name: 'Скачать PDF выбранных' }));
  expect(chosenPdf.text).toContain(`Код организации: ${code}`);
  await chosen.getByRole('button', { name: 'Снять выбор' }).click();
  await expect(area.getByTestId('chosen-actions')).toHaveCount(0);
  await expect(row.getByRole('checkbox', { name: /^Выбрать / })).not.toBeChecked();

  // The ✕ in the area's corner closes the list.
  await area.getByRole('button', { name: 'Закрыть список участников', exact: true }).click();
  await expect(area).toHaveCount(0);
  await expect(toggle).toBeFocused();

  // (5) «Экспорт результатов»: messages while the report is prepared, then «Загрузить отчет».
  await block.getByRole('button', { name: 'Экспорт результатов', exact: true }).click();
  const status = block.getByTestId('export-status');
  await expect(status).toHaveAttribute('role', 'status');
  await expect(status).toHaveText(/^Отчёт (поставлен в очередь…|готовится: \d+\s%|готов)$/);
  const link = block.getByRole('link', { name: 'Загрузить отчет', exact: true });
  await expect(link).toBeVisible({ timeout: 60_000 });
  await expect(status).toHaveText('Отчёт готов');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const sheet = workbook.getWorksheet('Результаты') as ExcelJS.Worksheet;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const boysColumn = header.indexOf(BOYS_HEADER);
  expect(boysColumn).toBeGreaterThan(6);
  let found: unknown[] | undefined;
  sheet.eachRow((r) => {
    const values = (r.values as unknown[]).slice(1);
    if (values[2] === code) found = values;
  });
  expect(found, `row of ${code}`).toBeDefined();
  expect(found?.[4]).toBe('Сдано');
  expect(found?.[boysColumn]).toBe(Number(boys));

  await school.api.request.dispose();
});

test('a coordinator east of Moscow sees the dates in Moscow time and in the region’s own', async ({
  page,
}) => {
  await signIn(page, 'reg66');
  const block = page.getByTestId('monitoring-block').filter({ hasText: DEMO_TITLE });
  // Yekaterinburg is two hours ahead: 09:00 and 18:00 in Moscow are 11:00 and 20:00 there.
  await expect(block.getByTestId('collection-interval')).toHaveText(
    /^с \d\d\.\d\d\.\d{4} 09:00 по \d\d\.\d\d\.\d{4} 18:00 \(МСК\)с \d\d\.\d\d\.\d{4} 11:00 по \d\d\.\d\d\.\d{4} 20:00 \(местное время, UTC\+5\)$/,
  );
  await expectAccessible(page, 'the НИКО page of reg66');
});

test('reg77 chooses two schools and downloads their reports as a zip of a PDF each', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const schools: School[] = [];
  for (const seed of [2, 3]) {
    const school = await schoolThatHasNotStarted(playwright, baseURL as string);
    await submitThroughApi(school, demoAnswers(seed, new Date().toISOString().slice(0, 10)));
    schools.push(school);
  }
  const codes = schools.map((s) => s.login.replace(/^sch/, ''));

  await signIn(page, 'reg77');
  const block = page.locator(
    `[data-testid="monitoring-block"][data-collection-id="${schools[0]?.collectionId}"]`,
  );
  await block.getByRole('button', { name: 'Список участников', exact: true }).click();
  const area = block.getByRole('region', { name: 'Список участников' });
  const search = area.getByLabel('Поиск по названию или логину');
  // The choice outlives a new search: each school is found by its login and chosen in turn.
  for (const school of schools) {
    await search.fill(school.login);
    await search.press('Enter');
    const row = area.getByTestId('participants-table').locator('tbody tr');
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-code', school.login.replace(/^sch/, ''));
    await row.getByRole('checkbox', { name: /^Выбрать / }).check();
  }
  const chosen = area.getByTestId('chosen-actions');
  await expect(chosen.getByRole('status')).toHaveText('Выбрано: 2');
  const zipLink = chosen.getByRole('link', { name: 'Скачать ZIP выбранных' });
  await expect(zipLink).toBeVisible();
  await expectAccessible(page, '«Список участников» with two rows chosen');

  // From the keyboard: the link takes the focus and Enter downloads.
  await zipLink.focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/^Отчеты .+ \(2\)\.zip$/);
  const entries = unzipSync(fs.readFileSync(await download.path()));
  const names = Object.keys(entries).sort();
  expect(names).toHaveLength(2);
  for (const code of codes) {
    const name = names.find((n) => n.startsWith(`${code} `)) as string;
    expect(name, code).toMatch(/\.pdf$/);
    const pdf = await readPdf(entries[name] as Uint8Array);
    expect(pdf.text).toContain(`Код организации: ${code}`);
    for (const other of codes.filter((c) => c !== code)) expect(pdf.text).not.toContain(other);
  }
  for (const school of schools) await school.api.request.dispose();
});

test('a school that has submitted finds each submission in «История сдач» and downloads its PDF', async ({
  page,
  playwright,
  baseURL,
}) => {
  const school = await schoolThatHasNotStarted(playwright, baseURL as string);
  await submitThroughApi(school, demoAnswers(4, new Date().toISOString().slice(0, 10)));
  const code = school.login.replace(/^sch/, '');

  await signIn(page, school.login);
  const block = page.locator(
    `[data-testid="data-collection-block"][data-response-id="${school.responseId}"]`,
  );
  const toggle = block.getByRole('button', { name: 'История сдач' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const history = block.getByTestId('submission-history');
  await expect(history.locator('tbody tr')).toHaveCount(1);
  await expect(history.locator('tbody tr').first()).toContainText(school.login);
  await expectAccessible(page, '«История сдач» of a school');
  const pdf = await downloadPdf(history.getByRole('link', { name: /^Скачать PDF сдачи / }));
  expect(pdf.text).toContain(`Код организации: ${code}`);
  await school.api.request.dispose();
});

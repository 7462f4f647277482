// «Выдать пароли» (issue 11 §3): the regional coordinator of Moscow chooses two schools on
// «Организации», confirms «2 пароля будут заменены», and downloads the zip; the xlsx in it pairs
// each login with its organization and one-time password, the PDF has a page per school. The
// journey then signs in as one of the schools with its password and is kept on «Смена пароля».
// «Выдать пароли всем, кто ни разу не входил» is opened and left with Escape, changing nothing.
// Schools 770025 and 770026, which no other journey signs in as (their passwords change here).
// axe checks the page with its choice column, the confirmation and the result.
import fs from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { readPdf } from '../support/pdf.js';
import { expectAccessible } from './support/axe.js';
import { signIn, submitSignIn } from './support/sign-in.js';

// Schools no other journey signs in as (the reminders journey takes the first not started, 770025).
const SCHOOLS = ['770045', '770046'];

async function chooseByCode(page: Page, code: string) {
  await page.getByLabel('Поиск организации', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Найти', exact: true }).click();
  const rows = page.getByRole('table', { name: 'Организации' }).locator('tbody tr');
  await expect(rows).toHaveCount(1);
  const box = rows.first().getByRole('checkbox', { name: new RegExp(`\\(${code}\\)$`) });
  // Keyboard: the box is reached and ticked with Space, like any checkbox.
  await box.focus();
  await page.keyboard.press('Space');
  await expect(box).toBeChecked();
}

test('a regional coordinator issues passwords for two schools; a school signs in with one and must change it', async ({
  page,
  browser,
}) => {
  await signIn(page, 'reg77');
  await page.goto('/directory/organizations');
  await expect(page.getByRole('heading', { name: 'Организации', level: 1 })).toBeVisible();
  const bar = page.getByTestId('issue-passwords');
  await expect(bar.getByRole('button', { name: 'Выдать пароли выбранным' })).toBeDisabled();
  for (const code of SCHOOLS) await chooseByCode(page, code);
  await expect(bar.getByRole('status')).toHaveText('Выбрано организаций: 2');
  await expectAccessible(page, 'organizations with the choice column');

  await bar.getByRole('button', { name: 'Выдать пароли выбранным' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Выдать одноразовые пароли?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('issue-passwords-count')).toHaveText(
    '2 пароля будут заменены (2 организации).',
  );
  // A stray Enter changes nothing: focus starts on «Отмена».
  await expect(dialog.getByRole('button', { name: 'Отмена', exact: true })).toBeFocused();
  await expectAccessible(page, 'the confirmation of issuing passwords');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Выдать пароли и скачать' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^Пароли \d{4}-\d{2}-\d{2} \d{4} \(2\)\.zip$/);
  await expect(dialog).toHaveCount(0);
  // The focus lands on the result, which says the file is saved and cannot be fetched again.
  await expect(bar.getByText(/Выдано: 2 пароля\./)).toBeFocused();
  await expect(bar.getByRole('status').first()).toHaveText('Выбрано организаций: 0');
  await expectAccessible(page, 'organizations after issuing passwords');

  // «всем, кто ни разу не входил» counts too, and Escape leaves everything as it was.
  const never = bar.getByRole('button', { name: 'Выдать пароли всем, кто ни разу не входил' });
  await never.click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('которые ни разу не входили в систему');
  await expect(dialog.getByTestId('issue-passwords-count')).toHaveText(
    /^\d+ парол(ь|я|ей) буд(ет|ут) замен(ён|ены)/,
  );
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(never).toBeFocused();

  const files = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
  expect(Object.keys(files).sort()).toEqual(['Пароли.pdf', 'Пароли.xlsx']);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((files['Пароли.xlsx'] as Uint8Array).slice().buffer);
  const rows: { login: string; code: string; password: string }[] = [];
  (workbook.worksheets[0] as ExcelJS.Worksheet).eachRow((row, n) => {
    const v = row.values as string[];
    if (n > 1) rows.push({ login: v[1] as string, code: v[2] as string, password: v[5] as string });
  });
  expect(rows.map((r) => [r.login, r.code])).toEqual(SCHOOLS.map((code) => [`sch${code}`, code]));
  const pdf = await readPdf(files['Пароли.pdf'] as Uint8Array);
  expect(pdf.pages).toHaveLength(2);
  const origin = new URL(page.url()).origin;
  for (const [i, r] of rows.entries()) {
    expect(pdf.pages[i]).toContain(origin);
    expect(pdf.pages[i]).toContain(r.password);
  }

  // The school signs in with its one-time password and is kept on «Смена пароля».
  const school = await (await browser.newContext()).newPage();
  const first = rows[0] as (typeof rows)[number];
  await submitSignIn(school, first.login, first.password);
  await expect(school).toHaveURL(/\/account\/password$/);
  await expect(school.getByRole('heading', { name: 'Смена пароля', level: 1 })).toBeVisible();
  await school.goto('/niko');
  await expect(school).toHaveURL(/\/account\/password$/);
  await school.context().close();
});

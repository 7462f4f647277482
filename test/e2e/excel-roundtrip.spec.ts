// Journey: a school fills its form in Excel. It downloads «Скачать форму в Excel», the test fills
// the file with ExcelJS where the key sheet says (as the school would in Excel), the school loads
// it with «Загрузить из Excel», sees the preview («Будет изменено N ячеек», the changes), applies
// it, sees the values in the table and «загружено из файла» in «История», submits, and gets the
// report as PDF with the values from the file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expectAccessible } from './support/axe.js';
import { downloadPdf } from './support/pdf-download.js';
import { signIn } from './support/sign-in.js';

const KEYS_SHEET = 'ключи';
const cell = (page: Page, key: string) => page.locator(`[data-cell="${key}"]`);

function openBlock(page: Page): Locator {
  return page.getByTestId('data-collection-block').filter({ has: page.getByText('Открыт', { exact: true }) });
}

/** The cell of a form key, or of a column of the n-th empty row of a dynamic table. */
function cellIn(book: ExcelJS.Workbook, match: (k: string[]) => boolean): ExcelJS.Cell {
  const keys = book.getWorksheet(KEYS_SHEET) as ExcelJS.Worksheet;
  let found: ExcelJS.Cell | undefined;
  keys.eachRow((row, n) => {
    const k = (row.values as unknown[]).slice(1).map((v) => String(v ?? ''));
    if (n > 2 && !found && match(k))
      found = (book.getWorksheet(k[0]) as ExcelJS.Worksheet).getCell(k[1] as string);
  });
  if (!found) throw new Error('no such cell in the key sheet');
  return found;
}
const byKey = (book: ExcelJS.Workbook, key: string) => cellIn(book, (k) => k[2] === key);
const firstNewRow = (book: ExcelJS.Workbook, column: string) => {
  const keys = book.getWorksheet(KEYS_SHEET) as ExcelJS.Worksheet;
  let row = '';
  keys.eachRow((r, n) => {
    const k = (r.values as unknown[]).slice(1).map((v) => String(v ?? ''));
    if (n > 2 && !row && k[3] === 'classes' && k[4]?.startsWith('new:')) row = k[4];
  });
  return cellIn(book, (k) => k[3] === 'classes' && k[4] === row && k[5] === column);
};

const EQUIPMENT = [
  'computer_class',
  'internet',
  'boards',
  'physics_lab',
  'chemistry_lab',
  'biology_lab',
  'library',
  'gym',
  'e_journal',
  'cctv',
];

test('a school fills its form in Excel, loads it back, submits it and gets the PDF', async ({ page }) => {
  page.on('dialog', (d) => void d.accept());
  await signIn(page, 'sch770015');
  await openBlock(page)
    .getByRole('button', { name: /^(Заполнить|Редактировать)$/ })
    .click();
  await expect(page.getByRole('table', { name: '1. Численность обучающихся' })).toBeVisible();

  // «Скачать форму в Excel», filled in «in Excel».
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Скачать форму в Excel' }).click(),
  ]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  byKey(book, 'pupils.g1.boys').value = 37;
  byKey(book, 'pupils.g1.girls').value = 36;
  for (const e of EQUIPMENT) byKey(book, `equipment.${e}.present`).value = 'да';
  byKey(book, 'school.info.settlement').value = 'Город';
  byKey(book, 'school.info.filled_on').value = new Date(Date.UTC(2026, 2, 2));
  byKey(book, 'school.info.responsible').value = 'Кузнецова Ольга Викторовна';
  firstNewRow(book, 'grade').value = '4 класс';
  firstNewRow(book, 'letter').value = 'Ж';
  firstNewRow(book, 'pupils').value = 27;
  firstNewRow(book, 'teacher').value = 'Соколова Елена Павловна';
  firstNewRow(book, 'date').value = new Date(Date.UTC(2026, 3, 14));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'niko-excel-'));
  const filled = path.join(dir, 'Форма 770015.xlsx');
  await book.xlsx.writeFile(filled);

  // «Загрузить из Excel»: the file, then the preview; nothing changes yet.
  await page.getByRole('button', { name: 'Загрузить из Excel' }).click();
  const panel = page.getByTestId('excel-upload');
  await expect(panel.getByRole('heading', { name: 'Загрузить из Excel' })).toBeFocused();
  await panel.getByLabel('Файл формы (.xlsx)').setInputFiles(filled);
  await panel.getByRole('button', { name: 'Показать изменения' }).click();
  const preview = page.getByTestId('upload-preview');
  await expect(preview.getByRole('status')).toHaveText(/^Будет изменен[оа] \d+ яче/);
  const summary = (await preview.getByRole('status').textContent()) ?? '';
  const count = Number(/(\d+)/.exec(summary)?.[1]);
  expect(summary).toMatch(/добавлена 1 строка\.$/);
  const changes = page.getByTestId('upload-changes');
  await expect(changes.getByRole('row')).toHaveCount(count + 1);
  await expect(changes.getByRole('row', { name: /1 класс — Мальчики/ })).toContainText('37');
  await expect(changes.getByRole('row', { name: /Строка \d+ — Учитель \(ФИО\)/ })).toContainText(
    'Соколова Елена Павловна',
  );
  await expect(cell(page, 'pupils.g1.boys')).not.toHaveValue('37');
  await expectAccessible(page, 'the preview of «Загрузить из Excel»');

  // «Применить»: the table shows the file's values, and «История» says where they came from.
  await panel.getByRole('button', { name: 'Применить' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Загружено из файла' })).toContainText(
    `Изменено ячеек: ${count}. Добавлено строк: 1.`,
  );
  await expect(cell(page, 'pupils.g1.boys')).toHaveValue('37');
  await expect(cell(page, 'school.info.responsible')).toHaveValue('Кузнецова Ольга Викторовна');
  await cell(page, 'pupils.g1.boys').focus();
  await page.getByRole('button', { name: 'История', exact: true }).click();
  const history = page.getByTestId('history-dialog');
  await expect(history.getByRole('row').nth(1)).toContainText('загружено из файла');
  await history.getByRole('button', { name: 'Закрыть', exact: true }).click();

  // «Сдать отчет», then «Скачать PDF»: the paper copy has what was typed in Excel.
  await page.getByRole('button', { name: 'Сдать отчет', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'НИКО', level: 1 })).toBeVisible();
  const pdf = await downloadPdf(openBlock(page).getByRole('link', { name: 'Скачать PDF' }));
  expect(pdf.fileName).toMatch(/^Отчет 770015 .+\.pdf$/);
  expect(pdf.text).toContain('Отчет о сдаче данных');
  expect(pdf.text).toContain('Кузнецова Ольга Викторовна');
  expect(pdf.text).toContain('Соколова Елена Павловна');
  expect(pdf.text).toContain('02.03.2026');
  expect(pdf.pages.length).toBeGreaterThan(1);
  expect(pdf.pages.at(-1)).toContain(`Стр. ${pdf.pages.length} из ${pdf.pages.length}`);
  fs.rmSync(dir, { recursive: true, force: true });
});

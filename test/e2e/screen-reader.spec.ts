// What a screen reader is given (issue 12): the accessibility tree, read through roles and names
// (getByRole), of a school's form table, a coordinator's monitoring block and «Список участников»;
// and the messages that announce themselves without taking the focus: the autosave indicator,
// «Ошибки в форме» as errors are fixed, the export's progress and the count of chosen rows.
import { expect, test } from '@playwright/test';
import { signIn } from './support/sign-in.js';

const DEMO_TITLE = 'НИКО-2026: контекстные данные образовательной организации';

test('a school’s form table: named cells, the autosave and «Ошибки в форме» announced', async ({ page }) => {
  await signIn(page, 'sch770041');
  await page
    .getByTestId('data-collection-block')
    .filter({ has: page.getByText('Открыт', { exact: true }) })
    .getByRole('button', { name: /^(Заполнить|Редактировать)$/ })
    .click();

  // The table is named by its caption; a cell is named by its row and its column.
  const table = page.getByRole('table', { name: '1. Численность обучающихся' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Мальчики' }).first()).toBeVisible();
  await expect(table.getByRole('rowheader', { name: '1 класс', exact: true })).toBeVisible();
  const boys = table.getByRole('textbox', { name: '1 класс Мальчики', exact: true });
  const girls = table.getByRole('textbox', { name: '1 класс Девочки', exact: true });

  // The autosave indicator is a status: it speaks while the focus stays in the cell.
  await boys.fill('12');
  const saved = page
    .getByRole('region', { name: 'Сохранение и сдача отчета' })
    .getByRole('status')
    .filter({ hasText: 'Все изменения сохранены' });
  await expect(saved).toBeVisible();
  await expect(boys).toBeFocused();

  // «Ошибки в форме»: a region with a live count, and links named by the cell they lead to.
  await girls.fill('x');
  await page.getByRole('button', { name: 'Сдать отчет', exact: true }).click();
  const summary = page.getByRole('region', { name: 'Ошибки в форме' });
  await expect(summary.getByRole('heading', { name: 'Ошибки в форме' })).toBeFocused();
  const count = summary.getByRole('status');
  await expect(count).toHaveText(/^Отчет не сдан: ошибок — \d+\./);
  const before = Number((await count.textContent())?.match(/\d+/)?.[0]);
  await summary.getByRole('link', { name: '1. Численность обучающихся: 1 класс — Девочки' }).click();
  await expect(girls).toBeFocused();
  await expect(girls).toHaveAttribute('aria-invalid', 'true');
  await girls.fill('11');
  // One error fewer is announced, and the focus has stayed in the cell.
  await expect(count).toContainText(`ошибок — ${before - 1}.`);
  await expect(girls).toBeFocused();
  await expect(girls).not.toHaveAttribute('aria-invalid', 'true');
});

test('a coordinator’s monitoring block and «Список участников» in the accessibility tree', async ({
  page,
}) => {
  await signIn(page, 'reg77');
  // The block is a region named by its collection's title.
  const block = page.getByRole('region', { name: DEMO_TITLE });
  await expect(block.getByRole('heading', { name: 'Общая статистика' })).toBeVisible();
  for (const term of ['Всего', 'Не приступило', 'В работе', 'Сдано']) {
    await expect(block.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) })).toBeVisible();
  }
  await expect(block.getByRole('progressbar', { name: /^Сдано \d[\d\s]* из \d[\d\s]*$/ })).toBeVisible();
  await expect(block.getByRole('img', { name: /^Сдано нарастающим итогом по дням/ })).toBeVisible();
  const breakdown = block.getByRole('table', { name: 'Статистика по муниципалитетам' });
  await expect(breakdown.getByRole('columnheader').first()).toBeVisible();
  await expect(breakdown.getByRole('rowheader').first()).toBeVisible();

  // «Список участников»: a button that says whether its area is open.
  const toggle = block.getByRole('button', { name: 'Список участников', exact: true });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const area = block.getByRole('region', { name: 'Список участников' });
  await expect(area.getByRole('searchbox', { name: 'Поиск по названию или логину' })).toBeVisible();
  await expect(area.getByRole('combobox', { name: 'Статус' })).toBeVisible();
  await expect(area.getByRole('combobox', { name: 'Муниципалитет' })).toBeVisible();
  await expect(area.getByRole('button', { name: 'Закрыть список участников', exact: true })).toBeVisible();

  // The table: named, sortable headers saying their order, each row headed by its organization,
  // whose name also names its box and its (icon-only) view button.
  const list = area.getByRole('table', { name: 'Участники сбора данных' });
  await expect(list.getByRole('columnheader', { name: 'Организация' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(list.getByRole('columnheader', { name: 'Статус' })).toHaveAttribute('aria-sort', 'none');
  const row = list.getByRole('row').nth(1);
  const name = ((await row.getByRole('rowheader').textContent()) ?? '').replace(/\d+$/, '').trim();
  expect(name).not.toBe('');
  await expect(row.getByRole('checkbox', { name: `Выбрать ${name}` })).toBeVisible();
  await expect(row.getByRole('button', { name: `Просмотреть данные ${name}` })).toBeVisible();

  // Choosing a row is announced as a count; the focus stays on the box.
  const box = row.getByRole('checkbox', { name: `Выбрать ${name}` });
  await box.check();
  await expect(area.getByRole('status').filter({ hasText: 'Выбрано: 1' })).toBeVisible();
  await expect(box).toBeFocused();
  await box.uncheck();

  // The export's progress is a status too; the focus stays on «Экспорт результатов».
  const exportButton = block.getByRole('button', { name: 'Экспорт результатов', exact: true });
  await exportButton.focus();
  await page.keyboard.press('Enter');
  await expect(block.getByTestId('export-status')).toHaveRole('status');
  await expect(block.getByTestId('export-status')).toHaveText(/^Отчёт /);
  await expect(exportButton).toBeFocused();
  await expect(block.getByRole('link', { name: 'Загрузить отчет' })).toBeVisible({ timeout: 60_000 });
  await expect(block.getByTestId('export-status')).toHaveText('Отчёт готов');
  await expect(exportButton).toBeFocused();
});

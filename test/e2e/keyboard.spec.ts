// Keyboard-only journeys (issue 12), one per role, with no mouse event at all: every step is a key
// pressed on what has the focus (Tab and Shift+Tab to move, Enter, Space, arrows, Escape, typing).
// After every Tab the focus must be on an element with a visible focus ring (support/keyboard.ts);
// after a dialog or a view closes, the focus is back on what opened it.
// - A school signs in, downloads a publication's material, opens its form, types into cells,
//   presses «Сдать отчет», goes from «Ошибки в форме» to the wrong cell, fixes it, opens and closes
//   «История», and submits; and again in «Версия для слабовидящих» (200 %, dark blue on
//   light blue, wide spacing) on a 1366 × 768 screen, where no focused control may hide under the
//   table page's fixed bar.
// - A regional coordinator opens «Список участников», searches and filters, views a school's
//   submitted data, closes it with Escape and (opened again) with «Закрыть», exports the results
//   and downloads the report.
// - The federal operator writes a publication with an attached file.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { expect, type Locator, type Page, type PlaywrightWorkerArgs, test } from '@playwright/test';
import { demoAnswers } from '../../src/server/demo/niko-answers.js';
import { expectAccessible } from './support/axe.js';
import { expectFocusKept, expectFocusVisible, press, tab, tabTo } from './support/keyboard.js';
import { type Api, apiSignIn } from './support/sign-in.js';

const DEMO_TITLE = 'НИКО-2026: контекстные данные образовательной организации';

/** Signs in from the sign-in page with the keyboard: Tab to «Логин», type, Tab, type, Enter. */
async function keyboardSignIn(page: Page, login: string) {
  await page.goto('/');
  const loginField = page.getByLabel('Логин', { exact: true });
  await tabTo(loginField);
  await page.keyboard.type(login);
  await tab(page);
  await expect(page.getByLabel('Пароль', { exact: true })).toBeFocused();
  await page.keyboard.type('demo');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'НИКО', level: 1 })).toBeVisible();
  await expect(page.getByTestId('user-login')).toHaveText(login);
}

/** Enter (or Space) on the focused `target`, which starts a download; resolves to the download. */
async function downloadWith(target: Locator, key = 'Enter') {
  const page = target.page();
  await expect(target).toBeFocused();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press(key)]);
  return download;
}

async function demoBlock(api: Api) {
  const { rows } = await (await api.request.get('/api/niko/data-collection')).json();
  return rows.find((r: { title: string; open: boolean }) => r.open && r.title === DEMO_TITLE);
}

type SchoolArgs = {
  page: Page;
  playwright: PlaywrightWorkerArgs['playwright'];
  baseURL: string | undefined;
};

test('a school, with the keyboard only: a material, the form, «Ошибки в форме», submitted', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await schoolJourney({ page, playwright, baseURL }, 'sch770021', 21);
});

test.describe('in «Версия для слабовидящих» at 200 % on a 1366 × 768 screen', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('a school, with the keyboard only, the same journey', async ({ page, playwright, baseURL }) => {
    test.setTimeout(180_000);
    // Saved as the panel saves it, so that public/low-vision.js applies it before the first paint.
    await page.addInitScript(() => {
      try {
        localStorage.setItem(
          'niko.low-vision',
          JSON.stringify({ font: '200', scheme: 'blue', spacing: 'wide', images: 'shown' }),
        );
      } catch {
        // about:blank has no storage.
      }
    });
    await schoolJourney({ page, playwright, baseURL }, 'sch770022', 22);
    await expect(page.locator('html')).toHaveAttribute('data-lv-font', '200');
  });
});

/**
 * The school's journey: a publication's material, the form, a wrong value, «Ошибки в форме», the fix,
 * a cell's «История», «Сдать отчет».
 */
async function schoolJourney({ page, playwright, baseURL }: SchoolArgs, login: string, seed: number) {
  // Beside the journey, most of the form is entered as the autosave would (typing a hundred cells
  // proves nothing more than typing three); the journey types the first class's figures itself.
  const api = await apiSignIn(playwright, baseURL as string, login);
  const block = await demoBlock(api);
  const answers = demoAnswers(seed, new Date().toISOString().slice(0, 10));
  const typed = ['pupils.g1.boys', 'pupils.g1.girls'];
  // The demo may have started this school's form: each change is based on the version it holds.
  const { cells } = (await (await api.request.get(`/api/responses/${block.responseId}`)).json()) as {
    cells: Record<string, { version: number }>;
  };
  const changes = Object.entries(answers)
    .filter(([cell]) => !typed.includes(cell))
    .map(([cell, value]) => ({ id: randomUUID(), cell, value, base: cells[cell]?.version ?? 0 }));
  for (let i = 0; i < changes.length; i += 100) {
    const res = await api.request.post(`/api/responses/${block.responseId}/changes`, {
      data: { changes: changes.slice(i, i + 100) },
      headers: { 'X-CSRF-Token': api.csrf },
    });
    expect(res.status(), await res.text()).toBe(200);
  }
  await api.request.dispose();

  await keyboardSignIn(page, login);

  // A publication: expand it with Enter, then Enter on its material downloads it.
  const item = page.getByRole('article', { name: /^График проведения Национального исследования/ });
  const expand = item.getByRole('button', { name: /^Развернуть: / });
  await tabTo(expand);
  await page.keyboard.press('Enter');
  await expect(item.getByRole('button', { name: /^Свернуть: / })).toBeFocused();
  const material = item.getByRole('link', { name: /График проведения НИКО 2026\.pdf/ });
  await tabTo(material);
  const pdf = await downloadWith(material);
  expect(pdf.suggestedFilename()).toBe('График проведения НИКО 2026.pdf');
  expect(
    fs
      .readFileSync(await pdf.path())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');

  // «Сбор данных»: Tab on to the open collection's «Заполнить» (the form was started beside us,
  // so it may say «Редактировать»).
  const collection = page
    .getByTestId('data-collection-block')
    .filter({ has: page.getByText('Открыт', { exact: true }) });
  const fill = collection.getByRole('button', { name: /^(Заполнить|Редактировать)$/ });
  await tabTo(fill);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table', { name: '1. Численность обучающихся' })).toBeVisible();
  await expectFocusKept(page, 'opening the form');

  // Type into the first two cells: a wrong value in the second.
  const boys = page.locator('[data-cell="pupils.g1.boys"]');
  const girls = page.locator('[data-cell="pupils.g1.girls"]');
  await tabTo(boys);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(answers['pupils.g1.boys'] as string);
  await tab(page);
  await expect(girls).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1O');
  const indicator = page.getByTestId('save-indicator');
  await expect(indicator).toHaveText('Все изменения сохранены');

  // «Сдать отчет» is after the tables: Tab on to it (past every cell), Enter.
  const submit = page.getByRole('button', { name: 'Сдать отчет', exact: true });
  await tabTo(submit, { max: 400 });
  await page.keyboard.press('Enter');
  const summary = page.getByTestId('form-errors');
  await expect(summary.getByRole('heading', { name: 'Ошибки в форме' })).toBeFocused();
  await expect(summary.getByRole('status')).toContainText('Отчет не сдан');
  await expectAccessible(page, '«Ошибки в форме» (keyboard journey)', { impacts: 'all' });

  // The error's link, Enter: the focus is in the wrong cell; fix it.
  const link = summary.getByRole('link', { name: '1. Численность обучающихся: 1 класс — Девочки' });
  await tabTo(link);
  await page.keyboard.press('Enter');
  await expect(girls).toBeFocused();
  await expectFocusVisible(page, 'following the error link');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(answers['pupils.g1.girls'] as string);
  await expect(summary).toBeHidden();
  await expect(indicator).toHaveText('Все изменения сохранены');

  // «История»: a dialog that Escape closes, giving the focus back to «История». It is the history
  // of the cell focused last, which the Tab to the button has made the form's last cell (a known
  // limit, docs/ACCESSIBILITY.md): the dialog names the cell the bar names.
  const history = page.getByRole('button', { name: 'История', exact: true });
  await tabTo(history, { max: 400 });
  const current = ((await page.locator('#current-cell-label').textContent()) ?? '').replace(/^Ячейка: /, '');
  expect(current).not.toBe('');
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('history-dialog');
  await expect(dialog.getByText(current, { exact: true })).toBeVisible();
  await expect(dialog.getByRole('table')).toBeVisible();
  await expectFocusKept(page, 'opening «История»');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(history).toBeFocused();

  // «Сдать отчет» again: back on «НИКО», which shows the transfer.
  await tabTo(submit);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'НИКО', level: 1 })).toBeVisible();
  await expect(collection.getByTestId('collection-last-transfer')).toHaveText(
    /^Данные переданы \d\d\.\d\d\.\d{4} \d\d:\d\d$/,
  );
  await expectFocusKept(page, 'submitting');
}

test('a regional coordinator, with the keyboard only: participants, a report, the export', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await keyboardSignIn(page, 'reg77');
  const block = page.getByTestId('monitoring-block').filter({ hasText: DEMO_TITLE });
  await expect(block.getByTestId('stat-total')).toHaveText(/^\d[\d\s]*$/);

  // «Список участников»: Enter opens it, and its heading takes the focus.
  const toggle = block.getByRole('button', { name: 'Список участников', exact: true });
  await tabTo(toggle);
  await page.keyboard.press('Enter');
  const area = block.getByRole('region', { name: 'Список участников' });
  await expect(area.getByRole('heading', { name: 'Список участников' })).toBeFocused();
  const rows = area.getByTestId('participants-table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();

  // Filter by status with the arrows (a closed select changes on ArrowDown), then search.
  const status = area.getByLabel('Статус', { exact: true });
  await tabTo(status);
  const summary = area.getByTestId('pager-summary');
  const before = await summary.textContent();
  for (let i = 0; i < 5 && (await status.inputValue()) !== 'submitted'; i++) {
    await page.keyboard.press('ArrowDown');
  }
  await expect(status).toHaveValue('submitted');
  await expect(summary).not.toHaveText(before ?? '');
  await expect(rows.first()).toContainText('Сдано');
  await expectFocusVisible(page, 'choosing a status');
  const first = rows.first();
  const code = (await first.getAttribute('data-code')) as string;
  const search = area.getByLabel('Поиск по названию или логину');
  await tabTo(search, { back: true });
  await page.keyboard.type(`sch${code}`);
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-code', code);
  await expectFocusKept(page, 'searching');

  // The row's view button: its data; Escape closes it and the focus is back on the button.
  const view = rows.first().getByRole('button', { name: /^Просмотреть данные / });
  await tabTo(view);
  await page.keyboard.press('Enter');
  const data = area.getByTestId('submitted-data');
  await expect(data.getByRole('heading', { name: /^Переданные данные: / })).toBeFocused();
  await expect(data.getByRole('table', { name: '1. Численность обучающихся' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(data).toHaveCount(0);
  await expect(view).toBeFocused();
  await expectFocusVisible(page, 'Escape on the submitted data');

  // Again, and this time «Закрыть»: the focus is back on the button too.
  await page.keyboard.press('Enter');
  await expect(data.getByRole('heading', { name: /^Переданные данные: / })).toBeFocused();
  const close = data.getByRole('button', { name: 'Закрыть', exact: true });
  await tabTo(close);
  await page.keyboard.press('Enter');
  await expect(data).toHaveCount(0);
  await expect(view).toBeFocused();
  await expectFocusVisible(page, '«Закрыть» of the submitted data');

  // The ✕ closes the list, and the focus goes back to «Список участников».
  const closeList = area.getByRole('button', { name: 'Закрыть список участников', exact: true });
  await tabTo(closeList, { back: true });
  await page.keyboard.press('Enter');
  await expect(area).toHaveCount(0);
  await expect(toggle).toBeFocused();

  // «Экспорт результатов»: the progress is announced (role=status), then «Загрузить отчет».
  const exportButton = block.getByRole('button', { name: 'Экспорт результатов', exact: true });
  await tabTo(exportButton);
  await page.keyboard.press('Enter');
  await expect(block.getByTestId('export-status')).toHaveAttribute('role', 'status');
  const reportLink = block.getByRole('link', { name: 'Загрузить отчет', exact: true });
  await expect(reportLink).toBeVisible({ timeout: 60_000 });
  await expectFocusKept(page, 'the export');
  await tabTo(reportLink);
  const report = await downloadWith(reportLink);
  expect(report.suggestedFilename()).toMatch(/\.xlsx$/);
});

test('the federal operator, with the keyboard only: a publication with an attached file', async ({
  page,
}) => {
  const title = `Клавиатурная публикация ${randomBytes(3).toString('hex')}`;
  const fileName = 'Памятка.pdf';
  await keyboardSignIn(page, 'admin');

  const create = page.getByRole('link', { name: 'Новая публикация' });
  await tabTo(create);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Новая публикация', level: 1 })).toBeVisible();

  await tabTo(page.getByLabel('Название', { exact: true }));
  await page.keyboard.type(title);
  await tabTo(page.getByLabel('Текст публикации'));
  await page.keyboard.type('Уважаемые коллеги! Памятка во вложении.');

  // The file field: Space opens the browser's file chooser, where the file is picked.
  const files = page.getByLabel('Добавить файлы');
  await tabTo(files);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), press(files, 'Space')]);
  await chooser.setFiles({
    name: fileName,
    mimeType: 'application/pdf',
    buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2_000)]),
  });
  await expect(page.getByRole('progressbar', { name: `Загрузка файла ${fileName}` })).toBeVisible();
  await expectFocusKept(page, 'choosing a file');

  const save = page.getByRole('button', { name: 'Сохранить' });
  await tabTo(save);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/niko$/);
  const item = page.getByRole('article', { name: title });
  await expect(item).toBeVisible();
  await expectFocusKept(page, 'saving the publication');

  // The new publication's file, reached and downloaded with the keyboard.
  await tabTo(item.getByRole('button', { name: /^Развернуть: / }));
  await page.keyboard.press('Enter');
  const link = item.getByRole('link', { name: new RegExp(fileName.replace('.', '\\.')) });
  await tabTo(link);
  const download = await downloadWith(link);
  expect(download.suggestedFilename()).toBe(fileName);
});

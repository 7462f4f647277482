// Journey: an organization fills in its «Сбор данных» table. Values save as they are typed and
// survive a reload; a change typed offline waits in the browser (across a reload too) and is sent
// when the network is back; «Закрыть» and «Редактировать»; «Сдать отчет» refuses an invalid cell
// with «Ошибки в форме», then succeeds, and the block shows «Данные переданы …» and gives the
// report as PDF («Скачать PDF»).
// A second journey: two people of one organization type into the same cell, and the second one is
// shown the conflict with both values. A third: a duplicated tab and the original type while the
// server is unreachable; each keeps its own slot, and after the duplicate is closed both changes
// reach the server.
import { type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readPdf } from '../support/pdf.js';
import { expectAccessible } from './support/axe.js';
import { downloadPdf } from './support/pdf-download.js';
import { signIn } from './support/sign-in.js';

const cell = (page: Page, key: string) => page.locator(`[data-cell="${key}"]`);
const indicator = (page: Page) => page.getByTestId('save-indicator');
const ALL_SAVED = 'Все изменения сохранены';

/** The block of the open collection: the one whose status is «Открыт». */
function openBlock(page: Page): Locator {
  return page.getByTestId('data-collection-block').filter({ has: page.getByText('Открыт', { exact: true }) });
}

/** Puts text on the clipboard as a spreadsheet copies it, and pastes it into the cell with Ctrl+V. */
async function pasteInto(target: Locator, text: string) {
  await target.focus();
  await target.page().evaluate((data) => navigator.clipboard.writeText(data), text);
  await target.page().keyboard.press('Control+V');
}

async function openTable(page: Page, button: 'Заполнить' | 'Редактировать') {
  await openBlock(page).getByRole('button', { name: button, exact: true }).click();
  await expect(page.getByRole('table', { name: '1. Численность обучающихся' })).toBeVisible();
}

test.describe('«Сбор данных»', () => {
  test('sch770001 fills in the table, works offline, and submits it', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // Leaving with unsent changes asks first; the journey reloads on purpose.
    page.on('dialog', (d) => void d.accept());
    await signIn(page, 'sch770001');

    // (1) The block on «НИКО», as the manual describes it.
    const block = openBlock(page);
    await expect(block.getByRole('heading', { name: 'Сбор данных', exact: true })).toBeVisible();
    await expect(block.getByTestId('collection-interval')).toHaveText(
      /^с \d\d\.\d\d\.\d{4} 09:00 по \d\d\.\d\d\.\d{4} 18:00 \(МСК\)$/,
    );
    await expect(block.getByTestId('collection-last-transfer')).toHaveText('Данные ещё не передавались');
    await expect(
      page.getByTestId('data-collection-block').getByRole('button', { name: 'Просмотреть' }),
    ).toBeVisible();
    await expectAccessible(page, 'the НИКО page of sch770001');
    await openTable(page, 'Заполнить');

    // (2) Typing saves; sums follow; a reload shows the saved values.
    await cell(page, 'pupils.g1.boys').fill('12');
    await page.getByRole('textbox', { name: '1 класс Девочки', exact: true }).fill('11');
    await expect(cell(page, 'pupils.g1.total')).toHaveText('23');
    await expect(indicator(page)).toHaveText(ALL_SAVED);
    await expect(cell(page, 'pupils.g1.boys').locator('xpath=ancestor::td')).toHaveAttribute(
      'data-save-state',
      'saved',
    );
    await page.reload();
    await expect(cell(page, 'pupils.g1.boys')).toHaveValue('12');
    await expect(cell(page, 'pupils.g1.total')).toHaveText('23');
    // «История» of the focused cell.
    await cell(page, 'pupils.g1.boys').focus();
    await page.getByRole('button', { name: 'История', exact: true }).click();
    const history = page.getByTestId('history-dialog');
    await expect(history.getByRole('row').nth(1)).toContainText('sch770001');
    await expect(history.getByRole('row').nth(1)).toContainText('12');
    await history.getByRole('button', { name: 'Закрыть', exact: true }).click();
    await expect(history).toBeHidden();

    // (3) Offline: the change waits in the browser, survives a reload, and is sent once back online.
    await page.route('**/api/responses/*/changes', (route) => route.abort('internetdisconnected'));
    await cell(page, 'pupils.g2.boys').fill('14');
    await expect(indicator(page)).toHaveText('Нет связи — изменения сохранятся при восстановлении связи (1)');
    await page.reload();
    await expect(cell(page, 'pupils.g2.boys')).toHaveValue('14');
    await expect(indicator(page)).toContainText('Нет связи');
    await page.unroute('**/api/responses/*/changes');
    await expect(indicator(page)).toHaveText(ALL_SAVED, { timeout: 15_000 });
    await page.reload();
    await expect(cell(page, 'pupils.g2.boys')).toHaveValue('14');
    await expect(indicator(page)).toHaveText(ALL_SAVED);

    // (4) «Закрыть», then «Редактировать».
    await page.getByRole('button', { name: 'Закрыть', exact: true }).click();
    await expect(openBlock(page).getByTestId('collection-last-transfer')).toHaveText(
      'Данные ещё не передавались',
    );
    await openTable(page, 'Редактировать');
    await expect(cell(page, 'pupils.g2.boys')).toHaveValue('14');

    // Everything required, quickly: a block pasted as from Excel, lists chosen, a class added.
    await pasteInto(cell(page, 'pupils.g3.boys'), 'abc\t10\r\n15\t16\r\n');
    await expect(cell(page, 'pupils.g4.girls')).toHaveValue('16');
    for (const row of ['computer_class', 'internet', 'boards', 'physics_lab', 'chemistry_lab']) {
      await cell(page, `equipment.${row}.present`).selectOption('true');
    }
    for (const row of ['biology_lab', 'library', 'gym', 'e_journal', 'cctv']) {
      await cell(page, `equipment.${row}.present`).selectOption('false');
    }
    await cell(page, 'school.info.settlement').selectOption({ label: 'Город' });
    await cell(page, 'school.info.filled_on').fill('10.03.2026');
    await cell(page, 'school.info.responsible').fill('Иванова Анна Петровна');
    // «Сдать отчет» without a class: the table's error leads to «Добавить строку».
    await page.getByRole('button', { name: 'Сдать отчет', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Ошибки в форме' })).toBeFocused();
    await page.getByRole('link', { name: '6. Классы, участвующие в исследовании', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Добавить строку', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    const classRow = page
      .getByRole('table', { name: '6. Классы, участвующие в исследовании' })
      .locator('tbody tr');
    await expect(classRow).toHaveCount(1);
    await classRow.locator('select').selectOption('4');
    await pasteInto(classRow.locator('[data-cell$=".letter"]'), 'А\t25\tПетрова Е. В.\t12.03.2026\r\n');
    await expect(classRow.locator('[data-cell$=".date"]')).toHaveValue('12.03.2026');
    await expect(indicator(page)).toHaveText(ALL_SAVED);

    // (5) «Сдать отчет» with an invalid cell: «Ошибки в форме», and its link leads to the cell.
    await page.getByRole('button', { name: 'Сдать отчет', exact: true }).click();
    const errors = page.getByRole('heading', { name: 'Ошибки в форме' });
    await expect(errors).toBeFocused();
    const link = page.getByRole('link', { name: '1. Численность обучающихся: 3 класс — Мальчики' });
    await expect(link.locator('xpath=..')).toContainText('Введите число.');
    await expect(cell(page, 'pupils.g3.boys')).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'the table page with «Ошибки в форме»');
    await link.click();
    await expect(cell(page, 'pupils.g3.boys')).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('13');
    await expect(page.getByTestId('form-errors')).toBeHidden();

    // (6) «Сдать отчет» again: back on «НИКО», which shows the transfer.
    await page.getByRole('button', { name: 'Сдать отчет', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'НИКО', level: 1 })).toBeVisible();
    await expect(openBlock(page).getByTestId('collection-last-transfer')).toHaveText(
      /^Данные переданы \d\d\.\d\d\.\d{4} \d\d:\d\d$/,
    );
    await expect(openBlock(page).getByRole('button', { name: 'Редактировать', exact: true })).toBeVisible();

    // (7) «Скачать PDF»: the paper copy of what was sent, with the value typed in (5).
    const pdf = await downloadPdf(openBlock(page).getByRole('link', { name: 'Скачать PDF' }));
    expect(pdf.fileName).toMatch(/^Отчет 770001 .+\.pdf$/);
    expect(pdf.text).toContain('Отчет о сдаче данных');
    expect(pdf.text).toContain('1. Численность обучающихся');
    expect(pdf.text).toContain('М.П.');
    expect(pdf.pages.length).toBeGreaterThan(1);
    expect(pdf.pages.at(-1)).toContain(`Стр. ${pdf.pages.length} из ${pdf.pages.length}`);
  });

  test('the table page gives the form as an Excel file, and prints clean', async ({ page }) => {
    await signIn(page, 'sch770009');
    await openBlock(page)
      .getByRole('button', { name: /^(Заполнить|Редактировать)$/ })
      .click();
    await expect(page.getByRole('table', { name: '1. Численность обучающихся' })).toBeVisible();
    // «Скачать форму в Excel»: a sheet per table, headed as on the page.
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Скачать форму в Excel' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/^Форма 770009 .+\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    expect(workbook.worksheets[0]?.getCell('A3').value).toBe('1. Численность обучающихся');

    // Ctrl+P: no menu, no buttons, every table whole.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Основное меню' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Сдать отчет' })).toBeHidden();
    await expect(page.getByRole('table', { name: '6. Классы, участвующие в исследовании' })).toBeVisible();
    // What Chromium prints: every table's title, and nothing of the screen's controls.
    const printed = await readPdf(await page.pdf({ format: 'A4' }));
    for (const title of [
      '1. Численность обучающихся',
      '4. Оснащённость',
      '6. Классы, участвующие в исследовании',
    ]) {
      expect(printed.text).toContain(title);
    }
    expect(printed.text).not.toContain('Сдать отчет');
    expect(printed.text).not.toContain('Скачать форму в Excel');
    expect(printed.text).not.toContain('Сменить пароль');
  });

  test('a collection closed while typing: the change is kept, shown unsaved, and sent once reopened', async ({
    page,
    browser,
  }) => {
    page.on('dialog', (d) => void d.accept());
    await signIn(page, 'sch770013');
    await openTable(page, 'Заполнить');
    await cell(page, 'pupils.g1.boys').fill('21');
    await expect(indicator(page)).toHaveText(ALL_SAVED);
    const blocks = await (await page.request.get('/api/niko/data-collection')).json();
    const collectionId = blocks.rows.find((r: { open: boolean }) => r.open).collectionId;

    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, 'admin');
    const { token } = await (await admin.request.get('/api/auth/csrf')).json();
    const manage = (action: 'close' | 'reopen') =>
      admin.request.post(`/api/collections/${collectionId}/${action}`, {
        headers: { 'X-CSRF-Token': token },
        data: {},
      });
    try {
      expect((await manage('close')).status()).toBe(200);
      await cell(page, 'pupils.g1.girls').fill('22');
      await expect(indicator(page)).toHaveText(
        'Сбор данных закрыт: изменения не сохранены (1). Они остаются в этом браузере.',
      );
      await expect(page.getByText('Сбор данных закрыт: изменения больше не принимаются.')).toBeVisible();
      await expect(page.getByRole('textbox')).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Сдать отчет' })).toHaveCount(0);
      const girls = cell(page, 'pupils.g1.girls');
      await expect(girls).toContainText('22');
      await expect(girls).toContainText('Не сохранено: сбор данных закрыт');
      await page.reload();
      await expect(cell(page, 'pupils.g1.girls')).toContainText('22');
      await expect(cell(page, 'pupils.g1.boys')).toContainText('21');
      await page.getByRole('button', { name: 'Закрыть', exact: true }).click();
      await expect(page.getByTestId('unsaved-in-browser')).toBeVisible();
    } finally {
      expect((await manage('reopen')).status()).toBe(200);
      await adminContext.close();
    }
    await page.reload();
    await openTable(page, 'Редактировать');
    await expect(cell(page, 'pupils.g1.girls')).toHaveValue('22');
    await expect(indicator(page)).toHaveText(ALL_SAVED);
    await page.reload();
    await expect(cell(page, 'pupils.g1.girls')).toHaveValue('22');
  });

  test('keyboard: arrows and Enter move between cells, over computed ones', async ({ page }) => {
    await signIn(page, 'sch770007');
    await openTable(page, 'Заполнить');
    await cell(page, 'pupils.g1.boys').focus();
    await page.keyboard.press('ArrowDown');
    await expect(cell(page, 'pupils.g2.boys')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(cell(page, 'pupils.g3.boys')).toBeFocused();
    await page.keyboard.type('7');
    await page.keyboard.press('ArrowRight');
    await expect(cell(page, 'pupils.g3.girls')).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(cell(page, 'pupils.g3.boys')).toBeFocused();
    // Below «4 класс» comes the computed «Итого 1–4 классы», then «5 класс».
    await cell(page, 'pupils.g4.boys').focus();
    await page.keyboard.press('ArrowDown');
    await expect(cell(page, 'pupils.g5.boys')).toBeFocused();
    await expect(indicator(page)).toHaveText(ALL_SAVED);
  });

  test('two people edit the same cell: the second one chooses between both values', async ({ browser }) => {
    const contexts: BrowserContext[] = [];
    const open = async () => {
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await signIn(page, 'sch770004');
      await openTable(page, 'Заполнить');
      return page;
    };
    try {
      const first = await open();
      const second = await open();
      await cell(first, 'teachers.first.exp_0_3').fill('5');
      await expect(indicator(first)).toHaveText(ALL_SAVED);
      await cell(second, 'teachers.first.exp_0_3').fill('7');
      const panel = second.getByTestId('conflict-panel');
      await expect(panel).toBeVisible();
      await expect(indicator(second)).toHaveText('Есть конфликты');
      await expect(panel.getByTestId('conflict-yours')).toHaveText('7');
      await expect(panel.getByTestId('conflict-server')).toHaveText('5');
      await expect(panel).toContainText('Ваше значение');
      await expect(panel).toContainText('Значение на сервере');
      await expectAccessible(second, 'the table page with a conflict');
      await panel.getByRole('button', { name: 'Оставить моё', exact: true }).click();
      await expect(indicator(second)).toHaveText(ALL_SAVED);
      await first.reload();
      await expect(cell(first, 'teachers.first.exp_0_3')).toHaveValue('7');
    } finally {
      for (const c of contexts) await c.close();
    }
  });
});

test('a duplicated tab keeps its unsent changes apart from the original’s, and none is lost', async ({
  page,
  context,
}) => {
  // «Duplicate tab» opens a second page of the same form with a copy of the first one's
  // sessionStorage, where the tab's id lives. Both tabs then type while the server is unreachable.
  await signIn(page, 'sch770011');
  await openBlock(page)
    .getByRole('button', { name: /^(Заполнить|Редактировать)$/ })
    .click();
  await expect(page.getByRole('table', { name: '1. Численность обучающихся' })).toBeVisible();
  const session = await page.evaluate(() => JSON.stringify({ ...sessionStorage }));
  const duplicate = await context.newPage();
  await duplicate.addInitScript((copied) => {
    if (sessionStorage.length === 0) {
      for (const [k, v] of Object.entries(JSON.parse(copied) as Record<string, string>))
        sessionStorage.setItem(k, v);
    }
  }, session);
  await duplicate.goto(page.url());
  await expect(duplicate.getByRole('table', { name: '1. Численность обучающихся' })).toBeVisible();

  await context.route('**/api/responses/*/changes', (route) => route.abort('internetdisconnected'));
  await cell(page, 'pupils.g1.boys').fill('31');
  await cell(duplicate, 'pupils.g1.girls').fill('32');
  // Two slots in localStorage, one per tab, each with its own change.
  const slots = () =>
    page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('fis-oko:autosave:v1:'))
        .map((k) =>
          (JSON.parse(localStorage.getItem(k) as string).changes as { cell: string }[]).map((c) => c.cell),
        )
        .sort(),
    );
  await expect.poll(slots).toEqual([['pupils.g1.boys'], ['pupils.g1.girls']]);

  // The duplicate is closed and the original reloaded, both still unable to send: the original
  // adopts the closed tab's slot, and once the server answers again both changes are saved.
  await duplicate.close();
  await page.reload();
  await expect(cell(page, 'pupils.g1.girls')).toHaveValue('32');
  await context.unroute('**/api/responses/*/changes');
  await expect(indicator(page)).toHaveText(ALL_SAVED);
  await page.reload();
  await expect(cell(page, 'pupils.g1.boys')).toHaveValue('31');
  await expect(cell(page, 'pupils.g1.girls')).toHaveValue('32');
});

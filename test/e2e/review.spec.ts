// Journey: the review of a submitted report (issue 11 §1). reg77 opens a Moscow school's submitted
// data from «Список участников» and returns it for revision with a comment (an empty comment is
// refused in the dialog); the school sees «Возвращено на доработку» with the comment, who returned
// it and when, corrects a cell and submits again (reg77 reads it all in «История проверки»); reg77 sees «Не проверено», chooses the row and
// «Принять выбранные»; the school's table is then locked. axe checks each new view.
import { expect, type Locator, type Page, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { apiSignIn, signIn } from './support/sign-in.js';

const DEMO_TITLE = 'НИКО-2026: контекстные данные образовательной организации';
const COMMENT = 'Не указан ответственный за заполнение полностью: укажите фамилию, имя и отчество.';

const cell = (page: Page, key: string) => page.locator(`[data-cell="${key}"]`);

function schoolBlock(page: Page): Locator {
  return page
    .getByTestId('data-collection-block')
    .filter({ has: page.getByRole('heading', { name: DEMO_TITLE }) });
}

test('reg77 returns a report with a comment, the school corrects and resubmits it, reg77 accepts it', async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  // A Moscow school that submitted and whose report nobody has checked: the last by code, which
  // no other journey touches.
  const reg = await apiSignIn(playwright, baseURL as string, 'reg77');
  const collections = (await (await reg.request.get('/api/collections')).json()).rows;
  const collectionId = collections.find((c: { title: string }) => c.title === DEMO_TITLE).id;
  const url = `/api/monitoring/collections/${collectionId}/participants?review=unchecked&sort=code&dir=desc&pageSize=1`;
  const [target] = (await (await reg.request.get(url)).json()).rows;
  await reg.request.dispose();
  const login = `sch${target.code}`;

  // (1) reg77 finds the school in «Список участников»: «Не проверено».
  await signIn(page, 'reg77');
  const block = page.locator(`[data-testid="monitoring-block"][data-collection-id="${collectionId}"]`);
  await expect(block.getByTestId('stat-review')).toHaveText(
    /^из них: принято \d+, на доработке \d+, не проверено \d+$/,
  );
  await block.getByRole('button', { name: 'Список участников', exact: true }).click();
  const area = block.getByRole('region', { name: 'Список участников' });
  await area.getByLabel('Поиск по названию или логину').fill(login);
  await area.getByLabel('Поиск по названию или логину').press('Enter');
  const row = area.getByTestId('participants-table').locator(`tbody tr[data-code="${target.code}"]`);
  await expect(row.getByTestId('review-state')).toHaveText('Не проверено');

  // (2) From its submitted data: «Вернуть на доработку»; the comment is required.
  await row.getByRole('button', { name: /^Просмотреть данные / }).click();
  const data = area.getByTestId('submitted-data');
  await expect(data.getByTestId('submitted-review-state')).toHaveText('Не проверено');
  await data.getByRole('button', { name: 'Вернуть на доработку', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Вернуть отчёт на доработку' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Вернуть на доработку', exact: true }).click();
  await expect(dialog.getByText(/без комментария отчёт не вернуть на доработку/)).toBeVisible();
  await expectAccessible(page, 'the dialog «Вернуть отчёт на доработку» with its error');
  await dialog.getByLabel('Комментарий для организации *').fill(COMMENT);
  await dialog.getByRole('button', { name: 'Вернуть на доработку', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(data.getByText(/^Возвращено на доработку: отчёт /)).toBeVisible();
  await expect(data.getByTestId('submitted-review-state')).toHaveText('На доработке');
  await expect(data.getByTestId('submitted-review-note')).toContainText(COMMENT);
  // «История проверки»: who returned it, when, with the comment.
  await data.getByText(/^История проверки \(\d+\)$/).click();
  await expect(data.getByTestId('review-history').locator('tbody tr').first()).toContainText(
    'На доработкеРегиональный координатор, г. Москва (reg77)',
  );
  await expect(data.getByTestId('review-history')).toContainText(COMMENT);
  await expectAccessible(page, 'the submitted data of a returned report');
  await data.getByRole('button', { name: 'Закрыть', exact: true }).click();
  await expect(row.getByTestId('review-state')).toHaveText('На доработке');

  // (3) The school sees it prominently, with who returned it and when, and corrects the table.
  const context = await browser.newContext();
  const school = await context.newPage();
  await signIn(school, login);
  const returned = schoolBlock(school).getByTestId('review-returned');
  await expect(returned).toContainText('Возвращено на доработку');
  await expect(returned.getByTestId('review-comment')).toHaveText(COMMENT);
  await expect(returned.getByTestId('review-meta')).toHaveText(
    /^Региональный координатор, г\. Москва, \d\d\.\d\d\.\d{4} \d\d:\d\d \(МСК\)$/,
  );
  await expectAccessible(school, 'the НИКО page of a school whose report was returned');
  await schoolBlock(school).getByRole('button', { name: 'Редактировать', exact: true }).click();
  await expect(school.getByRole('table', { name: '1. Численность обучающихся' })).toBeVisible();
  await expect(school.getByTestId('review-returned')).toBeVisible();
  await cell(school, 'school.info.responsible').fill('Смирнова Ольга Викторовна');
  await expect(school.getByTestId('save-indicator')).toHaveText('Все изменения сохранены');
  await school.getByRole('button', { name: 'Сдать отчет', exact: true }).click();
  await expect(school.getByRole('heading', { name: 'НИКО', level: 1 })).toBeVisible();
  await expect(schoolBlock(school).getByText('Отчет сдан: данные переданы в ФИС ОКО.')).toBeVisible();
  await expect(schoolBlock(school).getByTestId('review-returned')).toHaveCount(0);

  // (4) reg77: the resubmitted report is «Не проверено» again; chosen, «Принять выбранные».
  await area.getByLabel('Проверка').selectOption('unchecked');
  await expect(row.getByTestId('review-state')).toHaveText('Не проверено');
  await row.getByRole('checkbox', { name: /^Выбрать / }).check();
  const chosen = area.getByTestId('chosen-actions');
  await chosen.getByRole('button', { name: 'Принять выбранные', exact: true }).click();
  const accept = page.getByRole('dialog', { name: 'Принять выбранные (1)' });
  await expect(accept).toContainText('Таблица организации закроется для изменений');
  await expectAccessible(page, 'the dialog «Принять выбранные»');
  await accept.getByRole('button', { name: 'Принять', exact: true }).click();
  await expect(accept).toHaveCount(0);
  await expect(area.getByText('Принято: 1 отчёт.')).toBeVisible();
  await area.getByLabel('Проверка').selectOption('accepted');
  await expect(row.getByTestId('review-state')).toHaveText('Принято');

  // (5) The school's table is locked: only viewed, no «Сдать отчет».
  await school.reload();
  await expect(schoolBlock(school).getByTestId('review-accepted')).toContainText('Отчёт принят');
  await schoolBlock(school).getByRole('button', { name: 'Просмотреть', exact: true }).click();
  await expect(
    school.getByText('Отчёт принят координатором: таблица открыта только для просмотра.'),
  ).toBeVisible();
  await expect(cell(school, 'school.info.responsible')).toHaveText('Смирнова Ольга Викторовна');
  await expect(school.getByRole('textbox')).toHaveCount(0);
  await expect(school.getByRole('button', { name: 'Сдать отчет' })).toHaveCount(0);
  await expectAccessible(school, 'the table of an accepted report');
  await context.close();
});

// Journeys through «Справочник» and «Сменить пароль». (1) admin browses «Регионы» down to the
// organizations of a municipality, and «Муниципалитеты» by region. (2) admin finds organizations by
// code, sends «Добавить организацию» empty (the field errors, focus on the first one) and with a
// code of another region (the server's error), creates one in Adygea (01), gets its account's
// one-time password, renames it and finds the new name in the list. (3) admin creates a municipal
// account (a taken login is refused first) and resets its password; the user signs in with the new
// one-time password, is kept on «Смена пароля» until it is changed, then reaches «НИКО»; admin
// deactivates the account and the user can no longer sign in. (4) reg77 sees only Moscow, no
// «Импорт» and no write pages, may reset only organizations' passwords, and cannot open an
// organization of another region. (5) admin imports organizations from a CSV built on the
// downloadable template: with a bad row nothing is applied, with «Применить только корректные
// строки» the good row is. What is created goes to region 01, so that the Moscow figures other
// journeys count stay as they are; codes and logins carry a random part, so reruns on the same
// database do not collide. axe checks the lists, the forms, the dialogs and the import report.
import { randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs';
import { type Browser, expect, type Locator, type Page, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { apiSignIn, signIn } from './support/sign-in.js';

const REGION = '01';
const REGION_LABEL = '01 — Республика Адыгея';
const MUNICIPALITY = '01001';

/** An organization code of the region that no organization has yet (the page must be signed in). */
async function freeOrganizationCode(page: Page, region: string, not: string[] = []): Promise<string> {
  for (;;) {
    const code = `${region}${randomInt(5000, 10_000)}`;
    if (not.includes(code)) continue;
    const res = await page.request.get(`/api/organizations?q=${code}`);
    expect(res.status()).toBe(200);
    if ((await res.json()).total === 0) return code;
  }
}

/** Picks the option whose text starts with `prefix` once the options have arrived. */
async function selectOptionStartingWith(select: Locator, prefix: string) {
  const option = select.locator('option').filter({ hasText: new RegExp(`^${prefix}`) });
  await expect(option).toHaveCount(1);
  await select.selectOption((await option.getAttribute('value')) as string);
}

function directoryTab(page: Page, name: string) {
  return page
    .getByRole('navigation', { name: 'Разделы справочника' })
    .getByRole('link', { name, exact: true });
}

async function search(page: Page, label: string, q: string) {
  await page.getByLabel(label, { exact: true }).fill(q);
  await page.getByRole('button', { name: 'Найти', exact: true }).click();
}

/** Reads the one-time password dialog and closes it; returns the password. */
async function takeOneTimePassword(page: Page, login: string, axeWhat?: string): Promise<string> {
  const dialog = page.getByRole('dialog', { name: 'Временный пароль' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('one-time-login')).toHaveText(login);
  await expect(dialog.getByTestId('one-time-password')).toHaveText(/^\S{8,}$/);
  const close = dialog.getByRole('button', { name: 'Закрыть', exact: true });
  await expect(close).toBeFocused();
  if (axeWhat) await expectAccessible(page, axeWhat);
  const password = (await dialog.getByTestId('one-time-password').textContent()) as string;
  await close.click();
  await expect(dialog).toHaveCount(0);
  return password;
}

test('admin browses the regions and municipalities down to their organizations', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('link', { name: 'Справочник', exact: true }).click();
  await expect(page).toHaveURL(/\/directory\/regions$/);
  await expect(page.getByRole('heading', { name: 'Регионы', level: 1 })).toBeVisible();
  await expect(page.getByTestId('pager-summary')).toHaveText(/^Показано 1–50 из 89$/);

  await search(page, 'Поиск региона', 'адыгея');
  const regions = page.getByRole('table', { name: 'Регионы' }).locator('tbody tr');
  await expect(regions).toHaveCount(1);
  await expect(regions.first().locator('td').first()).toHaveText(REGION);
  await expectAccessible(page, 'the regions of admin');
  await regions.first().getByRole('link', { name: 'Республика Адыгея', exact: true }).click();

  await expect(page.getByRole('heading', { name: 'Республика Адыгея', level: 1 })).toBeVisible();
  const municipalities = page.getByRole('table', { name: 'Муниципалитеты региона' }).locator('tbody tr');
  await expect(municipalities.first().locator('td').first()).toHaveText(MUNICIPALITY);
  const count = municipalities.first().getByRole('link');
  const n = (await count.textContent())?.trim() as string;
  await count.click();

  // The organizations of that municipality, with the filters showing why.
  await expect(page.getByRole('heading', { name: 'Организации', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Регион', { exact: true })).toHaveValue(REGION);
  await expect(page.getByLabel('Муниципалитет', { exact: true }).locator('option:checked')).toHaveText(
    new RegExp(`^${MUNICIPALITY} — `),
  );
  await expect(page.getByTestId('pager-summary')).toHaveText(`Показано 1–${n} из ${n}`);

  // «Муниципалитеты» narrowed to the region.
  await directoryTab(page, 'Муниципалитеты').click();
  await expect(page.getByRole('heading', { name: 'Муниципалитеты', level: 1 })).toBeVisible();
  await page.getByLabel('Регион', { exact: true }).selectOption({ label: REGION_LABEL });
  await expect(page).toHaveURL(/regionCode=01/);
  const rows = page.getByRole('table', { name: 'Муниципалитеты' }).locator('tbody tr');
  // The previous page stays on screen until the region's arrives.
  await expect
    .poll(async () => [...new Set(await rows.locator('td:nth-child(3)').allTextContents())])
    .toEqual(['Республика Адыгея']);
  await expect(rows.first().locator('td').first()).toHaveText(MUNICIPALITY);
  await expectAccessible(page, 'the municipalities of a region');
});

test('admin adds an organization, renames it and finds it in the list', async ({ page }) => {
  const suffix = randomBytes(3).toString('hex');
  const name = `МБОУ СОШ e2e-${suffix}`;
  const renamed = `${name} (переименована)`;

  await signIn(page, 'admin');
  const code = await freeOrganizationCode(page, REGION);
  await page.getByRole('link', { name: 'Справочник', exact: true }).click();
  await directoryTab(page, 'Организации').click();
  await expect(page.getByRole('heading', { name: 'Организации', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Организации' });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(50);
  await expectAccessible(page, 'the organizations of admin');

  // Search by code: a seeded one is found, the free one is not.
  await search(page, 'Поиск организации', `${REGION}0001`);
  await expect(page).toHaveURL(/q=010001/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first().locator('td').nth(0)).toHaveText(`${REGION}0001`);
  await expect(rows.first().locator('td').nth(3)).toHaveText('Республика Адыгея');
  await search(page, 'Поиск организации', code);
  await expect(page.getByTestId('pager-summary')).toHaveText('Ничего не найдено');
  await expect(rows).toHaveCount(0);

  // Sent empty: every required field says what is missing, and the first one has the focus.
  await page.getByRole('link', { name: 'Добавить организацию', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Новая организация', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  const codeField = page.getByLabel('Код организации', { exact: true });
  await expect(codeField).toBeFocused();
  await expect(codeField).toHaveAttribute('aria-invalid', 'true');
  await expect(codeField).toHaveAccessibleDescription(/Код организации — 6 цифр\.$/);
  for (const [label, message] of [
    ['Краткое наименование', 'Заполните краткое наименование.'],
    ['Полное наименование', 'Заполните полное наименование.'],
    ['Регион', 'Выберите регион.'],
    ['Муниципалитет', 'Выберите муниципалитет.'],
  ] as const) {
    await expect(page.getByLabel(label, { exact: true })).toHaveAccessibleDescription(message);
  }
  await expectAccessible(page, 'the organization form with its errors');

  // A code of another region passes the browser's check; the server refuses it on the field, which
  // gets the focus.
  await codeField.fill('779999');
  await page.getByLabel('Краткое наименование', { exact: true }).fill(name);
  await page
    .getByLabel('Полное наименование', { exact: true })
    .fill(`Муниципальное бюджетное общеобразовательное учреждение «e2e-${suffix}»`);
  await page.getByLabel('Вид', { exact: true }).selectOption({ label: 'СПО' });
  await page.getByLabel('Регион', { exact: true }).selectOption({ label: REGION_LABEL });
  await selectOptionStartingWith(page.getByLabel('Муниципалитет', { exact: true }), `${MUNICIPALITY} — `);
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  const wrongRegion = 'Код организации должен начинаться с кода региона 01.';
  await expect(page.getByRole('alert')).toHaveText(wrongRegion);
  await expect(codeField).toHaveAttribute('aria-invalid', 'true');
  await expect(codeField).toBeFocused();
  await expect(codeField).toHaveAccessibleDescription(
    /Код организации должен начинаться с кода региона 01\.$/,
  );

  // The right code: the organization and its account sch<code>, whose password is shown once.
  await codeField.fill(code);
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await takeOneTimePassword(page, `sch${code}`);
  await expect(page).toHaveURL(/\/directory\/organizations\/\d+$/);
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  const details = page.locator('dl.details');
  await expect(details).toContainText(code);
  await expect(details).toContainText('СПО');
  await expect(details).toContainText(`${REGION} — Республика Адыгея`);
  const accounts = page.getByRole('table', { name: 'Пользователи организации' }).locator('tbody tr');
  await expect(accounts).toHaveCount(1);
  await expect(accounts.first().getByRole('link', { name: `sch${code}`, exact: true })).toBeVisible();
  await expect(accounts.first()).toContainText('Временный пароль');
  await expectAccessible(page, 'a new organization');

  // Renamed: the code stays as it was and cannot be edited.
  await page.getByRole('link', { name: 'Изменить', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Изменение организации', level: 1 })).toBeVisible();
  await expect(codeField).toBeDisabled();
  await expect(codeField).toHaveValue(code);
  await expect(page.getByLabel('Регион', { exact: true })).toHaveCount(0);
  await page.getByLabel('Краткое наименование', { exact: true }).fill(renamed);
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(page.getByRole('heading', { name: renamed, level: 1 })).toBeVisible();

  await directoryTab(page, 'Организации').click();
  await expect(page.getByRole('heading', { name: 'Организации', level: 1 })).toBeVisible();
  await search(page, 'Поиск организации', code);
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole('link', { name: renamed, exact: true })).toBeVisible();
  await expect(rows.first()).toContainText('Активна');
});

/** The user signs in with a one-time password and is kept on «Смена пароля» until it is changed. */
async function changeForcedPassword(browser: Browser, login: string, oneTime: string, next: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(oneTime);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByRole('heading', { name: 'Смена пароля', level: 1 })).toBeVisible();
  await expect(
    page.getByText('Вы вошли с временным паролем. Чтобы продолжить работу, задайте новый пароль.'),
  ).toBeVisible();
  const menu = page.getByRole('navigation', { name: 'Основное меню' });
  await expect(menu.getByRole('link', { name: 'Сменить пароль', exact: true })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'НИКО', exact: true })).toHaveCount(0);
  await expect(menu.getByRole('link', { name: 'Справочник', exact: true })).toHaveCount(0);
  // Any other page leads back here.
  await page.goto('/niko');
  await expect(page).toHaveURL(/\/account\/password$/);
  await expectAccessible(page, 'the forced password change');

  const current = page.getByLabel('Текущий пароль', { exact: true });
  const fresh = page.getByLabel('Новый пароль', { exact: true });
  const repeat = page.getByLabel('Повторите новый пароль', { exact: true });
  const change = page.getByRole('button', { name: 'Сменить пароль', exact: true });

  // Checked in the browser: the repetition differs.
  await current.fill(oneTime);
  await fresh.fill(next);
  await repeat.fill(`${next}x`);
  await change.click();
  await expect(repeat).toBeFocused();
  await expect(repeat).toHaveAccessibleDescription('Пароли не совпадают.');

  // Checked by the server: the current password is wrong, and that field gets the focus.
  await current.fill(`${oneTime}x`);
  await repeat.fill(next);
  await change.click();
  await expect(current).toHaveAttribute('aria-invalid', 'true');
  await expect(current).toBeFocused();
  await expect(current).toHaveAccessibleDescription('Текущий пароль указан неверно.');
  await expect(page.getByRole('alert')).toHaveText('Текущий пароль указан неверно.');

  await current.fill(oneTime);
  await change.click();
  await expect(page.getByRole('status').filter({ hasText: 'Пароль изменён.' })).toBeVisible();
  await expect(current).toHaveValue('');
  await expect(menu.getByRole('link', { name: 'НИКО', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Перейти в раздел «НИКО»', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'НИКО', level: 1 })).toBeVisible();
  await expect(page.getByTestId('user-login')).toHaveText(login);
  await expect(page.getByTestId('user-role')).toHaveText('Муниципальный координатор');
  return { context, page };
}

test('admin creates an account and resets its password; the user must change it at sign-in', async ({
  page,
  browser,
}) => {
  const suffix = randomBytes(3).toString('hex');
  const login = `e2e.mun.${suffix}`;
  const fullName = `Проверкина Анна ${suffix}`;

  await signIn(page, 'admin');
  await page.getByRole('link', { name: 'Справочник', exact: true }).click();
  await directoryTab(page, 'Пользователи').click();
  await expect(page.getByRole('heading', { name: 'Пользователи', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Добавить пользователя', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Новый пользователь', level: 1 })).toBeVisible();

  // The role decides which scope fields are asked for.
  await expect(page.getByLabel('Организация', { exact: true })).toBeDisabled();
  await page.getByLabel('Роль', { exact: true }).selectOption({ label: 'Муниципальный координатор' });
  await expect(page.getByLabel('Организация', { exact: true })).toHaveCount(0);
  const municipality = page.getByLabel('Муниципалитет', { exact: true });
  await expect(municipality).toBeDisabled();
  await page.getByLabel('ФИО', { exact: true }).fill(fullName);
  await page.getByLabel('Электронная почта', { exact: true }).fill(`${suffix}@example.ru`);
  await page.getByLabel('Регион', { exact: true }).selectOption({ label: REGION_LABEL });
  await selectOptionStartingWith(municipality, `${MUNICIPALITY} — `);

  // A login that is taken is refused by the server.
  await page.getByLabel('Логин', { exact: true }).fill('mun77001');
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('Пользователь с таким логином уже существует.');
  await expectAccessible(page, 'the user form with an error');

  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  const first = await takeOneTimePassword(page, login);
  await expect(page).toHaveURL(/\/directory\/users\/\d+$/);
  await expect(page.getByRole('heading', { name: login, level: 1 })).toBeVisible();
  const details = page.locator('dl.details');
  await expect(details).toContainText(fullName);
  await expect(details).toContainText('Муниципальный координатор');
  await expect(details).toContainText(REGION_LABEL);
  await expect(details).toContainText(`${MUNICIPALITY} — `);
  await expect(details).toContainText('Временный пароль');

  // «Сбросить пароль»: confirmed first, then a new one-time password replaces the first.
  const reset = page.getByRole('button', { name: `Сбросить пароль ${login}`, exact: true });
  await reset.click();
  const confirm = page.getByRole('alertdialog', { name: 'Сбросить пароль?' });
  await expect(confirm).toContainText(`Пароль пользователя ${login} будет заменён временным`);
  await expect(confirm.getByRole('button', { name: 'Отмена', exact: true })).toBeFocused();
  await expectAccessible(page, 'the password reset confirmation');
  await confirm.getByRole('button', { name: 'Сбросить пароль', exact: true }).click();
  const second = await takeOneTimePassword(page, login, 'the one-time password after a reset');
  expect(second).not.toBe(first);
  await expect(reset).toBeFocused();

  // The first password no longer opens the account; the second does, and must be changed.
  const stale = await browser.newPage();
  await stale.goto('/');
  await stale.getByLabel('Логин', { exact: true }).fill(login);
  await stale.getByLabel('Пароль', { exact: true }).fill(first);
  await stale.getByRole('button', { name: 'Войти', exact: true }).click();
  await expect(stale.getByRole('alert')).toHaveText('Неверный логин или пароль.');
  await stale.close();

  const newPassword = `Adyg-${suffix}-2026`;
  const user = await changeForcedPassword(browser, login, second, newPassword);

  // admin sees the temporary password gone, then deactivates the account: the user is out.
  await page.reload();
  await expect(page.getByRole('heading', { name: login, level: 1 })).toBeVisible();
  await expect(details).toContainText('Активна');
  await expect(details).not.toContainText('Временный пароль');
  await page.getByRole('button', { name: 'Деактивировать', exact: true }).click();
  const deactivate = page.getByRole('alertdialog', { name: 'Деактивировать учётную запись?' });
  await expect(deactivate).toContainText(`Пользователь ${login} не сможет войти в систему`);
  await deactivate.getByRole('button', { name: 'Деактивировать', exact: true }).click();
  await expect(deactivate).toHaveCount(0);
  await expect(details).toContainText('Деактивирована');
  await expect(page.getByRole('button', { name: 'Активировать', exact: true })).toBeVisible();

  await user.page.reload();
  await expect(user.page.getByRole('button', { name: 'Войти', exact: true })).toBeVisible();
  await user.page.getByLabel('Логин', { exact: true }).fill(login);
  await user.page.getByLabel('Пароль', { exact: true }).fill(newPassword);
  await user.page.getByRole('button', { name: 'Войти', exact: true }).click();
  await expect(user.page.getByRole('alert')).toHaveText('Неверный логин или пароль.');
  await user.context.close();
});

test('reg77 sees only Moscow and may not change the directory', async ({ page, playwright, baseURL }) => {
  // The id of an organization of another region, looked up by admin.
  const { request: admin } = await apiSignIn(playwright, baseURL as string, 'admin');
  const other = (await (await admin.get('/api/organizations?q=500001')).json()).rows[0];
  expect(other.code).toBe('500001');
  await admin.dispose();

  await signIn(page, 'reg77');
  await page.getByRole('link', { name: 'Справочник', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Регионы', level: 1 })).toBeVisible();
  await expect(directoryTab(page, 'Организации')).toBeVisible();
  await expect(directoryTab(page, 'Импорт')).toHaveCount(0);

  // One region, its own; its count of organizations leads to them.
  const regions = page.getByRole('table', { name: 'Регионы' }).locator('tbody tr');
  await expect(regions).toHaveCount(1);
  await expect(regions.first().locator('td').first()).toHaveText('77');
  const countLink = regions.first().locator('td').last().getByRole('link');
  const total = (await countLink.textContent())?.trim() as string;
  await countLink.click();
  await expect(page.getByRole('heading', { name: 'Организации', level: 1 })).toBeVisible();
  await expect(page.getByTestId('pager-summary')).toHaveText(new RegExp(` из ${total}$`));
  await expect(page.getByLabel('Регион', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Муниципалитет', { exact: true })).toBeEnabled();
  await expect(page.getByRole('link', { name: 'Добавить организацию' })).toHaveCount(0);
  const rows = page.getByRole('table', { name: 'Организации' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  for (const region of await rows.locator('td:nth-child(4)').allTextContents()) {
    expect(region).toBe('г. Москва');
  }
  await expectAccessible(page, 'the organizations of reg77');

  // Another region asked for in the address: nothing.
  await page.goto('/directory/organizations?regionCode=50');
  await expect(page.getByTestId('pager-summary')).toHaveText('Ничего не найдено');
  await page.goto(`/directory/organizations/${other.id}`);
  await expect(page.getByRole('alert')).toHaveText('Организация не найдена.');
  await expect(page.getByRole('heading', { name: other.shortName })).toHaveCount(0);

  // A Moscow organization: read only.
  await page.goto('/directory/organizations?q=770001');
  await rows.first().getByRole('link').click();
  await expect(page.locator('dl.details')).toContainText('770001');
  await expect(page.getByRole('heading', { name: 'Пользователи организации' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Изменить', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Деактивировать', exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Добавить пользователя' })).toHaveCount(0);

  // Passwords: organizations' accounts yes, a municipal coordinator's no. Cancelled, not done.
  await page.goto('/directory/users');
  await expect(page.getByRole('heading', { name: 'Пользователи', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Добавить пользователя' })).toHaveCount(0);
  await search(page, 'Поиск пользователя', 'mun77001');
  const users = page.getByRole('table', { name: 'Пользователи' }).locator('tbody tr');
  await expect(users).toHaveCount(1);
  await expect(users.first().getByRole('link', { name: 'mun77001', exact: true })).toBeVisible();
  await expect(users.first().getByRole('button')).toHaveCount(0);
  await search(page, 'Поиск пользователя', 'sch770001');
  await expect(users).toHaveCount(1);
  const reset = users.first().getByRole('button', { name: 'Сбросить пароль sch770001', exact: true });
  await reset.click();
  const confirm = page.getByRole('alertdialog', { name: 'Сбросить пароль?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Отмена', exact: true }).click();
  await expect(confirm).toHaveCount(0);
  await expect(reset).toBeFocused();
  await expectAccessible(page, 'the users of reg77');

  // The write pages say so instead of showing a form.
  for (const path of ['/directory/organizations/new', '/directory/users/new', '/directory/import']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Нет доступа', level: 1 })).toBeVisible();
    await expect(page.getByText('Этот раздел недоступен для вашей роли.')).toBeVisible();
    await expect(page.getByRole('button', { name: /^(Сохранить|Загрузить)$/ })).toHaveCount(0);
  }
});

test('admin imports organizations from a CSV: all or nothing, then the valid rows only', async ({ page }) => {
  const suffix = randomBytes(3).toString('hex');
  await signIn(page, 'admin');
  const good = await freeOrganizationCode(page, REGION);
  const bad = await freeOrganizationCode(page, REGION, [good]);

  await page.getByRole('link', { name: 'Справочник', exact: true }).click();
  await directoryTab(page, 'Импорт').click();
  await expect(page.getByRole('heading', { name: 'Импорт', level: 1 })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Организации', exact: true })).toBeChecked();

  // The file is built on the template's own header row.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Скачать шаблон CSV', exact: true }).click(),
  ]);
  const template = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const header = template.split(/\r?\n/)[0] as string;
  expect(header).toBe(
    'Код организации;Краткое наименование;Полное наименование;Тип организации;Код региона;Код муниципалитета;Активна',
  );
  const csv = [
    header,
    `${good};МБОУ СОШ импорт ${suffix};Муниципальное бюджетное общеобразовательное учреждение «Импорт ${suffix}»;школа;${REGION};${MUNICIPALITY};да`,
    // A Moscow municipality for an organization of Adygea.
    `${bad};МБОУ СОШ ошибка ${suffix};Муниципальное бюджетное общеобразовательное учреждение «Ошибка ${suffix}»;школа;${REGION};77001;да`,
  ].join('\r\n');
  await page.getByLabel('Файл для импорта', { exact: true }).setInputFiles({
    name: 'организации.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${csv}\r\n`),
  });

  const report = page.getByRole('region', { name: 'Результат импорта' });
  const refusedTable = report.getByRole('table', { name: 'Отклонённые строки' });
  const expectRefusal = async () => {
    await expect(refusedTable.locator('tbody tr')).toHaveCount(1);
    await expect(refusedTable.locator('tbody tr td')).toHaveText([
      '3',
      'Код муниципалитета (municipality_code)',
      `Муниципалитет 77001 не относится к региону ${REGION}`,
    ]);
  };

  // All or nothing: one bad row, nothing applied.
  await page.getByRole('button', { name: 'Загрузить', exact: true }).click();
  await expect(report.getByRole('alert')).toContainText('Данные не изменены.');
  await expect(report.getByTestId('import-total')).toHaveText('2');
  await expect(report.getByTestId('import-created')).toHaveText('0');
  await expect(report.getByTestId('import-refused')).toHaveText('1');
  await expectRefusal();
  await expect(report.getByTestId('import-credentials')).toHaveCount(0);
  expect((await (await page.request.get(`/api/organizations?q=${good}`)).json()).total).toBe(0);

  // The valid row only: created, with its account's one-time password.
  await page.getByLabel('Применить только корректные строки', { exact: true }).check();
  await page.getByRole('button', { name: 'Загрузить', exact: true }).click();
  await expect(report.getByRole('status').filter({ hasText: 'Импорт выполнен.' })).toBeVisible();
  await expect(report.getByTestId('import-created')).toHaveText('1');
  await expect(report.getByTestId('import-updated')).toHaveText('0');
  await expect(report.getByTestId('import-refused')).toHaveText('1');
  await expectRefusal();
  const credentials = report.getByRole('table', { name: 'Временные пароли' }).locator('tbody tr');
  await expect(credentials).toHaveCount(1);
  await expect(credentials.locator('td').first()).toHaveText(`sch${good}`);
  await expect(credentials.locator('td').last()).toHaveText(/^\S{8,}$/);
  await expectAccessible(page, 'an import applied to the valid rows');

  // In the list: the good one, and not the bad one.
  await directoryTab(page, 'Организации').click();
  await search(page, 'Поиск организации', suffix);
  const rows = page.getByRole('table', { name: 'Организации' }).locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().locator('td').first()).toHaveText(good);
  await expect(
    rows.first().getByRole('link', { name: `МБОУ СОШ импорт ${suffix}`, exact: true }),
  ).toBeVisible();
});

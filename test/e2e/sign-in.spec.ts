// Journey: every demo role signs in, sees who and where it is in the header and the НИКО section,
// passes the accessibility check, and signs out; a wrong password is refused with a clear message.
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { submitSignIn } from './support/sign-in.js';

const PASSWORD = 'demo';

const ROLES: { login: string; role: string; scope: string | RegExp }[] = [
  { login: 'admin', role: 'Федеральный оператор', scope: 'Российская Федерация' },
  { login: 'reg77', role: 'Региональный координатор', scope: 'г. Москва' },
  { login: 'mun77001', role: 'Муниципальный координатор', scope: 'Центральный административный округ' },
  { login: 'sch770001', role: 'Образовательная организация', scope: /^\s*ГБОУ Школа №/ },
];

async function expectSignInPage(page: Page) {
  await expect(page.getByRole('button', { name: 'Войти', exact: true })).toBeVisible();
  await expect(page.getByLabel('Логин', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Пароль', { exact: true })).toBeVisible();
}

test.describe('sign-in', () => {
  for (const { login, role, scope } of ROLES) {
    test(`${login} (${role}) signs in and out`, async ({ page }) => {
      await submitSignIn(page, login, PASSWORD);

      const header = page.getByRole('banner');
      await expect(header).toContainText('ЛК ФИС ОКО');
      await expect(page.getByTestId('user-login')).toHaveText(login);
      await expect(page.getByTestId('user-role')).toHaveText(role);
      await expect(page.getByTestId('user-scope')).toHaveText(scope);
      await expect(page.getByRole('link', { name: 'НИКО', exact: true })).toBeVisible();

      await expectAccessible(page, `the start page of ${login}`);

      // «Выйти» may be a button or a link; either will do.
      await page
        .getByRole('button', { name: 'Выйти', exact: true })
        .or(page.getByRole('link', { name: 'Выйти', exact: true }))
        .click();
      await expectSignInPage(page);
    });
  }

  test('a wrong password is refused', async ({ page }) => {
    await submitSignIn(page, 'admin', 'not-the-password');
    await expect(page.getByText('Неверный логин или пароль.')).toBeVisible();
    await expectSignInPage(page);
    await expectAccessible(page, 'the sign-in page with an error');
  });
});

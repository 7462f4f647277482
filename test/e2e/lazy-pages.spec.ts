// Journey: every page is a chunk of its own (src/web/app/lazy-page.tsx). sch770001 opens its table
// while the table's chunk is held back and sees «Загрузка…»; then the «НИКО» chunk fails to load
// (as when a deploy replaced the files) and the page says so, with a button that reloads it.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { signIn, submitSignIn } from './support/sign-in.js';

test('a page says «Загрузка…» while its chunk loads', async ({ page }) => {
  await signIn(page, 'sch770001');
  const responseId = await page.getByTestId('data-collection-block').first().getAttribute('data-response-id');
  expect(responseId).toMatch(/^\d+$/);

  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/assets\/ResponsePage-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/niko/responses/${responseId}`);
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Загрузка…');
  release();
  await expect(page.getByRole('table').first()).toBeVisible();
});

test('a chunk that fails to load is explained, and a reload brings the page', async ({ page }) => {
  await page.route(/\/assets\/NikoPage-[^/]+\.js$/, (route) => route.abort('connectionreset'));
  await submitSignIn(page, 'sch770001');
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('Не удалось загрузить эту часть страницы');
  await expectAccessible(page, 'a chunk that failed to load');

  await page.unroute(/\/assets\/NikoPage-[^/]+\.js$/);
  await page.getByRole('button', { name: 'Обновить страницу' }).click();
  await expect(page.getByRole('heading', { name: 'НИКО', level: 1 })).toBeVisible();
});

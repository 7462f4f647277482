// Reflow (WCAG 1.4.10): in a window 320 CSS pixels wide (a phone, or 1280 px zoomed to 400 %), the
// main pages of a school and of a regional coordinator do not scroll sideways; a data table wider
// than that scrolls inside its own frame. axe checks each page at that width.
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { signIn } from './support/sign-in.js';

test.use({ viewport: { width: 320, height: 640 } });

/** Fails if the page itself is wider than the window; tables scroll in frames that do not count. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${what} scrolls sideways by ${overflow} px at 320 px`).toBeLessThanOrEqual(0);
  await expectAccessible(page, `${what} at 320 px`);
}

test('a school’s pages reflow at 320 px', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
  await expectNoSidewaysScroll(page, 'the sign-in page');

  await signIn(page, 'sch770009');
  await expectNoSidewaysScroll(page, 'the НИКО page of sch770009');

  await page
    .getByTestId('data-collection-block')
    .filter({ has: page.getByText('Открыт', { exact: true }) })
    .getByRole('button', { name: /^(Заполнить|Редактировать)$/ })
    .click();
  const table = page.getByRole('table', { name: '1. Численность обучающихся' });
  await expect(table).toBeVisible();
  // The form's table is wider than the window: it scrolls in its frame.
  const frame = table.locator('xpath=..');
  expect(await frame.evaluate((f) => f.scrollWidth > f.clientWidth)).toBe(true);
  await expectNoSidewaysScroll(page, 'the table of sch770009');
});

test('a coordinator’s НИКО page and «Список участников» reflow at 320 px', async ({ page }) => {
  await signIn(page, 'reg77');
  const block = page.getByTestId('monitoring-block').first();
  await expect(block.getByTestId('stat-total')).toHaveText(/^\d[\d\s]*$/);
  await expectNoSidewaysScroll(page, 'the НИКО page of reg77');

  await block.getByRole('button', { name: 'Список участников', exact: true }).click();
  await expect(block.getByTestId('participants-table')).toBeVisible();
  await expectNoSidewaysScroll(page, '«Список участников» of reg77');
});

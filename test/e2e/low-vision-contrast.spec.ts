// «Версия для слабовидящих» in each colour scheme at 200 %: the main pages of a school (НИКО, its
// form's table and a cell's «История» dialog) and of a regional coordinator (НИКО with the
// statistics, «Список участников»), and the sign-in page, have no axe violation of any impact, and every visible text has a contrast of
// at least 7:1 (WCAG AAA), measured from the computed styles. One scheme also hides images (the
// chart becomes its table) and one widens the letter spacing.
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { lowContrastTexts } from './support/contrast.js';
import { signIn } from './support/sign-in.js';

const AAA = 7;

const SETTINGS = [
  { font: '200', scheme: 'white', spacing: 'normal', images: 'shown' },
  { font: '200', scheme: 'black', spacing: 'normal', images: 'hidden' },
  { font: '200', scheme: 'blue', spacing: 'wide', images: 'shown' },
] as const;

/** How far the page itself (not a table inside its frame) scrolls sideways, in CSS pixels. */
function sidewaysScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The page passes axe with every impact counted, and all of its text reaches 7:1. */
async function expectReadable(page: Page, what: string) {
  await expectAccessible(page, what, { impacts: 'all' });
  const low = await lowContrastTexts(page, AAA);
  expect(low, `text below ${AAA}:1 on ${what}`).toEqual([]);
}

for (const settings of SETTINGS) {
  test.describe(`«Версия для слабовидящих», ${settings.scheme} at ${settings.font} %`, () => {
    test.beforeEach(async ({ page }) => {
      // Saved as the panel saves it, so that public/low-vision.js applies it before the first paint.
      await page.addInitScript((saved) => {
        try {
          localStorage.setItem('niko.low-vision', saved);
        } catch {
          // about:blank has no storage.
        }
      }, JSON.stringify(settings));
    });

    test('the sign-in page and a school’s pages', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-lv-scheme', settings.scheme);
      await expect(page.locator('html')).toHaveCSS('font-size', '32px');
      await expectReadable(page, `the sign-in page (${settings.scheme})`);

      await signIn(page, 'sch770009');
      await expectReadable(page, `the НИКО page of sch770009 (${settings.scheme})`);

      await page
        .getByTestId('data-collection-block')
        .filter({ has: page.getByText('Открыт', { exact: true }) })
        .getByRole('button', { name: /^(Заполнить|Редактировать)$/ })
        .click();
      const table = page.getByRole('table', { name: '1. Численность обучающихся' });
      await expect(table).toBeVisible();
      // At 200 % the wide table scrolls inside its frame; the page itself does not grow sideways.
      expect(await sidewaysScroll(page), 'the page scrolls sideways').toBeLessThanOrEqual(0);
      await expectReadable(page, `the table of sch770009 (${settings.scheme})`);

      // A dialog: «История» of a cell.
      await page.locator('[data-cell="pupils.g1.boys"]').focus();
      await page.getByRole('button', { name: 'История', exact: true }).click();
      const history = page.getByTestId('history-dialog');
      await expect(history.getByRole('table')).toBeVisible();
      await expectReadable(page, `«История» of a cell (${settings.scheme})`);
      await history.getByRole('button', { name: 'Закрыть', exact: true }).click();
      await expect(history).toBeHidden();
    });

    test('a coordinator’s НИКО page and «Список участников»', async ({ page }) => {
      await signIn(page, 'reg77');
      const block = page.getByTestId('monitoring-block').first();
      await expect(block.getByTestId('stat-total')).toHaveText(/^\d[\d\s]*$/);
      const chart = block.getByRole('img', { name: /Сдано нарастающим итогом по дням/ });
      const chartTable = block.getByRole('table', { name: 'Сдано нарастающим итогом по дням' });
      if (settings.images === 'hidden') {
        await expect(chart).toBeHidden();
        await expect(chartTable).toBeVisible();
      } else {
        await expect(chart).toBeVisible();
      }
      await expectReadable(page, `the НИКО page of reg77 (${settings.scheme})`);

      await block.getByRole('button', { name: 'Список участников', exact: true }).click();
      const area = block.getByRole('region', { name: 'Список участников' });
      await expect(area.getByTestId('participants-table')).toBeVisible();
      expect(await sidewaysScroll(page), 'the page scrolls sideways').toBeLessThanOrEqual(0);
      await expectReadable(page, `«Список участников» of reg77 (${settings.scheme})`);
    });
  });
}

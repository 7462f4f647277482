// `npm run screenshots`: the main pages, in the normal version and in each scheme of «Версия для
// слабовидящих» (at 150 %), on a 1366×768 screen, saved under test/e2e/screenshots/ for a reviewer to
// look at. Not a test: it checks nothing beyond reaching each page (the journeys in test/e2e do).
import { expect, type Page, test } from '@playwright/test';
import { signIn } from '../e2e/support/sign-in.js';

const LOOKS = {
  normal: null,
  'black-on-white': { font: '150', scheme: 'white', spacing: 'normal', images: 'shown' },
  'white-on-black': { font: '150', scheme: 'black', spacing: 'normal', images: 'shown' },
  'blue-on-light-blue': { font: '150', scheme: 'blue', spacing: 'normal', images: 'shown' },
} as const;

test.use({ viewport: { width: 1366, height: 768 } });

/**
 * The «НИКО» pages whole; the table and the list as the screen shows them (off-screen tables are
 * drawn only when scrolled to, and the list runs long).
 */
async function shoot(page: Page, look: string, name: string, fullPage = false) {
  // Whatever the page is still fetching first: a «Загрузка…» in the picture shows nothing to review.
  await expect(page.getByText('Загрузка…')).toHaveCount(0);
  await page.screenshot({ path: `test/e2e/screenshots/${look}-${name}.png`, fullPage });
}

for (const [look, settings] of Object.entries(LOOKS)) {
  test(`main pages, ${look}`, async ({ page }) => {
    await page.addInitScript((saved) => {
      if (saved) localStorage.setItem('niko.low-vision', JSON.stringify(saved));
      else localStorage.removeItem('niko.low-vision');
    }, settings);

    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Войти', exact: true })).toBeVisible();
    await shoot(page, look, '1-sign-in');

    await signIn(page, 'sch770001');
    await shoot(page, look, '2-school-niko', true);
    await page
      .getByTestId('data-collection-block')
      .first()
      .getByRole('button', { name: /^(Заполнить|Редактировать|Просмотреть)$/ })
      .click();
    await expect(page.getByRole('table', { name: '1. Численность обучающихся' })).toBeVisible();
    await shoot(page, look, '3-school-table');
    await page.context().clearCookies();

    await signIn(page, 'reg77');
    await shoot(page, look, '4-region-niko', true);
    await page.getByRole('button', { name: 'Список участников' }).first().click();
    await expect(page.getByTestId('participants-table')).toBeVisible();
    await page.getByTestId('participants-area').scrollIntoViewIfNeeded();
    await shoot(page, look, '5-region-participants');
  });
}

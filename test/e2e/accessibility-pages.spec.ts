// Every page of every role (support/pages.ts), the sign-in page included: axe finds no violation of
// any impact in the normal version, nor in each colour scheme of «Версия для слабовидящих» at 200 %
// font, where every text also has a contrast of at least 7:1 (support/contrast.ts); and every button and link has a name a screen reader can say: not none, and not a bare
// symbol such as «✕» (an icon-only button names itself in text the eye does not see).
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { lowContrastTexts } from './support/contrast.js';
import { TOURS, visit } from './support/pages.js';
import { signIn } from './support/sign-in.js';

const SCHEMES = ['white', 'black', 'blue'] as const;
/** WCAG AAA, as ГОСТ Р 52872-2019 asks of the special version. */
const AAA = 7;

/** Buttons and links whose accessible name is empty or has no letter or digit, from the ARIA snapshot. */
async function unnamedControls(page: Page): Promise<string[]> {
  const snapshot = await page.locator('body').ariaSnapshot();
  return snapshot
    .split('\n')
    .map((line) => line.match(/^\s*- (button|link)(?: "((?:[^"\\]|\\.)*)")?/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .filter((m) => !/[\p{L}\p{N}]/u.test(m[2] ?? ''))
    .map((m) => m[0].trim());
}

/** The settings of «Версия для слабовидящих» on <html>, as public/low-vision.js puts them there. */
async function setLowVision(page: Page, scheme: (typeof SCHEMES)[number] | null) {
  await page.evaluate((s) => {
    const root = document.documentElement;
    const values = { font: '200', scheme: s, spacing: 'normal', images: 'shown' };
    for (const [name, value] of Object.entries(values)) {
      if (s) root.setAttribute(`data-lv-${name}`, value as string);
      else root.removeAttribute(`data-lv-${name}`);
    }
  }, scheme);
  // Two frames: tables' frames decide whether they scroll (a ResizeObserver) before axe looks.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function checkPage(page: Page, what: string) {
  await expectAccessible(page, what, { impacts: 'all' });
  expect(await unnamedControls(page), `buttons or links without a name on ${what}`).toEqual([]);
  for (const scheme of SCHEMES) {
    await setLowVision(page, scheme);
    await expectAccessible(page, `${what} (${scheme}, 200 %)`, { impacts: 'all' });
    expect(await lowContrastTexts(page, AAA), `text below ${AAA}:1 on ${what} (${scheme})`).toEqual([]);
  }
  await setLowVision(page, null);
}

test('the sign-in page', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
  await checkPage(page, 'the sign-in page');
});

for (const tour of TOURS) {
  test.describe(`every page of ${tour.role} (${tour.login})`, () => {
    for (const target of tour.pages) {
      test(target.name, async ({ page }) => {
        // Four axe runs on a page as long as the form designer's take their time on a busy machine.
        test.setTimeout(240_000);
        await signIn(page, tour.login);
        await visit(page, target);
        await checkPage(page, `${target.name} of ${tour.login}`);
      });
    }
  });
}

// Journey, with the keyboard only: on the sign-in page «Версия для слабовидящих» opens its settings;
// 200 %, white on black, wide spacing and hidden images apply at once (attributes on <html>, the
// computed font size); Escape closes the settings and focus returns to the button. After a reload
// the choice is still there and was on <html> before the app drew anything (no flash of the normal
// look). Printed, the page is black on white. «Обычная версия» brings the normal look back, for
// good. The signed-in header has the button too.
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { signIn } from './support/sign-in.js';

const BUTTON = 'Версия для слабовидящих';

declare global {
  interface Window {
    /** The low-vision attributes <html> had when the app first put something into #root. */
    lvAtFirstRender?: Record<string, string>;
  }
}

/** Tab until `name` has focus; fails after a generous number of presses. */
async function tabTo(page: Page, name: string | RegExp) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(
      () =>
        document.activeElement?.textContent?.trim() ||
        document.activeElement?.getAttribute('aria-label') ||
        '',
    );
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

function lowVisionAttributes(page: Page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.documentElement.attributes]
        .filter((a) => a.name.startsWith('data-lv-'))
        .map((a) => [a.name, a.value]),
    ),
  );
}

test('«Версия для слабовидящих» with the keyboard: choose, keep across a reload, go back', async ({
  page,
}) => {
  // Before any page script: note the attributes <html> has when #root first gets content.
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (!document.getElementById('root')?.firstChild) return;
      window.lvAtFirstRender = Object.fromEntries(
        [...document.documentElement.attributes]
          .filter((a) => a.name.startsWith('data-lv-'))
          .map((a) => [a.name, a.value]),
      );
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
  const html = page.locator('html');
  await expect(html).toHaveCSS('font-size', '16px');
  expect(await lowVisionAttributes(page)).toEqual({});

  // Open: the special version starts black on white, and focus moves to the settings.
  await tabTo(page, BUTTON);
  const toggle = page.getByRole('button', { name: BUTTON });
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const panel = page.getByRole('region', { name: 'Настройки версии для слабовидящих' });
  await expect(panel.getByRole('heading', { name: 'Настройки версии для слабовидящих' })).toBeFocused();
  await expect(html).toHaveAttribute('data-lv-scheme', 'white');
  await expect(panel.getByRole('group', { name: 'Размер шрифта' })).toBeVisible();

  // Each radio group is one Tab stop; the arrow keys choose within it.
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('radio', { name: '100 %' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(panel.getByRole('radio', { name: '200 %' })).toBeChecked();
  await expect(html).toHaveAttribute('data-lv-font', '200');
  await expect(html).toHaveCSS('font-size', '32px');

  await page.keyboard.press('Tab');
  await expect(panel.getByRole('radio', { name: 'Чёрный текст на белом фоне' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(panel.getByRole('radio', { name: 'Белый текст на чёрном фоне' })).toBeChecked();
  await expect(html).toHaveAttribute('data-lv-scheme', 'black');
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(0, 0, 0)');
  await expect(page.locator('body')).toHaveCSS('color', 'rgb(255, 255, 255)');

  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await expect(panel.getByRole('radio', { name: 'Увеличенный' })).toBeChecked();
  await expect(html).toHaveAttribute('data-lv-spacing', 'wide');
  await expect(page.locator('body')).toHaveCSS('letter-spacing', `${0.12 * 32}px`);

  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await expect(panel.getByRole('radio', { name: /^Не показывать/ })).toBeChecked();
  await expect(html).toHaveAttribute('data-lv-images', 'hidden');
  await expectAccessible(page, 'the sign-in page with the settings open', { impacts: 'all' });

  // Escape closes the settings; focus is back on the button.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');

  // A reload keeps the choice, and it was on <html> before the app drew anything.
  const chosen = {
    'data-lv-font': '200',
    'data-lv-scheme': 'black',
    'data-lv-spacing': 'wide',
    'data-lv-images': 'hidden',
  };
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
  expect(await page.evaluate(() => window.lvAtFirstRender)).toEqual(chosen);
  expect(await lowVisionAttributes(page)).toEqual(chosen);
  await expect(html).toHaveCSS('font-size', '32px');

  // Printed, the page is black on white whatever the scheme, and without the settings.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await expect(page.locator('body')).toHaveCSS('color', 'rgb(0, 0, 0)');
  await expect(toggle).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await expect(toggle).toBeVisible();

  // «Обычная версия»: back to the normal look, focus on the button, and a reload keeps it so.
  await tabTo(page, BUTTON);
  await page.keyboard.press('Enter');
  await tabTo(page, 'Обычная версия');
  await page.keyboard.press('Enter');
  await expect(toggle).toBeFocused();
  await expect(panel).toBeHidden();
  expect(await lowVisionAttributes(page)).toEqual({});
  await expect(html).toHaveCSS('font-size', '16px');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
  expect(await page.evaluate(() => window.lvAtFirstRender)).toEqual({});
  expect(await lowVisionAttributes(page)).toEqual({});
});

test('the signed-in header has «Версия для слабовидящих» too, first after the skip link', async ({
  page,
}) => {
  await signIn(page, 'sch770009');
  const header = page.getByRole('banner');
  await expect(header.getByRole('button', { name: BUTTON })).toBeVisible();
  await page.getByRole('link', { name: 'Перейти к содержимому' }).focus();
  await page.keyboard.press('Tab');
  await expect(header.getByRole('button', { name: BUTTON })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-lv-scheme', 'white');
  await expectAccessible(page, 'the НИКО page with the settings open', { impacts: 'all' });
  await page.keyboard.press('Escape');
  await expect(header.getByRole('button', { name: BUTTON })).toBeFocused();
});

// Reflow (WCAG 1.4.10): in a window 320 CSS pixels wide (a phone, or 1280 px zoomed to 400 %), the
// main pages of a school and of a regional coordinator do not scroll sideways; a data table wider
// than that scrolls inside its own frame. axe checks each page at that width. Then every page of
// every role (support/pages.ts), the same way.
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { TOURS, visit } from './support/pages.js';
import { signIn } from './support/sign-in.js';

test.use({ viewport: { width: 320, height: 640 } });

/**
 * The innermost elements that reach past the window's right edge, outside any frame that scrolls or
 * clips them (a table's frame): what makes the page scroll sideways, for the failure message.
 */
function overflowingElements(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped = (e: Element) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      }
      return false;
    };
    const wide = [...document.body.querySelectorAll('*')].filter((e) => {
      const box = e.getBoundingClientRect();
      return box.width > 0 && box.right > width + 0.5 && !clipped(e);
    });
    const describe = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${[...e.classList].map((c) => `.${c}`).join('')} ` +
      `(${Math.round(e.getBoundingClientRect().right - width)} px: «${(e.textContent ?? '').trim().slice(0, 30)}»)`;
    return wide
      .filter((e) => !wide.some((other) => other !== e && e.contains(other)))
      .slice(0, 6)
      .map(describe);
  });
}

/** Fails if the page itself is wider than the window; tables scroll in frames that do not count. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  const culprits = overflow > 0 ? await overflowingElements(page) : [];
  expect(
    overflow,
    `${what} scrolls sideways by ${overflow} px at 320 px, past the edge: ${culprits.join('; ')}`,
  ).toBeLessThanOrEqual(0);
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

for (const tour of TOURS) {
  test(`every page of ${tour.role} (${tour.login}) reflows at 320 px`, async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, tour.login);
    // Every page is checked, and then all that failed are reported together.
    const failures: string[] = [];
    for (const target of tour.pages) {
      try {
        await visit(page, target);
        await expectNoSidewaysScroll(page, `${target.name} of ${tour.login}`);
      } catch (error) {
        failures.push(`${target.name}: ${(error as Error).message}`);
      }
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
  });
}

test.describe('1280 × 720 at 400 % zoom', () => {
  // Zoomed to 400 %, a 1280 × 720 window lays pages out in 320 × 180 CSS pixels, each drawn with
  // four device pixels: the same width as above, and little height for the table page's fixed bar.
  test.use({ viewport: { width: 320, height: 180 }, deviceScaleFactor: 4 });

  test('a school’s table and the operator’s new collection do not scroll sideways', async ({ page }) => {
    await signIn(page, 'sch770009');
    await page
      .getByTestId('data-collection-block')
      .filter({ has: page.getByText('Открыт', { exact: true }) })
      .getByRole('button', { name: /^(Заполнить|Редактировать)$/ })
      .click();
    await expect(page.getByRole('table', { name: '1. Численность обучающихся' })).toBeVisible();
    await expectNoSidewaysScroll(page, 'the table of sch770009 at 400 %');
    // Signed out (the session is a cookie), then in as the operator.
    await page.context().clearCookies();
    await signIn(page, 'admin');
    await visit(page, { name: 'Новый сбор данных', path: '/collections/new', heading: 'Новый сбор данных' });
    await expectNoSidewaysScroll(page, 'Новый сбор данных at 400 %');
  });
});

// Working a page with the keyboard only, as the keyboard journeys do: Tab (or Shift+Tab) from one
// control to the next, and after every press a check that the focus is somewhere (not lost on
// <body>) and can be seen (an outline or a box shadow drawn by :focus-visible, on an element that
// has a size on screen). No mouse event is ever sent.
import { expect, type Locator, type Page } from '@playwright/test';

type FocusState = {
  /** How the focused element reads in a failure message. */
  describe: string;
  lost: boolean;
  ring: boolean;
  sized: boolean;
};

function focusState(page: Page): Promise<FocusState> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body || element === document.documentElement) {
      return { describe: String(element?.tagName ?? 'nothing'), lost: true, ring: false, sized: false };
    }
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    const box = element.getBoundingClientRect();
    const name =
      element.getAttribute('aria-label') ||
      element.textContent?.trim().slice(0, 40) ||
      element.getAttribute('name') ||
      element.id;
    return {
      describe: `<${element.tagName.toLowerCase()}> «${name}»`,
      lost: false,
      ring: outline || shadow,
      sized: box.width > 1 && box.height > 1,
    };
  });
}

/** Fails unless the focus is on an element of the page and is drawn so that it can be seen. */
export async function expectFocusVisible(page: Page, after = 'the last key') {
  const state = await focusState(page);
  expect(state.lost, `focus lost (on ${state.describe}) after ${after}`).toBe(false);
  expect(state.ring, `no visible focus ring on ${state.describe} after ${after}`).toBe(true);
  expect(state.sized, `focused ${state.describe} has no size on screen after ${after}`).toBe(true);
}

/** Fails if the focus has fallen back to <body> (after an action that re-renders or closes things). */
export async function expectFocusKept(page: Page, after: string) {
  const state = await focusState(page);
  expect(state.lost, `focus lost (on ${state.describe}) after ${after}`).toBe(false);
}

/** One Tab (or Shift+Tab), then the focus must be visible. */
export async function tab(page: Page, { back = false } = {}) {
  const key = back ? 'Shift+Tab' : 'Tab';
  await page.keyboard.press(key);
  await expectFocusVisible(page, key);
}

const isFocused = (target: Locator) =>
  target.evaluate((e) => e === document.activeElement).catch(() => false);

/**
 * Tabs (forwards, or back) until `target` has the focus, checking the focus is visible at every
 * stop; fails if `max` presses never reach it.
 */
export async function tabTo(target: Locator, { back = false, max = 250 } = {}) {
  const page = target.page();
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return;
    await tab(page, { back });
  }
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} never reached ${target} in ${max} presses`);
}

/** Presses `key` on what has the focus, which must be `target`. */
export async function press(target: Locator, key: string) {
  await expect(target).toBeFocused();
  await target.page().keyboard.press(key);
}

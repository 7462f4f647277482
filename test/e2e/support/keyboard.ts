// Working a page with the keyboard only, as the keyboard journeys do: Tab (or Shift+Tab) from one
// control to the next, and after every press a check that the focus is somewhere (not lost on
// <body>) and can be seen: an outline or a box shadow drawn by :focus-visible, on an element that
// has a size on screen and is not hidden under something else (a sticky bar or header, WCAG 2.4.11).
// No mouse event is ever sent.
import { expect, type Locator, type Page } from '@playwright/test';

type FocusState = {
  /** How the focused element reads in a failure message. */
  describe: string;
  lost: boolean;
  ring: boolean;
  sized: boolean;
  /** What covers the middle of the focused element's visible part, if anything does. */
  coveredBy: string | null;
};

function focusState(page: Page): Promise<FocusState> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body || element === document.documentElement) {
      return {
        describe: String(element?.tagName ?? 'nothing'),
        lost: true,
        ring: false,
        sized: false,
        coveredBy: null,
      };
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
    // The middle of the part of the element inside the window: what is drawn there must be the
    // element itself (or inside it, or a label around it).
    const left = Math.max(box.left, 0);
    const right = Math.min(box.right, window.innerWidth);
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, window.innerHeight);
    let coveredBy: string | null = null;
    if (right <= left || bottom <= top) coveredBy = 'the edge of the window (scrolled out of view)';
    else {
      const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
      if (hit && hit !== element && !element.contains(hit) && !hit.contains(element)) {
        coveredBy = `<${hit.tagName.toLowerCase()} class="${hit.className}">`;
      }
    }
    return {
      describe: `<${element.tagName.toLowerCase()}> «${name}»`,
      lost: false,
      ring: outline || shadow,
      sized: box.width > 1 && box.height > 1,
      coveredBy,
    };
  });
}

/** Fails unless the focus is on an element of the page and is drawn so that it can be seen. */
export async function expectFocusVisible(page: Page, after = 'the last key') {
  const state = await focusState(page);
  expect(state.lost, `focus lost (on ${state.describe}) after ${after}`).toBe(false);
  expect(state.ring, `no visible focus ring on ${state.describe} after ${after}`).toBe(true);
  expect(state.sized, `focused ${state.describe} has no size on screen after ${after}`).toBe(true);
  expect(state.coveredBy, `focused ${state.describe} is hidden by ${state.coveredBy} after ${after}`).toBe(
    null,
  );
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

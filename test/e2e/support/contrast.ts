// Text contrast measured the way WCAG defines it: for every visible element with text of its own,
// the relative luminance of its colour (an SVG text's fill) against the background that shows behind
// it: the element's own background colour, blended over its ancestors' until one is opaque (white if
// none is). Background images and gradients are not looked at (the pages have none), nor placeholders.
import type { Page } from '@playwright/test';

export type LowContrast = { text: string; color: string; background: string; ratio: number };

/** Every visible text on the page whose contrast is below `minimum` (e.g. 7 for WCAG AAA). */
export function lowContrastTexts(page: Page, minimum: number): Promise<LowContrast[]> {
  return page.evaluate((min) => {
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      const parts = css.match(/[\d.]+/g)?.map(Number) ?? [];
      const [r = 0, g = 0, b = 0, a = 1] = css.startsWith('rgb') ? parts : [];
      return [r, g, b, css === 'transparent' ? 0 : a];
    };
    const over = (top: Rgba, under: Rgba): Rgba => {
      const a = top[3];
      return [
        top[0] * a + under[0] * (1 - a),
        top[1] * a + under[1] * (1 - a),
        top[2] * a + under[2] * (1 - a),
        1,
      ];
    };
    const luminance = ([r, g, b]: Rgba) => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const backgroundOf = (element: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let e: Element | null = element; e; e = e.parentElement) {
        const layer = parse(getComputedStyle(e).backgroundColor);
        if (layer[3] > 0) layers.push(layer);
        if (layer[3] >= 1) break;
      }
      let color: Rgba = [255, 255, 255, 1];
      for (const layer of layers.reverse()) color = over(layer, color);
      return color;
    };
    const opacityOf = (element: Element) => {
      let opacity = 1;
      for (let e: Element | null = element; e; e = e.parentElement) {
        opacity *= Number(getComputedStyle(e).opacity);
      }
      return opacity;
    };
    const ownText = (element: Element) =>
      [...element.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
    const rgb = ([r, g, b]: Rgba) => `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;

    const found: { text: string; color: string; background: string; ratio: number }[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const text = ownText(element);
      if (!text || ['SCRIPT', 'STYLE', 'TITLE', 'DESC', 'title', 'desc'].includes(element.tagName)) continue;
      if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const box = element.getBoundingClientRect();
      // Visually hidden text (1 px, clipped) is for screen readers, not for the eye.
      if (box.width <= 1 || box.height <= 1) continue;
      const style = getComputedStyle(element);
      const background = backgroundOf(element);
      const foreground = parse(element instanceof SVGElement ? style.fill : style.color);
      foreground[3] *= opacityOf(element);
      const shown = over(foreground, background);
      const [light, dark] = [luminance(shown), luminance(background)].sort((a, b) => b - a) as [
        number,
        number,
      ];
      const ratio = (light + 0.05) / (dark + 0.05);
      if (ratio < min) {
        found.push({ text: text.slice(0, 60), color: rgb(shown), background: rgb(background), ratio });
      }
    }
    return found;
  }, minimum);
}

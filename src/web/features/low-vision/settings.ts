// The choices of «Версия для слабовидящих» (ГОСТ Р 52872-2019): kept in localStorage and shown as
// data-attributes on <html>, which low-vision.css turns into sizes and colours. public/low-vision.js
// applies the same key and attributes before the first paint; keep the two in step.

export const STORAGE_KEY = 'niko.low-vision';

export const FONT_SIZES = ['100', '150', '200'] as const;
export const SCHEMES = ['white', 'black', 'blue'] as const;
export const SPACINGS = ['normal', 'wide'] as const;
export const IMAGES = ['shown', 'hidden'] as const;

export type LowVisionSettings = {
  font: (typeof FONT_SIZES)[number];
  scheme: (typeof SCHEMES)[number];
  spacing: (typeof SPACINGS)[number];
  images: (typeof IMAGES)[number];
};

/** What the special version starts with: the normal size, black on white. */
export const SPECIAL_DEFAULTS: LowVisionSettings = {
  font: '100',
  scheme: 'white',
  spacing: 'normal',
  images: 'shown',
};

const ALLOWED: { [K in keyof LowVisionSettings]: readonly LowVisionSettings[K][] } = {
  font: FONT_SIZES,
  scheme: SCHEMES,
  spacing: SPACINGS,
  images: IMAGES,
};

const NAMES = Object.keys(ALLOWED) as (keyof LowVisionSettings)[];

/** The special version as <html> shows it now, or null for the normal version. */
export function currentSettings(): LowVisionSettings | null {
  const root = document.documentElement;
  if (!root.hasAttribute('data-lv-scheme')) return null;
  const settings = { ...SPECIAL_DEFAULTS };
  for (const name of NAMES) {
    const value = root.getAttribute(`data-lv-${name}`);
    const allowed: readonly string[] = ALLOWED[name];
    if (value && allowed.includes(value)) Object.assign(settings, { [name]: value });
  }
  return settings;
}

/** Shows the special version with these settings (null: the normal version) and remembers it. */
export function applySettings(settings: LowVisionSettings | null) {
  const root = document.documentElement;
  for (const name of NAMES) {
    if (settings) root.setAttribute(`data-lv-${name}`, settings[name]);
    else root.removeAttribute(`data-lv-${name}`);
  }
  try {
    if (settings) localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage turned off: the choice holds for this page only.
  }
}

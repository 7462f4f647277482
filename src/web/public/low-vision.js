// «Версия для слабовидящих» before the first paint. index.html loads this file synchronously in
// <head> (the CSP allows scripts from 'self' only, never inline ones), so the saved choice is on
// <html> as data-attributes before the page is drawn: no flash of the normal look. It is plain
// JavaScript outside the bundle on purpose; src/web/features/low-vision/settings.ts is the same
// storage key and attributes, and the panel that changes them.
(() => {
  const ALLOWED = {
    font: ['100', '150', '200'],
    scheme: ['white', 'black', 'blue'],
    spacing: ['normal', 'wide'],
    images: ['shown', 'hidden'],
  };
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem('niko.low-vision') || 'null');
  } catch {
    // Storage turned off or a damaged value: the normal version.
  }
  if (!saved || typeof saved !== 'object') return;
  const root = document.documentElement;
  for (const [name, values] of Object.entries(ALLOWED)) {
    const value = saved[name];
    root.setAttribute(`data-lv-${name}`, values.includes(value) ? value : values[0]);
  }
})();

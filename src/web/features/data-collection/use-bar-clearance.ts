// The sticky bar at the bottom of the table page must never hide what has the focus (WCAG 2.4.11).
// It grows: a large font («Версия для слабовидящих» at 200 %), a narrow window, a long cell name or a
// conflict wrap it onto more lines. So its height, kept up to date, is the page's scroll padding at
// the bottom (data-collection.css), which scrolling a cell into view respects; and since the browser
// does not scroll on focus at all when the element is inside the window, merely under the bar, a
// focused element under the bar is scrolled up above it here.
import { type RefObject, useLayoutEffect } from 'react';

const PROPERTY = '--form-action-bar-height';
/** Air between the focused element's ring and the bar, in CSS pixels. */
const GAP = 16;

export function useBarClearance(bar: RefObject<HTMLElement | null>) {
  useLayoutEffect(() => {
    const element = bar.current;
    if (!element) return;
    const root = document.documentElement;
    const update = () => root.style.setProperty(PROPERTY, `${element.getBoundingClientRect().height}px`);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    const onFocus = (e: FocusEvent) => {
      const target = e.target;
      if (!(target instanceof Element) || element.contains(target)) return;
      const hidden = target.getBoundingClientRect().bottom + GAP - element.getBoundingClientRect().top;
      if (hidden > 0) window.scrollBy({ top: hidden, behavior: 'instant' });
    };
    document.addEventListener('focusin', onFocus);
    return () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocus);
      root.style.removeProperty(PROPERTY);
    };
  }, [bar]);
}

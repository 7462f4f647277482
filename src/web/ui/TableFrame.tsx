// The frame of a data table: when the table is wider than the page (a narrow window, or a large font
// in «Версия для слабовидящих»), it scrolls sideways inside this frame and the page itself does not.
// While it scrolls, the frame is a group named by the table's caption (not a landmark: two blocks may
// hold tables of the same caption) and in the Tab order, so the keyboard can scroll it too
// (WCAG 2.1.1); a table that fits adds no Tab stop.
import { type ReactNode, useLayoutEffect, useRef } from 'react';

/** `className` replaces the frame's own look (the form's tables keep theirs, form-table.css). */
export function TableFrame({
  children,
  className = 'table-frame',
}: {
  children: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);

  // Before the first paint, so that a table that scrolls from the start is never shown without its Tab stop.
  useLayoutEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    // Set on the element directly: whether it scrolls is a fact of layout, not of the component's state.
    const check = () => {
      if (frame.scrollWidth > frame.clientWidth) {
        const caption = frame.querySelector('caption')?.textContent?.trim() || 'Таблица';
        frame.setAttribute('role', 'group');
        frame.setAttribute('aria-label', caption);
        frame.tabIndex = 0;
      } else {
        frame.removeAttribute('role');
        frame.removeAttribute('aria-label');
        frame.removeAttribute('tabindex');
      }
    };
    check();
    const observer = new ResizeObserver(check);
    observer.observe(frame);
    if (frame.firstElementChild) observer.observe(frame.firstElementChild);
    return () => observer.disconnect();
  }, []);

  return (
    <div ref={ref} className={className}>
      {children}
    </div>
  );
}

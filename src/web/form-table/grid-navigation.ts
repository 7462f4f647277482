// Moving between the cells of a table from the keyboard, as in a spreadsheet: Up/Down always,
// Left/Right once the caret is at the edge of the text, Enter down (Shift+Enter up). Tab keeps its
// usual order. Cells carry data-grid-row/-col; computed cells have no control and are stepped over.
import type { KeyboardEvent } from 'react';

type Step = { dr: number; dc: number };

function stepFor(e: KeyboardEvent<HTMLElement>, target: HTMLElement): Step | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  switch (e.key) {
    case 'ArrowUp':
      return { dr: -1, dc: 0 };
    case 'ArrowDown':
      return { dr: 1, dc: 0 };
    case 'Enter':
      return { dr: e.shiftKey ? -1 : 1, dc: 0 };
    case 'ArrowLeft':
      return caretAt(target, 'start') ? { dr: 0, dc: -1 } : null;
    case 'ArrowRight':
      return caretAt(target, 'end') ? { dr: 0, dc: 1 } : null;
    default:
      return null;
  }
}

function caretAt(el: HTMLElement, edge: 'start' | 'end'): boolean {
  if (!(el instanceof HTMLInputElement)) return true;
  const { selectionStart: start, selectionEnd: end, value } = el;
  if (start === null || end === null) return true;
  return edge === 'start' ? start === 0 && end === 0 : start === value.length && end === value.length;
}

export function onGridKeyDown(e: KeyboardEvent<HTMLTableElement>) {
  const target = e.target as HTMLElement;
  const row = Number(target.dataset.gridRow);
  const col = Number(target.dataset.gridCol);
  if (Number.isNaN(row) || Number.isNaN(col)) return;
  const step = stepFor(e, target);
  if (!step) return;
  const rows = Number(e.currentTarget.dataset.gridRows);
  const cols = Number(e.currentTarget.dataset.gridCols);
  // Enter never does anything else here; arrows keep their native effect at the table's edge.
  if (e.key === 'Enter') e.preventDefault();
  for (let r = row + step.dr, c = col + step.dc; r >= 0 && r < rows && c >= 0 && c < cols; ) {
    const next = e.currentTarget.querySelector<HTMLElement>(`[data-grid-row="${r}"][data-grid-col="${c}"]`);
    if (next) {
      e.preventDefault();
      next.focus();
      if (next instanceof HTMLInputElement) next.select();
      return;
    }
    r += step.dr;
    c += step.dc;
  }
  // A select must not change its value on Up/Down when there is no cell to move to.
  if (target instanceof HTMLSelectElement) e.preventDefault();
}

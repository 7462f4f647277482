// «Ошибки в форме»: every error of the form, each with a link that takes the person to its cell.
// Shown after «Сдать отчет» is pressed, and kept up to date as the errors are fixed.
import type { Ref } from 'react';
import { addRowButtonId, cellDomId, cellLabel, focusCell, tableDomId } from './cell-labels.js';
import { useErrorsRevision } from './draft-hooks.js';
import type { ResponseDraft } from './response-draft.js';
import './form-table.css';

const MAX_SHOWN = 200;

type Props = { draft: ResponseDraft; headingRef: Ref<HTMLHeadingElement> };

export function ErrorList({ draft, headingRef }: Props) {
  useErrorsRevision(draft);
  if (!draft.showAllErrors) return null;
  const { cellErrors, ruleErrors, tableErrors } = draft.errors();
  const label = (key: string) => cellLabel(draft.definition, key, (t) => draft.rowsOf(t));
  const cells = Object.entries(cellErrors);
  const count = cells.length + ruleErrors.length + tableErrors.length;
  if (count === 0) return null;
  const titleOf = (key: string) => draft.definition.tables.find((t) => t.key === key)?.title ?? key;
  return (
    <section className="error-summary" aria-labelledby="form-errors-heading" data-testid="form-errors">
      <h2 id="form-errors-heading" ref={headingRef} tabIndex={-1}>
        Ошибки в форме
      </h2>
      {/* A live count: each error fixed is announced, while the focus stays in the cell being fixed. */}
      <p role="status">Отчет не сдан: ошибок — {count}. Исправьте ошибки и нажмите «Сдать отчет» ещё раз.</p>
      <ul>
        {tableErrors.map((e) => (
          <li key={`t-${e.table}-${e.message}`}>
            <CellLink table={e.table} text={titleOf(e.table)} />: {e.message}
          </li>
        ))}
        {ruleErrors.map((e) => (
          <li key={`r-${e.rule}-${e.row ?? ''}`}>
            {e.message}{' '}
            <span className="error-cells">
              (
              {e.cells.map((key, i) => (
                <span key={key}>
                  {i > 0 ? ', ' : ''}
                  <CellLink cell={key} text={label(key)} />
                </span>
              ))}
              )
            </span>
          </li>
        ))}
        {cells.slice(0, MAX_SHOWN).map(([key, message]) => (
          <li key={key}>
            <CellLink cell={key} text={label(key)} />: {message}
          </li>
        ))}
      </ul>
      {cells.length > MAX_SHOWN ? <p>И ещё ошибок в ячейках: {cells.length - MAX_SHOWN}.</p> : null}
    </section>
  );
}

/** A link to a cell, or to a table (its «Добавить строку», else its first field). */
function CellLink({ cell, table, text }: { cell?: string; table?: string; text: string }) {
  const id = cell ? cellDomId(cell) : tableDomId(table ?? '');
  return (
    <a
      href={`#${id}`}
      onClick={(e) => {
        e.preventDefault();
        if (cell) return focusCell(cell);
        const target =
          document.querySelector<HTMLElement>(`#${addRowButtonId(table ?? '')}:not([disabled])`) ??
          document.getElementById(id)?.querySelector<HTMLElement>('input, select');
        target?.scrollIntoView({ block: 'center' });
        target?.focus();
      }}
    >
      {text}
    </a>
  );
}

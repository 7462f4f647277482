// Another person changed a cell while this one was typing in it: both values are shown, and the
// person chooses. Nothing is overwritten without that choice. A panel, not a modal dialog, so that
// it never takes the keyboard from someone in the middle of typing.
import { formatCell } from '../../../shared/forms/cells.js';
import { splitCellKey } from '../../../shared/forms/layout.js';
import { cellLabel, focusCell } from '../../form-table/cell-labels.js';
import { useConflictRevision } from '../../form-table/draft-hooks.js';
import type { ResponseDraft } from '../../form-table/response-draft.js';
import { Button } from '../../ui/Button.js';

export function ConflictPanel({ draft }: { draft: ResponseDraft }) {
  useConflictRevision(draft);
  const conflicts = draft.queue.conflicts();
  if (conflicts.length === 0) return null;
  const show = (key: string, value: string | null) => {
    const k = splitCellKey(key);
    const column = draft.definition.tables
      .find((t) => t.key === k?.table)
      ?.columns.find((c) => c.key === k?.column);
    if (value === null) return 'пусто';
    return column ? formatCell(column, value) : value === '1' ? 'строка есть' : value;
  };
  return (
    <section className="conflict-panel" aria-labelledby="conflict-heading" data-testid="conflict-panel">
      <h2 id="conflict-heading">Конфликт изменений</h2>
      <p role="alert">
        Пока вы редактировали, другой пользователь изменил {conflicts.length === 1 ? 'ячейку' : 'ячейки'}.
        Выберите, какое значение оставить.
      </p>
      <ul>
        {conflicts.map((c) => (
          <li key={c.id} data-testid="conflict">
            <button type="button" className="btn btn-link" onClick={() => focusCell(c.cell)}>
              {cellLabel(draft.definition, c.cell, (t) => draft.rowsOf(t))}
            </button>
            <dl className="conflict-values">
              <dt>Ваше значение</dt>
              <dd data-testid="conflict-yours">{show(c.cell, c.value)}</dd>
              <dt>Значение на сервере</dt>
              <dd data-testid="conflict-server">{show(c.cell, c.current?.value ?? null)}</dd>
            </dl>
            <div className="actions">
              <Button variant="primary" onClick={() => draft.queue.keepMine(c.cell)}>
                Оставить моё
              </Button>
              <Button onClick={() => draft.queue.takeServer(c.cell)}>Взять с сервера</Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

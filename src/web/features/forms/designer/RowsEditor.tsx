// The rows of a table: fixed (each with a key and a label) or added by the organization between a
// minimum and a maximum count. Switching kinds remembers the fixed rows, so switching back restores them.
import { useId, useRef } from 'react';
import type { FixedRow, Table } from '../../../../shared/forms/definition.js';
import { Button } from '../../../ui/Button.js';
import { blankRow, moveItem, removeAt, replaceAt } from './definition-edits.js';
import { DefNumberField } from './designer-fields.js';
import { FixedRowEditor } from './FixedRowEditor.js';
import { fieldId, focusSoon } from './field-paths.js';
import { ItemActions } from './ItemActions.js';

type Rows = Table['rows'];

export function RowsEditor({
  path,
  rows,
  onChange,
}: {
  path: string;
  rows: Rows;
  onChange: (rows: Rows) => void;
}) {
  const lastFixed = useRef<FixedRow[] | null>(null);
  const radioName = useId();
  const groupList = useId();
  const itemsPath = `${path}.items`;
  const addId = `${fieldId(itemsPath)}-add`;

  const switchTo = (kind: Rows['kind']) => {
    if (kind === rows.kind) return;
    if (rows.kind === 'fixed') {
      lastFixed.current = rows.items;
      onChange({ kind: 'dynamic', min: 0, max: 100 });
    } else {
      onChange({ kind: 'fixed', items: lastFixed.current ?? [blankRow([])] });
    }
  };

  return (
    <div id={fieldId(path)} tabIndex={-1} className="designer-rows">
      <fieldset className="radio-group">
        <legend>Вид строк</legend>
        <label className="radio">
          <input
            type="radio"
            name={radioName}
            checked={rows.kind === 'fixed'}
            onChange={() => switchTo('fixed')}
          />
          Фиксированные
        </label>
        <label className="radio">
          <input
            type="radio"
            name={radioName}
            checked={rows.kind === 'dynamic'}
            onChange={() => switchTo('dynamic')}
          />
          Добавляет организация
        </label>
      </fieldset>
      {rows.kind === 'dynamic' ? (
        <div className="designer-grid">
          <DefNumberField
            path={`${path}.min`}
            label="Минимум строк"
            value={rows.min}
            onChange={(min) => onChange({ ...rows, min: min ?? 0 })}
            integer
          />
          <DefNumberField
            path={`${path}.max`}
            label="Максимум строк"
            value={rows.max}
            onChange={(max) => onChange({ ...rows, max: max ?? 100 })}
            integer
          />
        </div>
      ) : (
        <>
          <datalist id={groupList}>
            {[...new Set(rows.items.map((r) => r.group).filter((g): g is string => !!g))].map((g) => (
              <option key={g} value={g} />
            ))}
          </datalist>
          {rows.items.map((row, i) => (
            <FixedRowEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: a row is known only by its position while its key is edited
              key={i}
              path={`${itemsPath}[${i}]`}
              index={i}
              row={row}
              rows={rows.items}
              groupList={groupList}
              onChange={(next) => onChange({ ...rows, items: replaceAt(rows.items, i, next) })}
              actions={
                <ItemActions
                  pathAt={(k) => `${itemsPath}[${k}]`}
                  index={i}
                  count={rows.items.length}
                  noun="строку"
                  keepLast
                  focusAfterRemove={addId}
                  onMove={(to) => onChange({ ...rows, items: moveItem(rows.items, i, to) })}
                  onRemove={() => onChange({ ...rows, items: removeAt(rows.items, i) })}
                />
              }
            />
          ))}
          <Button
            id={addId}
            onClick={() => {
              onChange({ ...rows, items: [...rows.items, blankRow(rows.items)] });
              focusSoon(fieldId(`${itemsPath}[${rows.items.length}].key`));
            }}
          >
            Добавить строку
          </Button>
        </>
      )}
    </div>
  );
}

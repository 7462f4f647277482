// One table of the form: its key, title and description, its columns, and its rows.
import { type ReactNode, useId } from 'react';
import type { Table } from '../../../../shared/forms/definition.js';
import { Button } from '../../../ui/Button.js';
import { ColumnEditor } from './ColumnEditor.js';
import { blankColumn, moveItem, removeAt, replaceAt, withoutUndefined } from './definition-edits.js';
import { DefTextArea, DefTextField } from './designer-fields.js';
import { fieldId, focusSoon } from './field-paths.js';
import { ItemActions } from './ItemActions.js';
import { RowsEditor } from './RowsEditor.js';

type Props = {
  path: string;
  index: number;
  table: Table;
  onChange: (table: Table) => void;
  actions: ReactNode;
};

export function TableEditor({ path, index, table, onChange, actions }: Props) {
  const headingId = useId();
  const set = (patch: Partial<Table>) => onChange(withoutUndefined({ ...table, ...patch }));
  const columnsPath = `${path}.columns`;
  const addColumnId = `${fieldId(columnsPath)}-add`;
  const columns = table.columns;
  return (
    <section id={fieldId(path)} tabIndex={-1} className="designer-table" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Таблица {index + 1}: {table.title || table.key}
      </h3>
      <div className="designer-grid">
        <DefTextField
          path={`${path}.key`}
          label="Ключ таблицы"
          value={table.key}
          onChange={(key) => set({ key })}
          code
        />
        <DefTextField
          path={`${path}.title`}
          label="Название таблицы"
          value={table.title}
          onChange={(title) => set({ title })}
          maxLength={300}
        />
      </div>
      <DefTextArea
        path={`${path}.description`}
        label="Пояснение к таблице"
        hint="Необязательно"
        value={table.description ?? ''}
        onChange={(description) => set({ description: description === '' ? undefined : description })}
        maxLength={2000}
      />

      <h4>Столбцы</h4>
      <div id={fieldId(columnsPath)} tabIndex={-1} className="designer-list">
        {columns.map((column, i) => (
          <ColumnEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: a column is known only by its position while its key is edited
            key={i}
            path={`${columnsPath}[${i}]`}
            index={i}
            column={column}
            columns={columns}
            onChange={(next) => set({ columns: replaceAt(columns, i, next) })}
            actions={
              <ItemActions
                pathAt={(k) => `${columnsPath}[${k}]`}
                index={i}
                count={columns.length}
                noun="столбец"
                keepLast
                focusAfterRemove={addColumnId}
                onMove={(to) => set({ columns: moveItem(columns, i, to) })}
                onRemove={() => set({ columns: removeAt(columns, i) })}
              />
            }
          />
        ))}
      </div>
      <Button
        id={addColumnId}
        onClick={() => {
          set({ columns: [...columns, blankColumn(columns)] });
          focusSoon(fieldId(`${columnsPath}[${columns.length}].key`));
        }}
      >
        Добавить столбец
      </Button>

      <h4>Строки</h4>
      <RowsEditor path={`${path}.rows`} rows={table.rows} onChange={(rows) => set({ rows })} />
      {actions}
    </section>
  );
}

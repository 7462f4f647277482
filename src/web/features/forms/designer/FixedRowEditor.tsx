// One fixed row: key, label, an optional group heading, and «Сумма строк» for a total row.
import type { ReactNode } from 'react';
import type { FixedRow } from '../../../../shared/forms/definition.js';
import { withoutUndefined } from './definition-edits.js';
import { DefTextField } from './designer-fields.js';
import { fieldId } from './field-paths.js';
import { KeyChecklist } from './KeyChecklist.js';

type Props = {
  path: string;
  index: number;
  row: FixedRow;
  rows: readonly FixedRow[];
  /** The id of the <datalist> of the table's groups. */
  groupList: string;
  onChange: (row: FixedRow) => void;
  actions: ReactNode;
};

export function FixedRowEditor({ path, index, row, rows, groupList, onChange, actions }: Props) {
  const set = (patch: Partial<FixedRow>) => onChange(withoutUndefined({ ...row, ...patch }));
  // A total adds up plain rows only: the check refuses a sum of sums.
  const summable = rows
    .filter((r) => r.key !== row.key && !r.sumOf)
    .map((r) => ({ key: r.key, label: `${r.label} (${r.key})` }));
  return (
    <fieldset id={fieldId(path)} tabIndex={-1} className="designer-item designer-row">
      <legend>
        Строка {index + 1}: {row.label || row.key}
      </legend>
      <div className="designer-grid">
        <DefTextField
          path={`${path}.key`}
          label="Ключ"
          value={row.key}
          onChange={(key) => set({ key })}
          code
        />
        <DefTextField
          path={`${path}.label`}
          label="Подпись"
          value={row.label}
          onChange={(label) => set({ label })}
          maxLength={300}
        />
        <DefTextField
          path={`${path}.group`}
          label="Группа"
          hint="Необязательно"
          value={row.group ?? ''}
          onChange={(group) => set({ group: group === '' ? undefined : group })}
          maxLength={300}
          list={groupList}
        />
      </div>
      <KeyChecklist
        path={`${path}.sumOf`}
        legend="Сумма строк"
        hint="Строка-итог: в каждом числовом столбце складываются отмеченные строки. Ничего не отмечено — обычная строка."
        choices={summable}
        selected={row.sumOf}
        onChange={(sumOf) => set({ sumOf })}
      />
      {actions}
    </fieldset>
  );
}

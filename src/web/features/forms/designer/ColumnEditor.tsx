// One column: key, header, type, and the fields its type takes. A field another type takes is
// shown only while it holds a value (say, from an uploaded file), so that its error can be fixed.
import type { ReactNode } from 'react';
import type { Column, ColumnType } from '../../../../shared/forms/definition.js';
import { isNumeric } from '../../../../shared/forms/layout.js';
import { ColumnOptionsEditor } from './ColumnOptionsEditor.js';
import { withColumnType, withoutUndefined } from './definition-edits.js';
import { DefCheckbox, DefNumberField, DefSelectField, DefTextField } from './designer-fields.js';
import { fieldId } from './field-paths.js';
import { KeyChecklist } from './KeyChecklist.js';
import { COLUMN_TYPE_OPTIONS } from './labels.js';

type Props = {
  path: string;
  index: number;
  column: Column;
  /** Every column of the table, for «Сумма столбцов». */
  columns: readonly Column[];
  onChange: (column: Column) => void;
  actions: ReactNode;
};

export function ColumnEditor({ path, index, column, columns, onChange, actions }: Props) {
  const set = (patch: Partial<Column>) => onChange(withoutUndefined({ ...column, ...patch }));
  const numeric = isNumeric(column);
  // Only plain numeric columns can be added up: a sum of sums is refused by the check.
  const summable = columns
    .filter((c) => c.key !== column.key && isNumeric(c) && !c.sumOf)
    .map((c) => ({ key: c.key, label: `${c.header} (${c.key})` }));
  return (
    <fieldset id={fieldId(path)} tabIndex={-1} className="designer-item designer-column">
      <legend>
        Столбец {index + 1}: {column.header || column.key}
      </legend>
      <div className="designer-grid">
        <DefTextField
          path={`${path}.key`}
          label="Ключ"
          value={column.key}
          onChange={(key) => set({ key })}
          code
        />
        <DefTextField
          path={`${path}.header`}
          label="Заголовок"
          value={column.header}
          onChange={(header) => set({ header })}
          maxLength={300}
        />
        <DefSelectField
          path={`${path}.type`}
          label="Тип"
          value={column.type}
          options={COLUMN_TYPE_OPTIONS}
          onChange={(type) => onChange(withColumnType(column, type as ColumnType))}
        />
        {numeric || column.min !== undefined ? (
          <DefNumberField
            path={`${path}.min`}
            label="Минимум"
            value={column.min}
            onChange={(min) => set({ min })}
          />
        ) : null}
        {numeric || column.max !== undefined ? (
          <DefNumberField
            path={`${path}.max`}
            label="Максимум"
            value={column.max}
            onChange={(max) => set({ max })}
          />
        ) : null}
        {column.type === 'decimal' || column.scale !== undefined ? (
          <DefNumberField
            path={`${path}.scale`}
            label="Знаков после запятой"
            hint="0–6, по умолчанию 2"
            value={column.scale}
            onChange={(scale) => set({ scale })}
            integer
          />
        ) : null}
        {column.type === 'text' || column.maxLength !== undefined ? (
          <DefNumberField
            path={`${path}.maxLength`}
            label="Максимальная длина"
            hint="По умолчанию 1000 символов"
            value={column.maxLength}
            onChange={(maxLength) => set({ maxLength })}
            integer
          />
        ) : null}
      </div>
      <DefCheckbox
        path={`${path}.required`}
        label="Обязательный"
        checked={column.required ?? false}
        onChange={(required) => set({ required: required || undefined })}
      />
      {column.type === 'choice' || column.options ? (
        <ColumnOptionsEditor
          path={`${path}.options`}
          options={column.options}
          onChange={(options) => set({ options })}
        />
      ) : null}
      {numeric || column.sumOf ? (
        <KeyChecklist
          path={`${path}.sumOf`}
          legend="Сумма столбцов"
          hint="Отмеченные столбцы той же строки складываются; такой столбец только для чтения. Ничего не отмечено — обычный столбец."
          choices={summable}
          selected={column.sumOf}
          onChange={(sumOf) => set({ sumOf })}
        />
      ) : null}
      {actions}
    </fieldset>
  );
}

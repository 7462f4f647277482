// One cell of a table: a text field or a list, named by its row and column headers, with its save
// state and its message beside it (aria-describedby). Computed cells only show their sum.
import { memo, useEffect, useState } from 'react';
import { formatCell, normalizeInput } from '../../shared/forms/cells.js';
import type { Column } from '../../shared/forms/definition.js';
import { isNumeric } from '../../shared/forms/layout.js';
import { cellDomId } from './cell-labels.js';
import {
  useCellMessage,
  useCellSaveError,
  useCellSaveStatus,
  useCellValue,
  useComputedValue,
} from './draft-hooks.js';
import type { ResponseDraft } from './response-draft.js';
import { SaveMark } from './SaveMark.js';

type CellProps = {
  draft: ResponseDraft;
  cellKey: string;
  column: Column;
  /** The ids of the row's and the column's headers. */
  labelledBy: string;
  gridRow: number;
  gridCol: number;
};

export const ComputedCell = memo(function ComputedCell({ draft, cellKey, column }: CellProps) {
  const value = useComputedValue(draft, cellKey);
  return (
    <td id={cellDomId(cellKey)} tabIndex={-1} className="cell cell-computed num" data-cell={cellKey}>
      {formatCell(column, value)}
    </td>
  );
});

/**
 * A closed collection or a viewer who may not edit: the values, and any change left unsaved. One
 * cell per table is in the Tab order; the arrows move from there, and «История» follows focus.
 */
export const ReadOnlyCell = memo(function ReadOnlyCell(props: CellProps & { tabStop: boolean }) {
  const { draft, cellKey, column, labelledBy, gridRow, gridCol, tabStop } = props;
  const value = useCellValue(draft, cellKey);
  const status = useCellSaveStatus(draft, cellKey);
  const id = cellDomId(cellKey);
  return (
    <td
      id={id}
      tabIndex={tabStop ? 0 : -1}
      className={isNumeric(column) ? 'cell num' : 'cell'}
      data-cell={cellKey}
      data-grid-row={gridRow}
      data-grid-col={gridCol}
      aria-labelledby={labelledBy}
      onFocus={() => draft.setCurrentCell(cellKey)}
    >
      <span className="cell-line">
        <span>{formatCell(column, value)}</span>
        <SaveMark id={`${id}-state`} status={status} error={null} />
      </span>
    </td>
  );
});

export const InputCell = memo(function InputCell(props: CellProps) {
  const { draft, cellKey, column, labelledBy, gridRow, gridCol } = props;
  const value = useCellValue(draft, cellKey);
  const message = useCellMessage(draft, cellKey);
  const status = useCellSaveStatus(draft, cellKey);
  const saveError = useCellSaveError(draft, cellKey);
  const id = cellDomId(cellKey);
  const describedBy = [status !== 'idle' && `${id}-state`, message && `${id}-msg`].filter(Boolean).join(' ');
  const control = {
    id,
    'data-cell': cellKey,
    'data-grid-row': gridRow,
    'data-grid-col': gridCol,
    'aria-labelledby': labelledBy,
    'aria-describedby': describedBy || undefined,
    'aria-invalid': message ? true : undefined,
    onFocus: () => draft.setCurrentCell(cellKey),
  } as const;
  const choice = column.type === 'choice' || column.type === 'boolean';
  return (
    <td className={`cell cell-${column.type}${message ? ' cell-invalid' : ''}`} data-save-state={status}>
      <span className="cell-line">
        {choice ? (
          <select
            {...control}
            value={value ?? ''}
            onChange={(e) => draft.edit(cellKey, e.target.value === '' ? null : e.target.value)}
          >
            <option value="">—</option>
            {optionsOf(column, value).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <TextInput draft={draft} cellKey={cellKey} column={column} value={value} control={control} />
        )}
        <SaveMark id={`${id}-state`} status={status} error={saveError} />
      </span>
      {message ? (
        <span id={`${id}-msg`} className="cell-message">
          {message}
        </span>
      ) : null}
    </td>
  );
});

type TextInputProps = {
  draft: ResponseDraft;
  cellKey: string;
  column: Column;
  value: string | null;
  control: Record<string, unknown>;
};

/**
 * Keeps what is being typed («1 234,») while the stored value is its canonical form («1234»);
 * shows the canonical form again when the field is left or the value changes from elsewhere.
 */
function TextInput({ draft, cellKey, column, value, control }: TextInputProps) {
  const [text, setText] = useState(() => formatCell(column, value));
  useEffect(() => {
    setText((typed) => (normalizeInput(column, typed) === value ? typed : formatCell(column, value)));
  }, [column, value]);
  return (
    <input
      {...control}
      type="text"
      autoComplete="off"
      spellCheck={column.type === 'text'}
      inputMode={column.type === 'integer' ? 'numeric' : column.type === 'decimal' ? 'decimal' : undefined}
      placeholder={column.type === 'date' ? 'ДД.ММ.ГГГГ' : undefined}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        draft.edit(cellKey, normalizeInput(column, e.target.value));
      }}
      onBlur={() => setText(formatCell(column, value))}
    />
  );
}

const BOOLEAN_OPTIONS = [
  { value: 'true', label: 'да' },
  { value: 'false', label: 'нет' },
];

/** The column's options, plus a stored value that is none of them, so that it is seen, not hidden. */
function optionsOf(column: Column, value: string | null) {
  const options = column.type === 'boolean' ? BOOLEAN_OPTIONS : (column.options ?? []);
  if (value === null || options.some((o) => o.value === value)) return options;
  return [...options, { value, label: `${value} (нет в списке)` }];
}

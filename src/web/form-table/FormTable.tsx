// One table of the form: a real <table> with its caption, column headers, row headers (and group
// headings), and a cell for every column. Dynamic tables add and remove rows within their limits.
import { type ClipboardEvent, memo, useMemo, useState } from 'react';
import type { Table } from '../../shared/forms/definition.js';
import { cellKey, isComputedCell, isNumeric } from '../../shared/forms/layout.js';
import { formatCount } from '../../shared/plural.js';
import { Button } from '../ui/Button.js';
import { ConfirmDialog } from '../ui/ConfirmDialog.js';
import { TableFrame } from '../ui/TableFrame.js';
import { addRowButtonId, columnHeaderId, rowHeaderId, rowLabel, tableDomId } from './cell-labels.js';
import { useRowIds } from './draft-hooks.js';
import { ComputedCell, InputCell, ReadOnlyCell } from './FormCell.js';
import { onGridKeyDown } from './grid-navigation.js';
import type { ResponseDraft } from './response-draft.js';
import { groupRows } from './row-groups.js';
import './form-table.css';

type Props = { draft: ResponseDraft; table: Table; readOnly: boolean };

export const FormTable = memo(function FormTable({ draft, table, readOnly }: Props) {
  const joined = useRowIds(draft, table.key);
  const rows = useMemo(() => (joined ? joined.split(' ') : []), [joined]);
  const [removing, setRemoving] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');
  const dynamic = table.rows.kind === 'dynamic' ? table.rows : null;
  const width = table.columns.length + 1 + (dynamic && !readOnly ? 1 : 0);
  const firstInput = table.columns.findIndex((c) => !c.sumOf);

  function onPaste(e: ClipboardEvent<HTMLTableElement>) {
    const target = (e.target as HTMLElement).closest<HTMLElement>('[data-cell]');
    const [, row, column] = target?.dataset.cell?.split('.') ?? [];
    if (readOnly || !row || !column) return;
    const filled = draft.paste(table, row, column, e.clipboardData.getData('text/plain'));
    if (filled === null) return;
    e.preventDefault();
    setPasted(`Вставлено значений: ${formatCount(filled)}.`);
  }

  const renderRow = (rowId: string, gridRow: number) => (
    <tr key={rowId}>
      <th scope="row" id={rowHeaderId(table.key, rowId)}>
        {rowLabel(table, rowId, rows)}
      </th>
      {table.columns.map((column, gridCol) => {
        const key = cellKey(table.key, rowId, column.key);
        const props = {
          draft,
          cellKey: key,
          column,
          labelledBy: `${rowHeaderId(table.key, rowId)} ${columnHeaderId(table.key, column.key)}`,
          gridRow,
          gridCol,
        };
        if (isComputedCell(table, rowId, column)) {
          // A sum row has nothing to sum in a text or list column.
          return column.sumOf || isNumeric(column) ? <ComputedCell key={key} {...props} /> : <td key={key} />;
        }
        if (!readOnly) return <InputCell key={key} {...props} />;
        return <ReadOnlyCell key={key} {...props} tabStop={gridRow === 0 && gridCol === firstInput} />;
      })}
      {dynamic && !readOnly ? (
        <td className="cell-actions">
          <Button
            variant="link"
            disabled={rows.length <= dynamic.min}
            aria-describedby={rowHeaderId(table.key, rowId)}
            onClick={() => setRemoving(rowId)}
          >
            Удалить строку
          </Button>
        </td>
      ) : null}
    </tr>
  );

  let gridRow = 0;
  return (
    <div className="form-table" id={tableDomId(table.key)}>
      <TableFrame className="table-scroll">
        <table
          className="table data-table"
          data-grid-rows={rows.length}
          data-grid-cols={table.columns.length}
          aria-describedby={table.description ? `${tableDomId(table.key)}-desc` : undefined}
          onKeyDown={onGridKeyDown}
          onPaste={onPaste}
        >
          <caption>{table.title}</caption>
          <thead>
            <tr>
              <th scope="col">{dynamic ? '№' : 'Показатель'}</th>
              {table.columns.map((c) => (
                <th scope="col" key={c.key} id={columnHeaderId(table.key, c.key)}>
                  {c.header}
                  {c.required && !readOnly ? (
                    <>
                      <span className="required-mark" aria-hidden="true">
                        {' '}
                        *
                      </span>
                      <span className="visually-hidden"> (обязательно)</span>
                    </>
                  ) : null}
                </th>
              ))}
              {dynamic && !readOnly ? <th scope="col">Действия</th> : null}
            </tr>
          </thead>
          {groupRows(table, rows).map((segment) => (
            <tbody key={segment.rows[0] ?? 'empty'}>
              {segment.group ? (
                <tr className="group-row">
                  <th scope="rowgroup" colSpan={width}>
                    {segment.group}
                  </th>
                </tr>
              ) : null}
              {segment.rows.map((rowId) => renderRow(rowId, gridRow++))}
            </tbody>
          ))}
        </table>
      </TableFrame>
      {table.description ? (
        <p id={`${tableDomId(table.key)}-desc`} className="muted small">
          {table.description}
        </p>
      ) : null}
      {dynamic ? (
        <div className="table-rows-bar">
          {rows.length === 0 ? <p className="muted">Строк пока нет.</p> : null}
          {!readOnly ? (
            <Button
              id={addRowButtonId(table.key)}
              disabled={rows.length >= dynamic.max}
              onClick={() => draft.addRows(table, 1)}
            >
              Добавить строку
            </Button>
          ) : null}
          <span className="muted small">
            Строк: {rows.length} (допускается от {dynamic.min} до {dynamic.max})
          </span>
        </div>
      ) : null}
      <p className="visually-hidden" role="status">
        {pasted}
      </p>
      {removing ? (
        <ConfirmDialog
          title="Удалить строку?"
          confirmLabel="Удалить"
          danger
          onConfirm={async () => draft.removeRow(table, removing)}
          onDone={() => setRemoving(null)}
          onCancel={() => setRemoving(null)}
        >
          <p>{rowLabel(table, removing, rows)} и её значения будут удалены из формы.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
});

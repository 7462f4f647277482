// «Предпросмотр»: the form's tables as an organization will see them, read-only. The organization's
// own table (src/web/features/data-collection/) is being built alongside; once it offers a renderer
// for a definition without a response, this preview should use it instead of repeating its markup.
// Same markup rules: caption, column and row headers with their scope, group headings, «Σ» for
// computed cells.
import { useId } from 'react';
import type { FixedRow, FormDefinition, Table } from '../../../shared/forms/definition.js';
import { isComputedCell, isNumeric } from '../../../shared/forms/layout.js';
import { pluralWord } from '../../../shared/plural.js';
import './preview.css';

export function FormPreview({ definition }: { definition: FormDefinition }) {
  const titleId = useId();
  return (
    <section className="form-preview" aria-labelledby={titleId} data-testid="form-preview">
      <p className="section-label">Предпросмотр: так форму увидит организация</p>
      <h2 id={titleId}>{definition.title}</h2>
      {definition.description ? <p className="form-preview-description">{definition.description}</p> : null}
      {definition.tables.map((table, t) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: keys may repeat while the definition has errors
        <PreviewTable key={t} table={table} />
      ))}
    </section>
  );
}

/** Consecutive rows of one group go under one heading. */
function segments(items: readonly FixedRow[]): { group?: string; rows: FixedRow[] }[] {
  const out: { group?: string; rows: FixedRow[] }[] = [];
  for (const row of items) {
    const last = out.at(-1);
    if (last && last.group === row.group) last.rows.push(row);
    else out.push({ group: row.group, rows: [row] });
  }
  return out;
}

function PreviewTable({ table }: { table: Table }) {
  const descriptionId = useId();
  const width = table.columns.length + 1;
  return (
    <div className="form-preview-table">
      {table.description ? (
        <p id={descriptionId} className="form-preview-description">
          {table.description}
        </p>
      ) : null}
      <table className="table form-table" aria-describedby={table.description ? descriptionId : undefined}>
        <caption>{table.title}</caption>
        <thead>
          <tr>
            <th scope="col">Показатель</th>
            {table.columns.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: keys may repeat while the definition has errors
              <th key={i} scope="col" className={isNumeric(c) ? 'num' : undefined}>
                {c.header}
                {c.required ? (
                  <>
                    <span aria-hidden="true"> *</span>
                    <span className="visually-hidden"> (обязательно)</span>
                  </>
                ) : null}
              </th>
            ))}
          </tr>
        </thead>
        {table.rows.kind === 'dynamic' ? (
          <tbody>
            <tr>
              <td colSpan={width} className="form-preview-note">
                Строки добавляет организация: от {table.rows.min} до {table.rows.max}{' '}
                {pluralWord(table.rows.max, ['строки', 'строк', 'строк'])}.
              </td>
            </tr>
          </tbody>
        ) : (
          segments(table.rows.items).map((segment, s) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity but their order
            <tbody key={s}>
              {segment.group ? (
                <tr>
                  <th scope="rowgroup" colSpan={width} className="form-group-heading">
                    {segment.group}
                  </th>
                </tr>
              ) : null}
              {segment.rows.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: keys may repeat while the definition has errors
                <tr key={r} className={row.sumOf ? 'form-row-total' : undefined}>
                  <th scope="row">{row.label}</th>
                  {table.columns.map((column, c) => {
                    const computed = isComputedCell(table, row.key, column);
                    // A total row has nothing to add up in a text, date or choice column.
                    const none = computed && !column.sumOf && !isNumeric(column);
                    return (
                      // biome-ignore lint/suspicious/noArrayIndexKey: keys may repeat while the definition has errors
                      <td key={c} className={computed && !none ? 'cell-computed num' : undefined}>
                        {computed && !none ? (
                          <>
                            <span aria-hidden="true">Σ</span>
                            <span className="visually-hidden">вычисляется автоматически</span>
                          </>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          ))
        )}
      </table>
    </div>
  );
}

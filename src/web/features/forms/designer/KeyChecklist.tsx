// «Сумма столбцов» / «Сумма строк»: which columns or rows a computed one adds up, as checkboxes (a
// keyboard and a screen reader handle those better than a multiple <select>). A key that names
// nothing (from an uploaded file) stays listed, so that it can be unticked.
import { useId } from 'react';
import { useDesignerErrors } from './designer-errors.js';
import { fieldId } from './field-paths.js';

export type KeyChoice = { key: string; label: string };

type Props = {
  path: string;
  legend: string;
  hint: string;
  choices: KeyChoice[];
  selected: readonly string[] | undefined;
  onChange: (keys: string[] | undefined) => void;
};

export function KeyChecklist({ path, legend, hint, choices, selected = [], onChange }: Props) {
  const error = useDesignerErrors().within(path);
  const baseId = useId();
  const known = new Set(choices.map((c) => c.key));
  const all = [
    ...choices,
    ...selected.filter((k) => !known.has(k)).map((k) => ({ key: k, label: `${k} (не найден)` })),
  ];
  const toggle = (key: string, on: boolean) => {
    // Kept in the order of the table, so the JSON reads the way the table does.
    const next = all.map((c) => c.key).filter((k) => (k === key ? on : selected.includes(k)));
    onChange(next.length ? next : undefined);
  };
  return (
    <fieldset
      id={fieldId(path)}
      tabIndex={-1}
      className={error ? 'designer-checklist field-invalid' : 'designer-checklist'}
      aria-describedby={`${baseId}-hint${error ? ` ${baseId}-error` : ''}`}
    >
      <legend>{legend}</legend>
      <div id={`${baseId}-hint`} className="field-hint">
        {hint}
      </div>
      {all.length === 0 ? <p className="field-hint">Нечего суммировать.</p> : null}
      {all.map((c) => (
        <label key={c.key} className="checkbox-inline">
          <input
            type="checkbox"
            checked={selected.includes(c.key)}
            onChange={(e) => toggle(c.key, e.target.checked)}
          />
          {c.label}
        </label>
      ))}
      {error ? (
        <div id={`${baseId}-error`} className="field-error">
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}

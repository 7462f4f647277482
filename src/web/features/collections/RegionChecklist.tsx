// Regions of a collection: «Все регионы», or the ones ticked in a list that can be narrowed by a
// search (89 checkboxes are easier to reach by keyboard and screen reader than a multiple <select>).
import { useId, useState } from 'react';
import { formatCount } from '../../../shared/plural.js';
import { TextField } from '../../ui/Field.js';
import { useRegions } from '../directory/queries.js';

type Props = {
  all: boolean;
  selected: string[];
  onChange: (next: { all: boolean; selected: string[] }) => void;
  error?: string;
};

export function RegionChecklist({ all, selected, onChange, error }: Props) {
  const id = useId();
  const regions = useRegions();
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const rows = regions.data?.rows ?? [];
  const shown = rows.filter((r) => !q || r.code.startsWith(q) || r.name.toLowerCase().includes(q));
  const toggle = (code: string, on: boolean) =>
    onChange({
      all,
      // In the directory's order, so that the request reads like the list.
      selected: rows.map((r) => r.code).filter((c) => (c === code ? on : selected.includes(c))),
    });
  return (
    <fieldset className={error ? 'region-checklist field-invalid' : 'region-checklist'}>
      <legend>Регионы</legend>
      <div className="field field-checkbox">
        <input
          id={`${id}-all`}
          type="checkbox"
          checked={all}
          onChange={(e) => onChange({ all: e.target.checked, selected })}
        />
        <label htmlFor={`${id}-all`}>Все регионы</label>
      </div>
      {all ? null : (
        <>
          <TextField
            label="Найти регион"
            hint="Код или часть названия"
            type="search"
            value={query}
            onValueChange={setQuery}
          />
          <p className="field-hint" role="status">
            Выбрано регионов: {formatCount(selected.length)}
          </p>
          <ul className="region-checklist-list" aria-label="Список регионов">
            {shown.map((r) => (
              <li key={r.code}>
                <label className="checkbox-inline">
                  <input
                    type="checkbox"
                    checked={selected.includes(r.code)}
                    onChange={(e) => toggle(r.code, e.target.checked)}
                  />
                  {r.code} — {r.name}
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}

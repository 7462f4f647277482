// The pieces every directory list's filter bar is made of.
import { type FormEvent, useEffect, useState } from 'react';
import { Button } from '../../ui/Button.js';
import { SelectField, type SelectOption, TextField } from '../../ui/Field.js';
import { useRegion, useRegions } from './queries.js';

/** A search box applied on «Найти» or Enter, so that typing does not fire a request per key. */
export function SearchBox({
  label,
  hint,
  value,
  onSearch,
}: {
  label: string;
  hint?: string;
  value: string;
  onSearch: (q: string) => void;
}) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(draft.trim());
  }
  return (
    <form className="search-box" onSubmit={submit}>
      <TextField label={label} hint={hint} type="search" value={draft} onValueChange={setDraft} />
      <Button type="submit" variant="primary">
        Найти
      </Button>
    </form>
  );
}

/** «77 — г. Москва» for a region code, once the regions are loaded (they are cached for minutes). */
export function useRegionLabel(code: string | null | undefined): string {
  const regions = useRegions(!!code);
  if (!code) return '';
  const region = regions.data?.rows.find((r) => r.code === code);
  return region ? `${region.code} — ${region.name}` : code;
}

/** Regions for a select: all of them for the federal operator, the own one for a coordinator. */
export function useRegionOptions(): SelectOption[] {
  const regions = useRegions();
  return (regions.data?.rows ?? []).map((r) => ({ value: r.code, label: `${r.code} — ${r.name}` }));
}

type RegionSelectProps = {
  value: string;
  onChange: (code: string) => void;
  label?: string;
  allLabel?: string;
  error?: string;
  required?: boolean;
};

export function RegionSelect({
  value,
  onChange,
  label = 'Регион',
  allLabel,
  error,
  required,
}: RegionSelectProps) {
  const options = useRegionOptions();
  const first = { value: '', label: allLabel ?? 'Выберите регион' };
  return (
    <SelectField
      label={label}
      value={value}
      options={[first, ...options]}
      onValueChange={onChange}
      error={error}
      required={required}
    />
  );
}

type MunicipalitySelectProps = {
  regionCode: string;
  value: string;
  onChange: (id: string) => void;
  allLabel?: string;
  error?: string;
  required?: boolean;
};

/** The municipalities of one region; disabled until a region is chosen. */
export function MunicipalitySelect({
  regionCode,
  value,
  onChange,
  allLabel,
  error,
  required,
}: MunicipalitySelectProps) {
  const region = useRegion(regionCode || undefined);
  const options = (region.data?.municipalities ?? []).map((m) => ({
    value: String(m.id),
    label: `${m.code} — ${m.name}`,
  }));
  const first = {
    value: '',
    label: allLabel ?? (regionCode ? 'Выберите муниципалитет' : 'Сначала выберите регион'),
  };
  return (
    <SelectField
      label="Муниципалитет"
      value={value}
      options={[first, ...options]}
      onValueChange={onChange}
      disabled={!regionCode || region.isLoading}
      error={error}
      required={required}
    />
  );
}

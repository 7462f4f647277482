// Who a publication is for: all roles or chosen ones, and all regions or chosen ones.
import { useId } from 'react';
import { AUDIENCE_ROLES } from '../../../shared/publication-rules.js';
import { CheckboxField } from '../../ui/Field.js';
import { useRegions } from '../directory/queries.js';
import { AUDIENCE_ROLE_LABELS } from './audience.js';

export type Audience = {
  allRoles: boolean;
  roles: string[];
  allRegions: boolean;
  regions: string[];
};

type Props = {
  value: Audience;
  onChange: (next: Audience) => void;
  errors: { roles?: string; regions?: string };
};

function Choice({
  name,
  checked,
  label,
  onChoose,
}: {
  name: string;
  checked: boolean;
  label: string;
  onChoose: () => void;
}) {
  const id = useId();
  return (
    <div className="radio">
      <input id={id} type="radio" name={name} checked={checked} onChange={onChoose} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export function AudienceFields({ value, onChange, errors }: Props) {
  const regionList = useRegions();
  const name = useId();
  const selectId = useId();
  const hintId = useId();
  const errorId = useId();
  const set = (patch: Partial<Audience>) => onChange({ ...value, ...patch });
  return (
    <>
      <fieldset className="publication-audience">
        <legend>Кому: роли</legend>
        <Choice
          name={`${name}-roles`}
          checked={value.allRoles}
          label="Все роли"
          onChoose={() => set({ allRoles: true })}
        />
        <Choice
          name={`${name}-roles`}
          checked={!value.allRoles}
          label="Выбранные роли"
          onChoose={() => set({ allRoles: false })}
        />
        <div className="audience-choices">
          {AUDIENCE_ROLES.map((r) => (
            <CheckboxField
              key={r}
              label={AUDIENCE_ROLE_LABELS[r]}
              checked={value.roles.includes(r)}
              disabled={value.allRoles}
              onCheckedChange={(on) =>
                set({ roles: on ? [...value.roles, r] : value.roles.filter((v) => v !== r) })
              }
            />
          ))}
        </div>
        {errors.roles && (
          <div className="field-error" role="alert">
            {errors.roles}
          </div>
        )}
      </fieldset>
      <fieldset className="publication-audience">
        <legend>Кому: регионы</legend>
        <Choice
          name={`${name}-regions`}
          checked={value.allRegions}
          label="Все регионы"
          onChoose={() => set({ allRegions: true })}
        />
        <Choice
          name={`${name}-regions`}
          checked={!value.allRegions}
          label="Выбранные регионы"
          onChoose={() => set({ allRegions: false })}
        />
        <div className={errors.regions ? 'field field-invalid audience-choices' : 'field audience-choices'}>
          <label htmlFor={selectId}>Регионы</label>
          <div id={hintId} className="field-hint">
            Несколько регионов — с клавишей Ctrl (⌘ на Mac) или Shift. Выбрано: {value.regions.length}.
          </div>
          <select
            id={selectId}
            multiple
            size={8}
            value={value.regions}
            disabled={value.allRegions}
            aria-describedby={[hintId, errors.regions ? errorId : ''].filter(Boolean).join(' ')}
            aria-invalid={errors.regions ? true : undefined}
            onChange={(e) => set({ regions: [...e.target.selectedOptions].map((o) => o.value) })}
          >
            {(regionList.data?.rows ?? []).map((r) => (
              <option key={r.code} value={r.code}>
                {r.code} — {r.name}
              </option>
            ))}
          </select>
          {errors.regions && (
            <div id={errorId} className="field-error">
              {errors.regions}
            </div>
          )}
        </div>
      </fieldset>
    </>
  );
}

// «Участники»: organizations by region and kind, or by an uploaded list of codes.
import { useId } from 'react';
import { ORGANIZATION_KIND_LABELS, ORGANIZATION_KINDS } from '../../../shared/roles.js';
import { OrganizationCodesFile } from './OrganizationCodesFile.js';
import type { ParticipantsDraft } from './participants.js';
import { RegionChecklist } from './RegionChecklist.js';

type Props = {
  value: ParticipantsDraft;
  onChange: (value: ParticipantsDraft) => void;
  errors: Record<string, string | undefined>;
};

export function ParticipantsFields({ value, onChange, errors }: Props) {
  const id = useId();
  const set = (patch: Partial<ParticipantsDraft>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="participants">
      <legend>Участники</legend>
      <div className="radio-group" role="radiogroup" aria-label="Как выбрать участников">
        <label className="radio">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={value.mode === 'filters'}
            onChange={() => set({ mode: 'filters' })}
          />
          По региону и виду организаций
        </label>
        <label className="radio">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={value.mode === 'codes'}
            onChange={() => set({ mode: 'codes' })}
          />
          Списком кодов из файла
        </label>
      </div>
      {value.mode === 'filters' ? (
        <>
          <RegionChecklist
            all={value.allRegions}
            selected={value.regionCodes}
            onChange={({ all, selected }) => set({ allRegions: all, regionCodes: selected })}
            error={errors.regionCodes}
          />
          <fieldset className={errors.kinds ? 'kind-checklist field-invalid' : 'kind-checklist'}>
            <legend>Виды организаций</legend>
            {ORGANIZATION_KINDS.map((kind) => (
              <label key={kind} className="checkbox-inline">
                <input
                  type="checkbox"
                  checked={value.kinds.includes(kind)}
                  onChange={(e) =>
                    set({
                      kinds: ORGANIZATION_KINDS.filter((k) =>
                        k === kind ? e.target.checked : value.kinds.includes(k),
                      ),
                    })
                  }
                />
                {ORGANIZATION_KIND_LABELS[kind]}
              </label>
            ))}
            {errors.kinds ? (
              <div className="field-error" role="alert">
                {errors.kinds}
              </div>
            ) : null}
          </fieldset>
        </>
      ) : (
        <OrganizationCodesFile
          codes={value.codes}
          fileName={value.fileName}
          onChange={(codes, fileName) => set({ codes, fileName })}
          error={errors.codes}
        />
      )}
    </fieldset>
  );
}

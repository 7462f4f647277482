// Creating or editing an organization (federal operator). The region follows from the
// municipality; once created, an organization keeps its code and its region.
import type { OrganizationKindCode } from '../../../../shared/roles.js';
import { SelectField, TextField } from '../../../ui/Field.js';
import { ProblemMessage } from '../../../ui/ProblemMessage.js';
import { FormActions, useDirectoryForm } from '../directory-form.js';
import { MunicipalitySelect, RegionSelect } from '../filters.js';
import { KIND_OPTIONS } from '../labels.js';

export type OrganizationFormValues = {
  code: string;
  shortName: string;
  fullName: string;
  kind: OrganizationKindCode;
  regionCode: string;
  municipalityId: string;
};

type Props = {
  initial: OrganizationFormValues;
  mode: 'create' | 'edit';
  cancelTo: string;
  onSubmit: (values: OrganizationFormValues) => Promise<unknown>;
};

function checkLocally(v: OrganizationFormValues, mode: Props['mode']): Record<string, string> {
  const errors: Record<string, string> = {};
  if (mode === 'create' && !/^[0-9]{6}$/.test(v.code)) errors.code = 'Код организации — 6 цифр.';
  if (!v.shortName.trim()) errors.shortName = 'Заполните краткое наименование.';
  if (!v.fullName.trim()) errors.fullName = 'Заполните полное наименование.';
  if (!v.regionCode) errors.regionCode = 'Выберите регион.';
  if (!v.municipalityId) errors.municipalityId = 'Выберите муниципалитет.';
  return errors;
}

export function OrganizationForm({ initial, mode, cancelTo, onSubmit }: Props) {
  const { values, setValues, errors, error, busy, submit } = useDirectoryForm(
    initial,
    (v) => checkLocally(v, mode),
    onSubmit,
  );
  const set = <K extends keyof OrganizationFormValues>(key: K, value: OrganizationFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ProblemMessage error={error} />
      <TextField
        label="Код организации"
        hint="6 цифр: код региона и 4 цифры, например 770001."
        value={values.code}
        onValueChange={(v) => set('code', v)}
        error={errors.code}
        disabled={mode === 'edit'}
        inputMode="numeric"
        maxLength={6}
        required
      />
      <TextField
        label="Краткое наименование"
        value={values.shortName}
        onValueChange={(v) => set('shortName', v)}
        error={errors.shortName}
        maxLength={300}
        required
      />
      <TextField
        label="Полное наименование"
        value={values.fullName}
        onValueChange={(v) => set('fullName', v)}
        error={errors.fullName}
        maxLength={1000}
        required
      />
      <SelectField
        label="Вид"
        value={values.kind}
        options={KIND_OPTIONS}
        onValueChange={(v) => set('kind', v as OrganizationKindCode)}
        error={errors.kind}
      />
      {mode === 'create' ? (
        <RegionSelect
          value={values.regionCode}
          onChange={(regionCode) => setValues((v) => ({ ...v, regionCode, municipalityId: '' }))}
          error={errors.regionCode}
          required
        />
      ) : null}
      <MunicipalitySelect
        regionCode={values.regionCode}
        value={values.municipalityId}
        onChange={(v) => set('municipalityId', v)}
        error={errors.municipalityId}
        required
      />
      <FormActions busy={busy} cancelTo={cancelTo} />
    </form>
  );
}

// Creating an account (login, role and the scope its role needs) or editing its name and e-mail.
import {
  ROLE_SCOPE_CHOICES,
  ROLE_SCOPE_FIELD,
  type Role,
  type ScopeField,
} from '../../../../shared/roles.js';
import { SelectField, TextField } from '../../../ui/Field.js';
import { ProblemMessage } from '../../../ui/ProblemMessage.js';
import { FormActions, useDirectoryForm } from '../directory-form.js';
import { MunicipalitySelect, RegionSelect } from '../filters.js';
import { ROLE_OPTIONS } from '../labels.js';
import { useOrganizations } from '../queries.js';

export type UserFormValues = {
  login: string;
  role: Role;
  fullName: string;
  email: string;
  regionCode: string;
  municipalityId: string;
  organizationId: string;
};

type Props = {
  initial: UserFormValues;
  mode: 'create' | 'edit';
  cancelTo: string;
  onSubmit: (values: UserFormValues) => Promise<unknown>;
};

const asks = (role: Role, field: ScopeField) => ROLE_SCOPE_CHOICES[role].includes(field);

function checkLocally(v: UserFormValues, mode: Props['mode']): Record<string, string> {
  const errors: Record<string, string> = {};
  if (mode === 'edit') return errors;
  if (!/^[a-z0-9_.-]{2,64}$/i.test(v.login.trim()))
    errors.login = 'Логин: от 2 до 64 латинских букв, цифр или знаков _ . -';
  if (asks(v.role, 'regionCode') && !v.regionCode) errors.regionCode = 'Выберите регион.';
  if (asks(v.role, 'municipalityId') && !v.municipalityId) errors.municipalityId = 'Выберите муниципалитет.';
  if (asks(v.role, 'organizationId') && !v.organizationId) errors.organizationId = 'Выберите организацию.';
  return errors;
}

/** Only the scope field the role needs goes to the server; it refuses the others. */
export function scopeFields(v: UserFormValues) {
  switch (ROLE_SCOPE_FIELD[v.role]) {
    case 'regionCode':
      return { regionCode: v.regionCode };
    case 'municipalityId':
      return { municipalityId: Number(v.municipalityId) };
    case 'organizationId':
      return { organizationId: Number(v.organizationId) };
    default:
      return {};
  }
}

function OrganizationSelect(props: {
  municipalityId: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  const list = useOrganizations(
    { municipalityId: props.municipalityId, pageSize: 200 },
    !!props.municipalityId,
  );
  const options = (list.data?.rows ?? []).map((o) => ({
    value: String(o.id),
    label: `${o.code} — ${o.shortName}`,
  }));
  return (
    <SelectField
      label="Организация"
      value={props.value}
      options={[
        {
          value: '',
          label: props.municipalityId ? 'Выберите организацию' : 'Сначала выберите муниципалитет',
        },
        ...options,
      ]}
      onValueChange={props.onChange}
      disabled={!props.municipalityId || list.isLoading}
      error={props.error}
      required
    />
  );
}

export function UserForm({ initial, mode, cancelTo, onSubmit }: Props) {
  const { values, setValues, errors, error, busy, submit } = useDirectoryForm(
    initial,
    (v) => checkLocally(v, mode),
    onSubmit,
  );
  const set = (patch: Partial<UserFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const creating = mode === 'create';

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ProblemMessage error={error} />
      <TextField
        label="Логин"
        hint={creating ? 'Латинские буквы, цифры и знаки _ . -, например sch770123.' : undefined}
        value={values.login}
        onValueChange={(login) => set({ login })}
        error={errors.login}
        disabled={!creating}
        autoComplete="off"
        spellCheck={false}
        required
      />
      <SelectField
        label="Роль"
        value={values.role}
        options={ROLE_OPTIONS}
        onValueChange={(role) => set({ role: role as Role })}
        error={errors.role}
        disabled={!creating}
      />
      <TextField
        label="ФИО"
        value={values.fullName}
        onValueChange={(fullName) => set({ fullName })}
        error={errors.fullName}
        maxLength={300}
      />
      <TextField
        label="Электронная почта"
        type="email"
        value={values.email}
        onValueChange={(email) => set({ email })}
        error={errors.email}
        maxLength={254}
        autoComplete="off"
      />
      {creating && asks(values.role, 'regionCode') && (
        <RegionSelect
          value={values.regionCode}
          onChange={(regionCode) => set({ regionCode, municipalityId: '', organizationId: '' })}
          error={errors.regionCode}
          required
        />
      )}
      {creating && asks(values.role, 'municipalityId') && (
        <MunicipalitySelect
          regionCode={values.regionCode}
          value={values.municipalityId}
          onChange={(municipalityId) => set({ municipalityId, organizationId: '' })}
          error={errors.municipalityId}
          required
        />
      )}
      {creating && asks(values.role, 'organizationId') && (
        <OrganizationSelect
          municipalityId={values.municipalityId}
          value={values.organizationId}
          onChange={(organizationId) => set({ organizationId })}
          error={errors.organizationId}
        />
      )}
      <FormActions busy={busy} cancelTo={cancelTo} />
    </form>
  );
}

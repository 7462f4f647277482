// The pages around UserForm: a new account (then its one-time password, shown once), and editing.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { UserCreated } from '../../../../shared/api/directory.js';
import { ROLES, type Role } from '../../../../shared/roles.js';
import { api } from '../../../app/api.js';
import { usePageTitle } from '../../../app/page-title.js';
import { Loading, ProblemMessage } from '../../../ui/ProblemMessage.js';
import { OneTimePasswordDialog } from '../OneTimePasswordDialog.js';
import { DIRECTORY_KEY, useUser } from '../queries.js';
import { scopeFields, UserForm, type UserFormValues } from './UserForm.js';

export function UserCreatePage() {
  usePageTitle('Новый пользователь');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [created, setCreated] = useState<{ id: number; login: string; password: string } | null>(null);
  // Coming from an organization's page, its scope is filled in already.
  const role = params.get('role');
  const initial: UserFormValues = {
    login: '',
    role: ROLES.includes(role as Role) ? (role as Role) : 'organization',
    fullName: '',
    email: '',
    regionCode: params.get('regionCode') ?? '',
    municipalityId: params.get('municipalityId') ?? '',
    organizationId: params.get('organizationId') ?? '',
  };
  const back = initial.organizationId
    ? `/directory/organizations/${initial.organizationId}`
    : '/directory/users';

  return (
    <>
      <p className="breadcrumbs">
        <Link to="/directory/users">Пользователи</Link>
      </p>
      <h1>Новый пользователь</h1>
      <UserForm
        mode="create"
        initial={initial}
        cancelTo={back}
        onSubmit={async (v) => {
          const login = v.login.trim().toLowerCase();
          const r = await api.post<UserCreated>('/api/users', {
            login,
            role: v.role,
            fullName: v.fullName.trim(),
            email: v.email.trim(),
            ...scopeFields(v),
          });
          await queryClient.invalidateQueries({ queryKey: [DIRECTORY_KEY] });
          setCreated({ id: r.id, login, password: r.oneTimePassword });
        }}
      />
      {created && (
        <OneTimePasswordDialog
          login={created.login}
          password={created.password}
          onClose={() => navigate(`/directory/users/${created.id}`)}
        />
      )}
    </>
  );
}

export function UserEditPage() {
  const { id } = useParams();
  const user = useUser(id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  usePageTitle('Изменение пользователя');

  if (user.isLoading) return <Loading />;
  if (!user.data) return <ProblemMessage error={user.error} />;
  const u = user.data;
  const back = `/directory/users/${u.id}`;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={back}>{u.login}</Link>
      </p>
      <h1>Изменение пользователя</h1>
      <UserForm
        mode="edit"
        cancelTo={back}
        initial={{
          login: u.login,
          role: u.role,
          fullName: u.fullName,
          email: u.email,
          regionCode: '',
          municipalityId: '',
          organizationId: '',
        }}
        onSubmit={async (v) => {
          await api.patch(`/api/users/${u.id}`, { fullName: v.fullName.trim(), email: v.email.trim() });
          await queryClient.invalidateQueries({ queryKey: [DIRECTORY_KEY] });
          navigate(back);
        }}
      />
    </>
  );
}

// One account: who it is, where it belongs, and what the viewer may do with it.
import { Link, useParams } from 'react-router';
import { ROLE_LABELS } from '../../../../shared/roles.js';
import { api } from '../../../app/api.js';
import { usePageTitle } from '../../../app/page-title.js';
import { useCan, useSession } from '../../../app/session.js';
import { Loading, ProblemMessage } from '../../../ui/ProblemMessage.js';
import { StatusBadge } from '../../../ui/StatusBadge.js';
import { ActivationButton } from '../ActivationButton.js';
import { ActiveBadge } from '../ActiveBadge.js';
import { useRegionLabel } from '../filters.js';
import { useUser } from '../queries.js';
import { ResetPasswordButton } from '../ResetPasswordButton.js';

export function UserPage() {
  const { id } = useParams();
  const user = useUser(id);
  const canWrite = useCan('directory.write');
  const { user: me } = useSession();
  usePageTitle(user.data?.login ?? 'Пользователь');
  const regionLabel = useRegionLabel(user.data?.scopeRegionCode);

  if (user.isLoading) return <Loading />;
  if (!user.data) return <ProblemMessage error={user.error} />;
  const u = user.data;

  return (
    <>
      <p className="breadcrumbs">
        <Link to="/directory/users">Пользователи</Link>
      </p>
      <h1>{u.login}</h1>
      <div className="actions">
        {canWrite && (
          <Link className="btn btn-secondary" to={`/directory/users/${u.id}/edit`}>
            Изменить
          </Link>
        )}
        {canWrite && u.id !== me.id && (
          <ActivationButton
            active={u.isActive}
            what="учётную запись"
            consequence={
              <p>Пользователь {u.login} не сможет войти в систему, его текущие сеансы будут завершены.</p>
            }
            onToggle={(isActive) => api.patch(`/api/users/${u.id}`, { isActive })}
          />
        )}
        <ResetPasswordButton user={u} />
      </div>
      <dl className="details">
        <dt>ФИО</dt>
        <dd>{u.fullName || '—'}</dd>
        <dt>Роль</dt>
        <dd>{ROLE_LABELS[u.role]}</dd>
        <dt>Электронная почта</dt>
        <dd>{u.email || '—'}</dd>
        {u.scopeRegionCode && (
          <>
            <dt>Регион</dt>
            <dd>{regionLabel}</dd>
          </>
        )}
        {u.municipalityName && (
          <>
            <dt>Муниципалитет</dt>
            <dd>
              {u.municipalityCode} — {u.municipalityName}
            </dd>
          </>
        )}
        {u.organizationName && (
          <>
            <dt>Организация</dt>
            <dd>
              {u.organizationId ? (
                <Link to={`/directory/organizations/${u.organizationId}`}>
                  {u.organizationCode} — {u.organizationName}
                </Link>
              ) : (
                `${u.organizationCode} — ${u.organizationName}`
              )}
            </dd>
          </>
        )}
        <dt>Состояние</dt>
        <dd>
          <ActiveBadge active={u.isActive} />{' '}
          {u.mustChangePassword && <StatusBadge tone="warning">Временный пароль</StatusBadge>}
        </dd>
      </dl>
    </>
  );
}

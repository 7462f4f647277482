// One organization: its details, its accounts, and what the viewer may do with them.
import { Link, useParams } from 'react-router';
import { ORGANIZATION_KIND_LABELS } from '../../../../shared/roles.js';
import { api } from '../../../app/api.js';
import { usePageTitle } from '../../../app/page-title.js';
import { useCan } from '../../../app/session.js';
import { Loading, ProblemMessage } from '../../../ui/ProblemMessage.js';
import { ActivationButton } from '../ActivationButton.js';
import { ActiveBadge } from '../ActiveBadge.js';
import { useOrganization } from '../queries.js';
import { UsersTable } from '../users/UsersTable.js';

export function OrganizationPage() {
  const { id } = useParams();
  const org = useOrganization(id);
  const canWrite = useCan('directory.write');
  usePageTitle(org.data?.shortName ?? 'Организация');

  if (org.isLoading) return <Loading />;
  if (!org.data) return <ProblemMessage error={org.error} />;
  const o = org.data;

  return (
    <>
      <p className="breadcrumbs">
        <Link to="/directory/organizations">Организации</Link>
      </p>
      <h1>{o.shortName}</h1>
      {canWrite && (
        <div className="actions">
          <Link className="btn btn-secondary" to={`/directory/organizations/${o.id}/edit`}>
            Изменить
          </Link>
          <ActivationButton
            active={o.isActive}
            what="организацию"
            consequence={
              <p>
                Пользователи организации «{o.shortName}» не смогут войти в систему, их текущие сеансы будут
                завершены.
              </p>
            }
            onToggle={(isActive) => api.patch(`/api/organizations/${o.id}`, { isActive })}
          />
        </div>
      )}
      <dl className="details">
        <dt>Код</dt>
        <dd>{o.code}</dd>
        <dt>Полное наименование</dt>
        <dd>{o.fullName}</dd>
        <dt>Краткое наименование</dt>
        <dd>{o.shortName}</dd>
        <dt>Вид</dt>
        <dd>{ORGANIZATION_KIND_LABELS[o.kind]}</dd>
        <dt>Регион</dt>
        <dd>
          {o.regionCode} — {o.regionName}
        </dd>
        <dt>Муниципалитет</dt>
        <dd>
          {o.municipalityCode} — {o.municipalityName}
        </dd>
        <dt>Состояние</dt>
        <dd>
          <ActiveBadge active={o.isActive} />
        </dd>
      </dl>

      <div className="page-heading">
        <h2>Пользователи организации</h2>
        {canWrite && (
          <Link
            className="btn btn-secondary"
            to={`/directory/users/new?role=organization&regionCode=${o.regionCode}&municipalityId=${o.municipalityId}&organizationId=${o.id}`}
          >
            Добавить пользователя
          </Link>
        )}
      </div>
      {o.users.length === 0 ? (
        <p>У организации нет учётных записей.</p>
      ) : (
        <UsersTable users={o.users} caption="Пользователи организации" showScope={false} />
      )}
    </>
  );
}

// «Формы»: every form with its versions, newest first. A version a collection uses is marked
// «Используется — только чтение»; changes to it go into a new version.
import { Link } from 'react-router';
import { formatDateTime } from '../../../shared/dates.js';
import { formatCount } from '../../../shared/plural.js';
import { usePageTitle } from '../../app/page-title.js';
import { useCan } from '../../app/session.js';
import { Loading, ProblemMessage } from '../../ui/ProblemMessage.js';
import { TableFrame } from '../../ui/TableFrame.js';
import { FrozenBadge } from './FrozenBadge.js';
import { useFormVersions } from './queries.js';

export function FormsPage() {
  usePageTitle('Формы');
  const list = useFormVersions();
  const canRunCollections = useCan('collections.manage');
  const rows = list.data?.rows ?? [];
  return (
    <>
      <div className="page-heading">
        <h1>Формы</h1>
        <Link className="btn btn-primary" to="/forms/new">
          Создать форму
        </Link>
      </div>
      <p className="lead">
        Версия формы, которая используется в сборе данных, не изменяется: изменения вносятся в новую версию.
      </p>
      <ProblemMessage error={list.error} />
      {list.isLoading ? (
        <Loading />
      ) : rows.length === 0 && list.data ? (
        <p>Форм пока нет.</p>
      ) : list.data ? (
        <TableFrame>
          <table className="table">
            <caption className="visually-hidden">Формы и их версии</caption>
            <thead>
              <tr>
                <th scope="col">Форма</th>
                <th scope="col">Версия</th>
                <th scope="col">Изменена (МСК)</th>
                <th scope="col" className="num">
                  Сборов
                </th>
                <th scope="col">Состояние</th>
                <th scope="col" className="cell-actions">
                  Действия
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((v) => {
                const which = (
                  <span className="visually-hidden">
                    {' '}
                    «{v.title}», версия {v.version}
                  </span>
                );
                return (
                  <tr key={v.id}>
                    <td>
                      <Link to={`/forms/versions/${v.id}`}>{v.title}</Link>
                    </td>
                    <td className="nowrap">{v.version}</td>
                    <td className="nowrap">{formatDateTime(v.updatedAt)}</td>
                    <td className="num">{formatCount(v.collections)}</td>
                    <td>
                      <FrozenBadge frozen={v.frozen} />
                    </td>
                    <td className="cell-actions">
                      <Link to={`/forms/versions/${v.id}/new-version`}>Новая версия{which}</Link>
                      {' · '}
                      <a href={`/api/form-versions/${v.id}/download`} download>
                        Скачать JSON{which}
                      </a>
                      {canRunCollections ? (
                        <>
                          {' · '}
                          <Link to={`/collections/new?formVersionId=${v.id}`}>Создать сбор{which}</Link>
                        </>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableFrame>
      ) : null}
    </>
  );
}

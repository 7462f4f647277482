// «Сборы данных» (federal operator): every collection with its form, interval in Moscow time,
// status and number of participants, newest first.
import { Link } from 'react-router';
import { formatInterval } from '../../../shared/dates.js';
import { formatCount } from '../../../shared/plural.js';
import { usePageTitle } from '../../app/page-title.js';
import { CollectionStatusBadge } from '../../ui/CollectionStatusBadge.js';
import { Loading, ProblemMessage } from '../../ui/ProblemMessage.js';
import { TableFrame } from '../../ui/TableFrame.js';
import { versionLabel } from '../forms/queries.js';
import { useCollections } from './queries.js';

export function CollectionsPage() {
  usePageTitle('Сборы данных');
  const list = useCollections();
  const rows = list.data?.rows ?? [];
  return (
    <>
      <div className="page-heading">
        <h1>Сборы данных</h1>
        <Link className="btn btn-primary" to="/collections/new">
          Создать сбор
        </Link>
      </div>
      <ProblemMessage error={list.error} />
      {list.isLoading ? (
        <Loading />
      ) : list.data && rows.length === 0 ? (
        <p>Сборов данных пока нет.</p>
      ) : list.data ? (
        <TableFrame>
          <table className="table" data-testid="collections-table">
            <caption className="visually-hidden">Сборы данных</caption>
            <thead>
              <tr>
                <th scope="col">Название</th>
                <th scope="col">Форма</th>
                <th scope="col">Сроки</th>
                <th scope="col">Статус</th>
                <th scope="col" className="num">
                  Участников
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/collections/${c.id}`}>{c.title}</Link>
                  </td>
                  <td>
                    <Link to={`/forms/versions/${c.formVersionId}`}>
                      {versionLabel(c.formTitle, c.formVersion)}
                    </Link>
                  </td>
                  <td>{formatInterval(c.startsAt, c.endsAt)}</td>
                  <td>
                    <CollectionStatusBadge open={c.open} />
                  </td>
                  <td className="num">{formatCount(Number(c.participants))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      ) : null}
    </>
  );
}

// One region with its municipalities.
import { Link, useParams } from 'react-router';
import { usePageTitle } from '../../app/page-title.js';
import { Loading, ProblemMessage } from '../../ui/ProblemMessage.js';
import { TableFrame } from '../../ui/TableFrame.js';
import { OrganizationsLink } from './OrganizationsLink.js';
import { useRegion } from './queries.js';

export function RegionPage() {
  const { code } = useParams();
  const region = useRegion(code);
  usePageTitle(region.data?.name ?? 'Регион');

  if (region.isLoading) return <Loading />;
  if (!region.data) return <ProblemMessage error={region.error} />;
  const r = region.data;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/directory/regions">Регионы</Link>
      </p>
      <h1>{r.name}</h1>
      <dl className="details">
        <dt>Код региона</dt>
        <dd>{r.code}</dd>
        <dt>Часовой пояс</dt>
        <dd>{r.timezone}</dd>
      </dl>
      <h2>Муниципалитеты</h2>
      <TableFrame>
        <table className="table">
          <caption className="visually-hidden">Муниципалитеты региона</caption>
          <thead>
            <tr>
              <th scope="col">Код</th>
              <th scope="col">Название</th>
              <th scope="col" className="num">
                Организаций
              </th>
            </tr>
          </thead>
          <tbody>
            {r.municipalities.map((m) => (
              <tr key={m.id}>
                <td className="nowrap">{m.code}</td>
                <td>{m.name}</td>
                <td className="num">
                  <OrganizationsLink regionCode={r.code} municipalityId={m.id} count={m.organizations} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
    </>
  );
}

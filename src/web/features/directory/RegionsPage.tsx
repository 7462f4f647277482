// «Регионы»: 89 rows at most, so the list is searched and paged here rather than on the server.
import { Link } from 'react-router';
import { formatCount } from '../../../shared/plural.js';
import { usePageTitle } from '../../app/page-title.js';
import { TableFrame } from '../../ui/TableFrame.js';
import { SearchBox } from './filters.js';
import { ListPage } from './ListPage.js';
import { countOf } from './labels.js';
import { PAGE_SIZE, useListParams } from './list-params.js';
import { OrganizationsLink } from './OrganizationsLink.js';
import { useRegions } from './queries.js';

export function RegionsPage() {
  usePageTitle('Регионы');
  const { values, page, setFilter, setPage } = useListParams(['q'] as const);
  const regions = useRegions();
  const q = values.q.toLowerCase();
  const matching = (regions.data?.rows ?? []).filter(
    (r) => !q || r.code.includes(q) || r.name.toLowerCase().includes(q),
  );
  const rows = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  return (
    <ListPage
      title="Регионы"
      list={{ ...regions, data: regions.data && { rows, total: matching.length } }}
      page={page}
      onPageChange={setPage}
      filters={
        <SearchBox
          label="Поиск региона"
          hint="Код или часть названия"
          value={values.q}
          onSearch={(value) => setFilter({ q: value })}
        />
      }
    >
      {(shown) => (
        <TableFrame>
          <table className="table">
            <caption className="visually-hidden">Регионы</caption>
            <thead>
              <tr>
                <th scope="col">Код</th>
                <th scope="col">Название</th>
                <th scope="col">Часовой пояс</th>
                <th scope="col" className="num">
                  Муниципалитетов
                </th>
                <th scope="col" className="num">
                  Организаций
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.code}>
                  <td className="nowrap">{r.code}</td>
                  <td>
                    <Link to={`/directory/regions/${r.code}`}>{r.name}</Link>
                  </td>
                  <td>{r.timezone}</td>
                  <td className="num">{formatCount(countOf(r.municipalities))}</td>
                  <td className="num">
                    <OrganizationsLink regionCode={r.code} count={r.organizations} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}
    </ListPage>
  );
}

// «Муниципалитеты», paged by the server, within the viewer's scope.

import { usePageTitle } from '../../app/page-title.js';
import { useSpansRegions } from '../../app/session.js';
import { TableFrame } from '../../ui/TableFrame.js';
import { RegionSelect, SearchBox } from './filters.js';
import { ListPage } from './ListPage.js';
import { PAGE_SIZE, useListParams } from './list-params.js';
import { OrganizationsLink } from './OrganizationsLink.js';
import { useMunicipalities } from './queries.js';

export function MunicipalitiesPage() {
  usePageTitle('Муниципалитеты');
  const federal = useSpansRegions();
  const { values, page, setFilter, setPage } = useListParams(['q', 'regionCode'] as const);
  const list = useMunicipalities({ ...values, page, pageSize: PAGE_SIZE });

  return (
    <ListPage
      title="Муниципалитеты"
      list={list}
      page={page}
      onPageChange={setPage}
      filters={
        <>
          <SearchBox
            label="Поиск муниципалитета"
            hint="Код или часть названия"
            value={values.q}
            onSearch={(q) => setFilter({ q })}
          />
          {federal && (
            <RegionSelect
              value={values.regionCode}
              onChange={(regionCode) => setFilter({ regionCode })}
              allLabel="Все регионы"
            />
          )}
        </>
      }
    >
      {(rows) => (
        <TableFrame>
          <table className="table">
            <caption className="visually-hidden">Муниципалитеты</caption>
            <thead>
              <tr>
                <th scope="col">Код</th>
                <th scope="col">Название</th>
                <th scope="col">Регион</th>
                <th scope="col" className="num">
                  Организаций
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id}>
                  <td className="nowrap">{m.code}</td>
                  <td>{m.name}</td>
                  <td>{m.regionName}</td>
                  <td className="num">
                    <OrganizationsLink
                      regionCode={m.regionCode}
                      municipalityId={m.id}
                      count={m.organizations}
                    />
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

// «Организации»: search by code or name, filter by region, municipality, kind and state. Whoever may
// issue one-time passwords chooses organizations here with their boxes («Выдать пароли»).
import { useState } from 'react';
import { Link } from 'react-router';
import { ORGANIZATION_KIND_LABELS } from '../../../../shared/roles.js';
import { usePageTitle } from '../../../app/page-title.js';
import { useCan, useSession, useSpansMunicipalities, useSpansRegions } from '../../../app/session.js';
import { SelectField } from '../../../ui/Field.js';
import { TableFrame } from '../../../ui/TableFrame.js';
import { ActiveBadge } from '../ActiveBadge.js';
import { MunicipalitySelect, RegionSelect, SearchBox } from '../filters.js';
import { ListPage } from '../ListPage.js';
import { ACTIVE_FILTER_OPTIONS, KIND_OPTIONS } from '../labels.js';
import { PAGE_SIZE, useListParams } from '../list-params.js';
import { IssuePasswords } from '../passwords/IssuePasswords.js';
import { useOrganizations } from '../queries.js';

const FILTERS = ['q', 'regionCode', 'municipalityId', 'kind', 'active'] as const;

export function OrganizationsPage() {
  usePageTitle('Организации');
  const { user } = useSession();
  const spansRegions = useSpansRegions();
  const spansMunicipalities = useSpansMunicipalities();
  const canWrite = useCan('directory.write');
  const canIssue = useCan('users.issuePasswords');
  // Chosen organizations stay chosen across pages and filters, until issued or cleared.
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const choose = (ids: number[], on: boolean) =>
    setChosen((before) => {
      const next = new Set(before);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const { values, page, setFilter, setPage } = useListParams(FILTERS);
  const list = useOrganizations({ ...values, page, pageSize: PAGE_SIZE });
  // A regional coordinator picks among the municipalities of their own region.
  const municipalityRegion = spansRegions ? values.regionCode : (user.regionCode ?? '');

  return (
    <ListPage
      title="Организации"
      add={canWrite && { to: '/directory/organizations/new', label: 'Добавить организацию' }}
      list={list}
      page={page}
      onPageChange={setPage}
      filters={
        <>
          <SearchBox
            label="Поиск организации"
            hint="Код или часть наименования"
            value={values.q}
            onSearch={(q) => setFilter({ q })}
          />
          {spansRegions && (
            <RegionSelect
              value={values.regionCode}
              onChange={(regionCode) => setFilter({ regionCode, municipalityId: '' })}
              allLabel="Все регионы"
            />
          )}
          {spansMunicipalities && (
            <MunicipalitySelect
              regionCode={municipalityRegion}
              value={values.municipalityId}
              onChange={(municipalityId) => setFilter({ municipalityId })}
              allLabel="Все муниципалитеты"
            />
          )}
          <SelectField
            label="Вид"
            value={values.kind}
            options={[{ value: '', label: 'Все виды' }, ...KIND_OPTIONS]}
            onValueChange={(kind) => setFilter({ kind })}
          />
          <SelectField
            label="Состояние"
            value={values.active}
            options={ACTIVE_FILTER_OPTIONS}
            onValueChange={(active) => setFilter({ active })}
          />
        </>
      }
    >
      {(rows) => (
        <>
          {canIssue && (
            <IssuePasswords
              chosen={chosen}
              onClearChoice={() => setChosen(new Set())}
              territory={{
                regionCode: values.regionCode || undefined,
                municipalityId: values.municipalityId ? Number(values.municipalityId) : undefined,
              }}
            />
          )}
          <TableFrame>
            <table className="table">
              <caption className="visually-hidden">Организации</caption>
              <thead>
                <tr>
                  {/* The boxes sit in the code's cell: the columns stay where they are for everyone. */}
                  <th scope="col" className="nowrap">
                    {canIssue && (
                      <input
                        type="checkbox"
                        className="choice-box"
                        aria-label="Выбрать все организации на странице"
                        checked={rows.length > 0 && rows.every((o) => chosen.has(o.id))}
                        onChange={(e) =>
                          choose(
                            rows.map((o) => o.id),
                            e.currentTarget.checked,
                          )
                        }
                      />
                    )}
                    Код
                  </th>
                  <th scope="col">Наименование</th>
                  <th scope="col">Вид</th>
                  <th scope="col">Регион</th>
                  <th scope="col">Муниципалитет</th>
                  <th scope="col">Состояние</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((o) => (
                  <tr key={o.id}>
                    <td className="nowrap">
                      {canIssue && (
                        <input
                          type="checkbox"
                          className="choice-box"
                          aria-label={`Выбрать ${o.shortName} (${o.code})`}
                          checked={chosen.has(o.id)}
                          onChange={(e) => choose([o.id], e.currentTarget.checked)}
                        />
                      )}
                      {o.code}
                    </td>
                    <td>
                      <Link to={`/directory/organizations/${o.id}`}>{o.shortName}</Link>
                    </td>
                    <td>{ORGANIZATION_KIND_LABELS[o.kind]}</td>
                    <td>{o.regionName}</td>
                    <td>{o.municipalityName}</td>
                    <td>
                      <ActiveBadge active={o.isActive} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
        </>
      )}
    </ListPage>
  );
}

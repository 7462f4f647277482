// «Пользователи»: accounts within the viewer's scope, searched by login or name.

import { usePageTitle } from '../../../app/page-title.js';
import { useCan, useSpansRegions } from '../../../app/session.js';
import { SelectField } from '../../../ui/Field.js';
import { RegionSelect, SearchBox } from '../filters.js';
import { ListPage } from '../ListPage.js';
import { ACTIVE_FILTER_OPTIONS, ROLE_OPTIONS } from '../labels.js';
import { PAGE_SIZE, useListParams } from '../list-params.js';
import { useUsers } from '../queries.js';
import { UsersTable } from './UsersTable.js';

export function UsersPage() {
  usePageTitle('Пользователи');
  const federal = useSpansRegions();
  const canWrite = useCan('directory.write');
  const { values, page, setFilter, setPage } = useListParams(['q', 'role', 'regionCode', 'active'] as const);
  const list = useUsers({ ...values, page, pageSize: PAGE_SIZE });

  return (
    <ListPage
      title="Пользователи"
      add={canWrite && { to: '/directory/users/new', label: 'Добавить пользователя' }}
      list={list}
      page={page}
      onPageChange={setPage}
      filters={
        <>
          <SearchBox
            label="Поиск пользователя"
            hint="Логин или часть ФИО"
            value={values.q}
            onSearch={(q) => setFilter({ q })}
          />
          <SelectField
            label="Роль"
            value={values.role}
            options={[{ value: '', label: 'Все роли' }, ...ROLE_OPTIONS]}
            onValueChange={(role) => setFilter({ role })}
          />
          {federal && (
            <RegionSelect
              value={values.regionCode}
              onChange={(regionCode) => setFilter({ regionCode })}
              allLabel="Все регионы"
            />
          )}
          <SelectField
            label="Состояние"
            value={values.active}
            options={ACTIVE_FILTER_OPTIONS}
            onValueChange={(active) => setFilter({ active })}
          />
        </>
      }
    >
      {(rows) => <UsersTable users={rows} caption="Пользователи" />}
    </ListPage>
  );
}

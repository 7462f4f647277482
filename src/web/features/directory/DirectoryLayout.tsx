// «Справочник»: one tab per kind of entry; «Импорт» only for those who may write.
import { NavLink, Outlet } from 'react-router';
import { useCan } from '../../app/session.js';

export function DirectoryLayout() {
  const canWrite = useCan('directory.write');
  return (
    <>
      <p className="section-label">Справочник</p>
      <nav className="tabs" aria-label="Разделы справочника">
        <ul>
          <li>
            <NavLink to="/directory/regions">Регионы</NavLink>
          </li>
          <li>
            <NavLink to="/directory/municipalities">Муниципалитеты</NavLink>
          </li>
          <li>
            <NavLink to="/directory/organizations">Организации</NavLink>
          </li>
          <li>
            <NavLink to="/directory/users">Пользователи</NavLink>
          </li>
          {canWrite && (
            <li>
              <NavLink to="/directory/import">Импорт</NavLink>
            </li>
          )}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

// The frame of every signed-in page: skip link, header with «Версия для слабовидящих» and who is
// signed in, the main menu, and the page itself in <main>.
import { useEffect, useRef } from 'react';
import { NavLink, Outlet, ScrollRestoration, useLocation } from 'react-router';
import { ROLE_LABELS } from '../../shared/roles.js';
import { LogoutButton } from '../features/auth/LogoutButton.js';
import { LowVisionBar } from '../features/low-vision/LowVisionBar.js';
import { NoticeCount } from '../features/niko/NoticeCount.js';
import { PRODUCT_NAME } from './page-title.js';
import { useSession } from './session.js';

export function Shell() {
  const { user, permissions } = useSession();
  // Until a one-time password is changed, the server refuses everything else anyway.
  const locked = user.mustChangePassword;
  const top = useTopOfPageFocus();
  return (
    <>
      <ScrollRestoration />
      <div ref={top} tabIndex={-1} className="focus-start" />
      <a className="skip-link" href="#content">
        Перейти к содержимому
      </a>
      <header className="app-header">
        <LowVisionBar />
        <div className="app-header-inner">
          <div className="app-brand">{PRODUCT_NAME}</div>
          <dl className="app-user" aria-label="Пользователь">
            <div>
              <dt className="visually-hidden">Логин</dt>
              <dd data-testid="user-login" className="app-user-login">
                {user.login}
              </dd>
            </div>
            <div>
              <dt className="visually-hidden">Роль</dt>
              <dd data-testid="user-role">{ROLE_LABELS[user.role]}</dd>
            </div>
            <div>
              <dt className="visually-hidden">Организация или территория</dt>
              <dd data-testid="user-scope" className="app-user-scope">
                {user.scopeName}
              </dd>
            </div>
          </dl>
        </div>
        <nav className="app-nav" aria-label="Основное меню">
          <ul>
            {!locked && (
              <li>
                <NavLink to="/niko">
                  НИКО
                  <NoticeCount />
                </NavLink>
              </li>
            )}
            {!locked && permissions.includes('directory.read') && (
              <li>
                <NavLink to="/directory">Справочник</NavLink>
              </li>
            )}
            {!locked && permissions.includes('forms.manage') && (
              <li>
                <NavLink to="/forms">Формы</NavLink>
              </li>
            )}
            {!locked && permissions.includes('collections.manage') && (
              <li>
                <NavLink to="/collections">Сборы данных</NavLink>
              </li>
            )}
            {!locked && permissions.includes('audit.read') && (
              <li>
                <NavLink to="/audit">Журнал аудита</NavLink>
              </li>
            )}
            <li>
              <NavLink to="/account/password">Сменить пароль</NavLink>
            </li>
            <li className="app-nav-logout">
              <LogoutButton />
            </li>
          </ul>
        </nav>
      </header>
      <main id="content" className="page" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="app-footer">
        По вопросам работы ЛК ФИС ОКО обращайтесь в службу технической поддержки:{' '}
        <a href="mailto:helpfisoko@fioco.ru">helpfisoko@fioco.ru</a>
      </footer>
    </>
  );
}

/**
 * After moving to another page, put focus back at the top, as a full page load would: the next Tab
 * reaches «Перейти к содержимому» instead of wherever the previous page's focused element was.
 */
function useTopOfPageFocus() {
  const top = useRef<HTMLDivElement>(null);
  const { pathname } = useLocation();
  const previous = useRef<string | null>(null);
  useEffect(() => {
    const moved = previous.current !== null && previous.current !== pathname;
    const lost = !document.activeElement || document.activeElement === document.body;
    previous.current = pathname;
    if (moved || lost) top.current?.focus({ preventScroll: true });
  }, [pathname]);
  return top;
}

// Hides a page from a role that may not use it. The server refuses the data anyway; this keeps the
// user from landing on a page that can only show errors.
import type { ReactNode } from 'react';
import { Outlet } from 'react-router';
import { usePageTitle } from './page-title.js';
import { type Permission, useCan } from './session.js';

/** Without children, it guards the nested routes (a layout route's element). */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission;
  children?: ReactNode;
}) {
  if (!useCan(permission)) return <Forbidden />;
  return children ?? <Outlet />;
}

function Forbidden() {
  usePageTitle('Нет доступа');
  return (
    <>
      <h1>Нет доступа</h1>
      <p>Этот раздел недоступен для вашей роли.</p>
    </>
  );
}

// The federal operator's design and collection pages. The server grants 'forms.manage' and
// 'collections.manage' (src/server/auth/policy.ts); the web's Permission type in app/session.tsx
// predates them, so they are checked by name here rather than by widening that shared type.
import type { ReactNode } from 'react';
import { Outlet } from 'react-router';
import { usePageTitle } from '../../app/page-title.js';
import { useSession } from '../../app/session.js';

export type ManagePermission = 'forms.manage' | 'collections.manage';

export function hasPermission(permissions: readonly string[], permission: ManagePermission): boolean {
  return permissions.includes(permission);
}

export function useCanManage(permission: ManagePermission): boolean {
  return hasPermission(useSession().permissions, permission);
}

/** Like app/RequirePermission, for the two permissions above; without children, the nested routes. */
export function RequireManage({
  permission,
  children,
}: {
  permission: ManagePermission;
  children?: ReactNode;
}) {
  if (!useCanManage(permission)) return <Forbidden />;
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

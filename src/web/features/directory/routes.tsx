// The directory's pages under /directory. Reading needs directory.read; the forms and the import
// need directory.write. The directory is one chunk, the import another (app/lazy-page.tsx).
import type { ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazy-page.js';
import { RequirePermission } from '../../app/RequirePermission.js';

const pages = () => import('./pages.js');

const writeOnly = (element: ReactNode) => (
  <RequirePermission permission="directory.write">{element}</RequirePermission>
);

export const directoryRoutes: RouteObject = {
  path: 'directory',
  element: (
    <RequirePermission permission="directory.read">{lazyPage(pages, 'DirectoryLayout')}</RequirePermission>
  ),
  children: [
    { index: true, element: <Navigate to="/directory/regions" replace /> },
    { path: 'regions', element: lazyPage(pages, 'RegionsPage') },
    { path: 'regions/:code', element: lazyPage(pages, 'RegionPage') },
    { path: 'municipalities', element: lazyPage(pages, 'MunicipalitiesPage') },
    { path: 'organizations', element: lazyPage(pages, 'OrganizationsPage') },
    { path: 'organizations/new', element: writeOnly(lazyPage(pages, 'OrganizationCreatePage')) },
    { path: 'organizations/:id', element: lazyPage(pages, 'OrganizationPage') },
    { path: 'organizations/:id/edit', element: writeOnly(lazyPage(pages, 'OrganizationEditPage')) },
    { path: 'users', element: lazyPage(pages, 'UsersPage') },
    { path: 'users/new', element: writeOnly(lazyPage(pages, 'UserCreatePage')) },
    { path: 'users/:id', element: lazyPage(pages, 'UserPage') },
    { path: 'users/:id/edit', element: writeOnly(lazyPage(pages, 'UserEditPage')) },
    { path: 'import', element: writeOnly(lazyPage(() => import('./import/ImportPage.js'), 'ImportPage')) },
  ],
};

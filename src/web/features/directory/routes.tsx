// The directory's pages under /directory. Reading needs directory.read; the forms and the import
// need directory.write. The directory is one chunk, the import another (app/lazy-page.tsx).
import type { ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { lazyComponent } from '../../app/lazy-page.js';
import { RequirePermission } from '../../app/RequirePermission.js';

const pages = () => import('./pages.js');
const DirectoryLayout = lazyComponent(pages, 'DirectoryLayout');
const RegionsPage = lazyComponent(pages, 'RegionsPage');
const RegionPage = lazyComponent(pages, 'RegionPage');
const MunicipalitiesPage = lazyComponent(pages, 'MunicipalitiesPage');
const OrganizationsPage = lazyComponent(pages, 'OrganizationsPage');
const OrganizationCreatePage = lazyComponent(pages, 'OrganizationCreatePage');
const OrganizationPage = lazyComponent(pages, 'OrganizationPage');
const OrganizationEditPage = lazyComponent(pages, 'OrganizationEditPage');
const UsersPage = lazyComponent(pages, 'UsersPage');
const UserCreatePage = lazyComponent(pages, 'UserCreatePage');
const UserPage = lazyComponent(pages, 'UserPage');
const UserEditPage = lazyComponent(pages, 'UserEditPage');
const ImportPage = lazyComponent(() => import('./import/ImportPage.js'), 'ImportPage');

const writeOnly = (element: ReactNode) => (
  <RequirePermission permission="directory.write">{element}</RequirePermission>
);

export const directoryRoutes: RouteObject = {
  path: 'directory',
  element: (
    <RequirePermission permission="directory.read">
      <DirectoryLayout />
    </RequirePermission>
  ),
  children: [
    { index: true, element: <Navigate to="/directory/regions" replace /> },
    { path: 'regions', element: <RegionsPage /> },
    { path: 'regions/:code', element: <RegionPage /> },
    { path: 'municipalities', element: <MunicipalitiesPage /> },
    { path: 'organizations', element: <OrganizationsPage /> },
    { path: 'organizations/new', element: writeOnly(<OrganizationCreatePage />) },
    { path: 'organizations/:id', element: <OrganizationPage /> },
    { path: 'organizations/:id/edit', element: writeOnly(<OrganizationEditPage />) },
    { path: 'users', element: <UsersPage /> },
    { path: 'users/new', element: writeOnly(<UserCreatePage />) },
    { path: 'users/:id', element: <UserPage /> },
    { path: 'users/:id/edit', element: writeOnly(<UserEditPage />) },
    { path: 'import', element: writeOnly(<ImportPage />) },
  ],
};

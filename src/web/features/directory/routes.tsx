// The directory's pages under /directory. Reading needs directory.read; the forms and the import
// need directory.write. The directory is one chunk, the import another (app/lazy-page.tsx).
import type { ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazy-page.js';
import { RequirePermission } from '../../app/RequirePermission.js';

const pages = () => import('./pages.js');
const directoryLayout = lazyPage(pages, 'DirectoryLayout');
const regionsPage = lazyPage(pages, 'RegionsPage');
const regionPage = lazyPage(pages, 'RegionPage');
const municipalitiesPage = lazyPage(pages, 'MunicipalitiesPage');
const organizationsPage = lazyPage(pages, 'OrganizationsPage');
const organizationCreatePage = lazyPage(pages, 'OrganizationCreatePage');
const organizationPage = lazyPage(pages, 'OrganizationPage');
const organizationEditPage = lazyPage(pages, 'OrganizationEditPage');
const usersPage = lazyPage(pages, 'UsersPage');
const userCreatePage = lazyPage(pages, 'UserCreatePage');
const userPage = lazyPage(pages, 'UserPage');
const userEditPage = lazyPage(pages, 'UserEditPage');
const importPage = lazyPage(() => import('./import/ImportPage.js'), 'ImportPage');

const writeOnly = (element: ReactNode) => (
  <RequirePermission permission="directory.write">{element}</RequirePermission>
);

export const directoryRoutes: RouteObject = {
  path: 'directory',
  element: <RequirePermission permission="directory.read">{directoryLayout}</RequirePermission>,
  children: [
    { index: true, element: <Navigate to="/directory/regions" replace /> },
    { path: 'regions', element: regionsPage },
    { path: 'regions/:code', element: regionPage },
    { path: 'municipalities', element: municipalitiesPage },
    { path: 'organizations', element: organizationsPage },
    { path: 'organizations/new', element: writeOnly(organizationCreatePage) },
    { path: 'organizations/:id', element: organizationPage },
    { path: 'organizations/:id/edit', element: writeOnly(organizationEditPage) },
    { path: 'users', element: usersPage },
    { path: 'users/new', element: writeOnly(userCreatePage) },
    { path: 'users/:id', element: userPage },
    { path: 'users/:id/edit', element: writeOnly(userEditPage) },
    { path: 'import', element: writeOnly(importPage) },
  ],
};

// The directory's pages under /directory. Reading needs directory.read; the forms and the import
// need directory.write.
import type { ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { RequirePermission } from '../../app/RequirePermission.js';
import { DirectoryLayout } from './DirectoryLayout.js';
import { ImportPage } from './import/ImportPage.js';
import { MunicipalitiesPage } from './MunicipalitiesPage.js';
import { OrganizationCreatePage, OrganizationEditPage } from './organizations/OrganizationFormPages.js';
import { OrganizationPage } from './organizations/OrganizationPage.js';
import { OrganizationsPage } from './organizations/OrganizationsPage.js';
import { RegionPage } from './RegionPage.js';
import { RegionsPage } from './RegionsPage.js';
import { UserCreatePage, UserEditPage } from './users/UserFormPages.js';
import { UserPage } from './users/UserPage.js';
import { UsersPage } from './users/UsersPage.js';

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

// The pages of the directory, loaded together as one chunk (routes.tsx); the import is a chunk apart.
export { DirectoryLayout } from './DirectoryLayout.js';
export { MunicipalitiesPage } from './MunicipalitiesPage.js';
export { OrganizationCreatePage, OrganizationEditPage } from './organizations/OrganizationFormPages.js';
export { OrganizationPage } from './organizations/OrganizationPage.js';
export { OrganizationsPage } from './organizations/OrganizationsPage.js';
export { RegionPage } from './RegionPage.js';
export { RegionsPage } from './RegionsPage.js';
export { UserCreatePage, UserEditPage } from './users/UserFormPages.js';
export { UserPage } from './users/UserPage.js';
export { UsersPage } from './users/UsersPage.js';

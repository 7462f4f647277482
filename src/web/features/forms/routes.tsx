// The form designer's pages under /forms, for those who may design forms ('forms.manage').
import type { RouteObject } from 'react-router';
import { FormCreatePage, FormNewVersionPage, FormVersionPage } from './FormPages.js';
import { FormsPage } from './FormsPage.js';
import { RequireManage } from './manage-permission.js';

export const formsRoutes: RouteObject = {
  path: 'forms',
  element: <RequireManage permission="forms.manage" />,
  children: [
    { index: true, element: <FormsPage /> },
    { path: 'new', element: <FormCreatePage /> },
    { path: 'versions/:id', element: <FormVersionPage /> },
    { path: 'versions/:id/new-version', element: <FormNewVersionPage /> },
  ],
};

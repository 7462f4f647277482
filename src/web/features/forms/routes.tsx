// The form designer's pages under /forms, for those who may design forms ('forms.manage'). The
// designer (with the schema library behind the shared check) loads only when one of its pages opens.
import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/RequirePermission.js';
import { FormsPage } from './FormsPage.js';

const designerPage = (name: 'FormCreatePage' | 'FormVersionPage' | 'FormNewVersionPage') => async () => ({
  Component: (await import('./FormPages.js'))[name],
});

export const formsRoutes: RouteObject = {
  path: 'forms',
  element: <RequirePermission permission="forms.manage" />,
  children: [
    { index: true, element: <FormsPage /> },
    { path: 'new', lazy: designerPage('FormCreatePage') },
    { path: 'versions/:id', lazy: designerPage('FormVersionPage') },
    { path: 'versions/:id/new-version', lazy: designerPage('FormNewVersionPage') },
  ],
};

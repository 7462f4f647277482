// The form designer's pages under /forms, for those who may design forms ('forms.manage'). The
// list is a chunk; the designer (with the schema library behind the shared check) is another,
// loaded only when one of its pages opens (app/lazy-page.tsx).
import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazy-page.js';
import { RequirePermission } from '../../app/RequirePermission.js';

const designer = () => import('./FormPages.js');

export const formsRoutes: RouteObject = {
  path: 'forms',
  element: <RequirePermission permission="forms.manage" />,
  children: [
    { index: true, element: lazyPage(() => import('./FormsPage.js'), 'FormsPage') },
    { path: 'new', element: lazyPage(designer, 'FormCreatePage') },
    { path: 'versions/:id', element: lazyPage(designer, 'FormVersionPage') },
    { path: 'versions/:id/new-version', element: lazyPage(designer, 'FormNewVersionPage') },
  ],
};

// The form designer's pages under /forms, for those who may design forms ('forms.manage'). The
// list is a chunk; the designer (with the schema library behind the shared check) is another,
// loaded only when one of its pages opens (app/lazy-page.tsx).
import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazy-page.js';
import { RequirePermission } from '../../app/RequirePermission.js';

const formsPage = lazyPage(() => import('./FormsPage.js'), 'FormsPage');
const designer = () => import('./FormPages.js');
const formCreatePage = lazyPage(designer, 'FormCreatePage');
const formVersionPage = lazyPage(designer, 'FormVersionPage');
const formNewVersionPage = lazyPage(designer, 'FormNewVersionPage');

export const formsRoutes: RouteObject = {
  path: 'forms',
  element: <RequirePermission permission="forms.manage" />,
  children: [
    { index: true, element: formsPage },
    { path: 'new', element: formCreatePage },
    { path: 'versions/:id', element: formVersionPage },
    { path: 'versions/:id/new-version', element: formNewVersionPage },
  ],
};

// The form designer's pages under /forms, for those who may design forms ('forms.manage'). The
// list is a chunk; the designer (with the schema library behind the shared check) is another,
// loaded only when one of its pages opens (app/lazy-page.tsx).
import type { RouteObject } from 'react-router';
import { lazyComponent } from '../../app/lazy-page.js';
import { RequirePermission } from '../../app/RequirePermission.js';

const FormsPage = lazyComponent(() => import('./FormsPage.js'), 'FormsPage');
const designer = () => import('./FormPages.js');
const FormCreatePage = lazyComponent(designer, 'FormCreatePage');
const FormVersionPage = lazyComponent(designer, 'FormVersionPage');
const FormNewVersionPage = lazyComponent(designer, 'FormNewVersionPage');

export const formsRoutes: RouteObject = {
  path: 'forms',
  element: <RequirePermission permission="forms.manage" />,
  children: [
    { index: true, element: <FormsPage /> },
    { path: 'new', element: <FormCreatePage /> },
    { path: 'versions/:id', element: <FormVersionPage /> },
    { path: 'versions/:id/new-version', element: <FormNewVersionPage /> },
  ],
};

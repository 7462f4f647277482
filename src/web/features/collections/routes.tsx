// The operator's collection pages under /collections ('collections.manage'), one chunk for the area.
import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazy-page.js';
import { RequirePermission } from '../../app/RequirePermission.js';

const pages = () => import('./pages.js');

export const collectionsRoutes: RouteObject = {
  path: 'collections',
  element: <RequirePermission permission="collections.manage" />,
  children: [
    { index: true, element: lazyPage(pages, 'CollectionsPage') },
    { path: 'new', element: lazyPage(pages, 'CollectionCreatePage') },
    { path: ':id', element: lazyPage(pages, 'CollectionPage') },
  ],
};

// The operator's collection pages under /collections ('collections.manage'), one chunk for the area.
import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazy-page.js';
import { RequirePermission } from '../../app/RequirePermission.js';

const pages = () => import('./pages.js');
const collectionsPage = lazyPage(pages, 'CollectionsPage');
const collectionCreatePage = lazyPage(pages, 'CollectionCreatePage');
const collectionPage = lazyPage(pages, 'CollectionPage');

export const collectionsRoutes: RouteObject = {
  path: 'collections',
  element: <RequirePermission permission="collections.manage" />,
  children: [
    { index: true, element: collectionsPage },
    { path: 'new', element: collectionCreatePage },
    { path: ':id', element: collectionPage },
  ],
};

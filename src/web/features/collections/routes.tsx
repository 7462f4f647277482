// The operator's collection pages under /collections ('collections.manage'), one chunk for the area.
import type { RouteObject } from 'react-router';
import { lazyComponent } from '../../app/lazy-page.js';
import { RequirePermission } from '../../app/RequirePermission.js';

const pages = () => import('./pages.js');
const CollectionsPage = lazyComponent(pages, 'CollectionsPage');
const CollectionCreatePage = lazyComponent(pages, 'CollectionCreatePage');
const CollectionPage = lazyComponent(pages, 'CollectionPage');

export const collectionsRoutes: RouteObject = {
  path: 'collections',
  element: <RequirePermission permission="collections.manage" />,
  children: [
    { index: true, element: <CollectionsPage /> },
    { path: 'new', element: <CollectionCreatePage /> },
    { path: ':id', element: <CollectionPage /> },
  ],
};

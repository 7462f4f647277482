// The operator's collection pages under /collections ('collections.manage').
import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/RequirePermission.js';
import { CollectionCreatePage } from './CollectionCreatePage.js';
import { CollectionPage } from './CollectionPage.js';
import { CollectionsPage } from './CollectionsPage.js';

export const collectionsRoutes: RouteObject = {
  path: 'collections',
  element: <RequirePermission permission="collections.manage" />,
  children: [
    { index: true, element: <CollectionsPage /> },
    { path: 'new', element: <CollectionCreatePage /> },
    { path: ':id', element: <CollectionPage /> },
  ],
};

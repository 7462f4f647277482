// Every page and its address. The signed-in area sits under RequireSession; pages a role may not
// use sit under RequirePermission. Another feature adds its pages here. Every page is a chunk of
// its own (app/lazy-page.tsx): the entry holds only the shell, the session and the router.
import { createBrowserRouter, Navigate } from 'react-router';
import { collectionsRoutes } from '../features/collections/routes.js';
import { directoryRoutes } from '../features/directory/routes.js';
import { formsRoutes } from '../features/forms/routes.js';
import { lazyPage } from './lazy-page.js';
import { NotFoundPage } from './NotFoundPage.js';
import { RequirePermission } from './RequirePermission.js';
import { RequireSession } from './RequireSession.js';
import { RouteError, RouteErrorPage } from './RouteError.js';

const loginPage = lazyPage(() => import('../features/auth/LoginPage.js'), 'LoginPage', 'standalone');
const nikoPage = lazyPage(() => import('../features/niko/NikoPage.js'), 'NikoPage');
const responsePage = lazyPage(() => import('../features/data-collection/ResponsePage.js'), 'ResponsePage');
const publicationEditorPage = lazyPage(
  () => import('../features/publications/PublicationEditorPage.js'),
  'PublicationEditorPage',
);
const changePasswordPage = lazyPage(
  () => import('../features/account/ChangePasswordPage.js'),
  'ChangePasswordPage',
);
const auditPage = lazyPage(() => import('../features/audit/AuditPage.js'), 'AuditPage');

export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: loginPage, errorElement: <RouteErrorPage /> },
    {
      path: '/',
      element: <RequireSession />,
      errorElement: <RouteErrorPage />,
      children: [
        {
          errorElement: <RouteError />,
          children: [
            { index: true, element: <Navigate to="/niko" replace /> },
            { path: 'niko', element: nikoPage },
            { path: 'niko/publications/new', element: publicationEditorPage },
            { path: 'niko/publications/:id/edit', element: publicationEditorPage },
            { path: 'niko/responses/:id', element: responsePage },
            { path: 'account/password', element: changePasswordPage },
            directoryRoutes,
            formsRoutes,
            collectionsRoutes,
            {
              path: 'audit',
              element: <RequirePermission permission="audit.read">{auditPage}</RequirePermission>,
            },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}

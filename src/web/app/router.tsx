// Every page and its address. The signed-in area sits under RequireSession; pages a role may not
// use sit under RequirePermission. Another feature adds its pages here. Every page is a chunk of
// its own (app/lazy-page.tsx): the entry holds only the shell, the session and the router.
import { createBrowserRouter, Navigate } from 'react-router';
import { collectionsRoutes } from '../features/collections/routes.js';
import { directoryRoutes } from '../features/directory/routes.js';
import { formsRoutes } from '../features/forms/routes.js';
import { lazyComponent } from './lazy-page.js';
import { NotFoundPage } from './NotFoundPage.js';
import { RequirePermission } from './RequirePermission.js';
import { RequireSession } from './RequireSession.js';
import { RouteError, RouteErrorPage } from './RouteError.js';

const LoginPage = lazyComponent(() => import('../features/auth/LoginPage.js'), 'LoginPage', 'standalone');
const NikoPage = lazyComponent(() => import('../features/niko/NikoPage.js'), 'NikoPage');
const ResponsePage = lazyComponent(() => import('../features/data-collection/ResponsePage.js'), 'ResponsePage');
const PublicationEditorPage = lazyComponent(
  () => import('../features/publications/PublicationEditorPage.js'),
  'PublicationEditorPage',
);
const ChangePasswordPage = lazyComponent(
  () => import('../features/account/ChangePasswordPage.js'),
  'ChangePasswordPage',
);
const AuditPage = lazyComponent(() => import('../features/audit/AuditPage.js'), 'AuditPage');

export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
    {
      path: '/',
      element: <RequireSession />,
      errorElement: <RouteErrorPage />,
      children: [
        {
          errorElement: <RouteError />,
          children: [
            { index: true, element: <Navigate to="/niko" replace /> },
            { path: 'niko', element: <NikoPage /> },
            { path: 'niko/publications/new', element: <PublicationEditorPage /> },
            { path: 'niko/publications/:id/edit', element: <PublicationEditorPage /> },
            { path: 'niko/responses/:id', element: <ResponsePage /> },
            { path: 'account/password', element: <ChangePasswordPage /> },
            directoryRoutes,
            formsRoutes,
            collectionsRoutes,
            {
              path: 'audit',
              element: (
                <RequirePermission permission="audit.read">
                  <AuditPage />
                </RequirePermission>
              ),
            },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}

// Every page and its address. The signed-in area sits under RequireSession; pages a role may not
// use sit under RequirePermission. Another feature adds its pages here.
import { createBrowserRouter, Navigate } from 'react-router';
import { ChangePasswordPage } from '../features/account/ChangePasswordPage.js';
import { AuditPage } from '../features/audit/AuditPage.js';
import { LoginPage } from '../features/auth/LoginPage.js';
import { collectionsRoutes } from '../features/collections/routes.js';
import { ResponsePage } from '../features/data-collection/ResponsePage.js';
import { directoryRoutes } from '../features/directory/routes.js';
import { formsRoutes } from '../features/forms/routes.js';
import { NikoPage } from '../features/niko/NikoPage.js';
import { PublicationEditorPage } from '../features/publications/PublicationEditorPage.js';
import { NotFoundPage } from './NotFoundPage.js';
import { RequirePermission } from './RequirePermission.js';
import { RequireSession } from './RequireSession.js';
import { RouteError, RouteErrorPage } from './RouteError.js';

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

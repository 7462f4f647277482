// The entry point: query cache, router, and the redirects that follow the session.
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { installAuthRedirects } from './app/auth-redirects.js';
import { createQueryClient } from './app/query-client.js';
import { createRouter } from './app/router.js';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/low-vision.css';
import './styles/reflow.css';

const queryClient = createQueryClient();
const router = createRouter();
installAuthRedirects(router, queryClient);

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);

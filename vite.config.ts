// Builds the web pages from src/web into dist/web, which the Fastify server serves (src/server/app.ts).
// In development `npm run dev:web` proxies the API to a server started with `npm run dev`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const API_SERVER = 'http://localhost:3000';

/**
 * The libraries every page needs go into chunks of their own: they change far less often than the
 * pages, so a browser keeps them cached across deploys. Zod, which only the form designer uses in
 * the browser, gets its own chunk so that it can never be merged into a chunk a school loads.
 * The budgets of these chunks are in scripts/size.mjs.
 */
const LIBRARY_CHUNKS: [name: string, test: RegExp][] = [
  ['preact', /[\\/]node_modules[\\/]preact[\\/]|[\\/]react-on-preact\.ts$/],
  ['router', /[\\/]node_modules[\\/]react-router[\\/]/],
  ['query', /[\\/]node_modules[\\/]@tanstack[\\/]/],
  ['zod', /[\\/]node_modules[\\/]zod[\\/]/],
];

/**
 * The pages are written against React's API and types, and run on Preact through `preact/compat`:
 * about 4 KB gzipped where React DOM is 67 KB (ARCHITECTURE.md, «Dependencies we chose»). Every
 * React entry a page or a library imports is answered by compat; deleting these aliases (and
 * putting `@vitejs/plugin-react` back) runs the same code on React again.
 */
const PREACT_COMPAT = [
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
  { find: /^react$/, replacement: fileURLToPath(new URL('src/web/app/react-on-preact.ts', import.meta.url)) },
];

export default defineConfig({
  root: 'src/web',
  resolve: { alias: PREACT_COMPAT },
  // JSX as calls of the automatic runtime (`react/jsx-runtime`, which the aliases answer).
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // The server's CSP forbids inline scripts and the pages must work on old PCs: keep assets as files.
    assetsInlineLimit: 0,
    // dist/web/.vite/manifest.json: which chunk each page pulls in, read by `npm run size`.
    manifest: true,
    rolldownOptions: {
      // TanStack Query marks its modules "use client" for React Server Components, which a bundle
      // for the browser has no use for; @vitejs/plugin-react used to silence this warning.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use client"')) return;
        warn(warning);
      },
      output: {
        codeSplitting: {
          groups: LIBRARY_CHUNKS.map(([name, test]) => ({ name, test })),
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': API_SERVER,
      '/healthz': API_SERVER,
      '/metrics': API_SERVER,
    },
  },
});

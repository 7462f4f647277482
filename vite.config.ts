// Builds the web pages from src/web into dist/web, which the Fastify server serves (src/server/app.ts).
// In development `npm run dev:web` proxies the API to a server started with `npm run dev`.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const API_SERVER = 'http://localhost:3000';

/**
 * The libraries every page needs go into chunks of their own: they change far less often than the
 * pages, so a browser keeps them cached across deploys. Zod, which only the form designer uses in
 * the browser, gets its own chunk so that it can never be merged into a chunk a school loads.
 * The budgets of these chunks are in scripts/size.mjs.
 */
const LIBRARY_CHUNKS: [name: string, test: RegExp][] = [
  ['react', /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/],
  ['router', /[\\/]node_modules[\\/]react-router[\\/]/],
  ['query', /[\\/]node_modules[\\/]@tanstack[\\/]/],
  ['zod', /[\\/]node_modules[\\/]zod[\\/]/],
];

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // The server's CSP forbids inline scripts and the pages must work on old PCs: keep assets as files.
    assetsInlineLimit: 0,
    // dist/web/.vite/manifest.json: which chunk each page pulls in, read by `npm run size`.
    manifest: true,
    rolldownOptions: {
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

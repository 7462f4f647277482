// Builds the web pages from src/web into dist/web, which the Fastify server serves (src/server/app.ts).
// In development `npm run dev:web` proxies the API to a server started with `npm run dev`.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const API_SERVER = 'http://localhost:3000';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // The server's CSP forbids inline scripts and the pages must work on old PCs: keep assets as files.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': API_SERVER,
      '/healthz': API_SERVER,
      '/metrics': API_SERVER,
    },
  },
});

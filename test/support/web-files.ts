// The built web pages: once `npm run build` has run, the server serves each file of dist/web as a
// route of its own (index.html, the chunks, the early low-vision script…). They are public files,
// not API routes; the suites that walk app.routeList check them apart.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/** Whether a route serves a file of the built web pages. */
export function isWebFile(url: string): boolean {
  if (url === '/') return true;
  if (url.startsWith('/api/') || url.includes(':') || url.includes('*')) return false;
  const file = path.join(WEB_DIR, url);
  return file.startsWith(WEB_DIR + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile();
}

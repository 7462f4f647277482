// Copies what tsc does not: the SQL migrations, which src/server/db/migrate.ts reads from the
// folder next to itself, so dist/server/db/migrations must mirror src/server/db/migrations.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = path.join(root, 'src/server/db/migrations');
const to = path.join(root, 'dist/server/db/migrations');

// Start clean so a migration deleted or renamed in src does not linger in dist.
fs.rmSync(to, { recursive: true, force: true });
fs.mkdirSync(to, { recursive: true });
const files = fs.readdirSync(from).filter((f) => f.endsWith('.sql'));
for (const f of files) fs.copyFileSync(path.join(from, f), path.join(to, f));
if (files.length === 0) {
  console.error(`copy-assets: no .sql migrations found in ${from}`);
  process.exit(1);
}

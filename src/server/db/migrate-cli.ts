// `npm run migrate` (or `node dist/server/db/migrate-cli.js`): applies the pending migrations to the
// configured database and exits. The server does the same at start-up; this is for deployments
// where the server's own role may not change the schema (docs/database-roles.sql): the owner role
// migrates, then the servers start.
import path from 'node:path';
import { loadConfig } from '../config.js';
import { openDatabase } from './connection.js';
import { migrate } from './migrate.js';

const config = loadConfig();
const handle = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite'),
  timeouts: config.databaseTimeouts,
});
try {
  const applied = await migrate(handle.pool);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'nothing to apply');
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await handle.close();
}

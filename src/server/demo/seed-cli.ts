// `npm run seed:demo`: loads the demo data into the configured database (DATABASE_URL, or the
// embedded one in DATA_DIR). Refuses to touch a database that already has users.
import path from 'node:path';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connection.js';
import { migrate } from '../db/migrate.js';
import { isDirectoryEmpty, seedDemo } from './seed.js';

const config = loadConfig();
const handle = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite'),
});
try {
  await migrate(handle.pool);
  if (!(await isDirectoryEmpty(handle.db))) {
    console.log('В базе уже есть пользователи: демонстрационные данные не загружены.');
  } else {
    const s = await seedDemo(handle.db);
    console.log(
      `Загружено: регионов ${s.regions}, муниципалитетов ${s.municipalities}, организаций ${s.organizations}, пользователей ${s.users}. Пароль всех демо-учёток: demo.`,
    );
  }
} finally {
  await handle.close();
}

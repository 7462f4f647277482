// Loads the demo directory: all 89 regions with municipalities, ~3,000 organizations sized by
// the registry, and an account for every role. Deterministic: the same data every time.
// The demo password exists here and nowhere else.
import type { Insertable } from 'kysely';
import { hashPassword } from '../auth/passwords.js';
import type { Db } from '../db/connection.js';
import type { UsersTable } from '../db/schema.js';
import { organizationRow } from '../directory/organizations/insert-row.js';
import { seedDemoCollections } from './collections.js';
import { planDirectory } from './directory-plan.js';
import { personName } from './names.js';
import { seedPublications } from './publications.js';
import { seedDemoReminders } from './reminders.js';

export const DEMO_PASSWORD = 'demo';
export const DEMO_SCALE = 3000 / 43_632;

export const DEMO_LOGINS: [string, string][] = [
  ['admin', 'федеральный оператор'],
  ['reg77', 'региональный координатор, г. Москва (reg + код региона: reg01 … reg95)'],
  ['mun77001', 'муниципальный координатор, Центральный АО г. Москвы'],
  ['sch770001', 'образовательная организация в Москве (sch + код региона + 4 цифры)'],
  ['sch500001', 'образовательная организация в Московской области'],
];

export async function isDirectoryEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return !row;
}

async function insertInBatches<T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export type SeedSummary = { regions: number; municipalities: number; organizations: number; users: number };

export async function seedDemo(db: Db): Promise<SeedSummary> {
  // One hash for every demo account: hashing thousands of times would take minutes for no gain.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (tx) => {
    const regions = await tx
      .selectFrom('regions')
      .select(['code', 'name', 'registry_organizations as registryOrganizations'])
      .orderBy('code')
      .execute();
    const plan = planDirectory(regions, { scale: DEMO_SCALE, minPerRegion: 3, floors: { '77': 30 } });

    await insertInBatches(plan.municipalities, 1000, (batch) =>
      tx
        .insertInto('municipalities')
        .values(batch.map((m) => ({ code: m.code, region_code: m.regionCode, name: m.name })))
        .execute(),
    );
    const munIds = new Map(
      (await tx.selectFrom('municipalities').select(['id', 'code']).execute()).map((m) => [m.code, m.id]),
    );
    await insertInBatches(plan.organizations, 1000, (batch) =>
      tx
        .insertInto('organizations')
        .values(
          batch.map((o) =>
            organizationRow({ ...o, municipalityId: munIds.get(o.municipalityCode) as number }),
          ),
        )
        .execute(),
    );
    const orgIds = new Map(
      (await tx.selectFrom('organizations').select(['id', 'code']).execute()).map((o) => [o.code, o.id]),
    );

    const base = {
      password_hash: passwordHash,
      region_code: null,
      municipality_id: null,
      organization_id: null,
    };
    const users: Insertable<UsersTable>[] = [
      {
        ...base,
        login: 'admin',
        role: 'federal',
        full_name: 'Оператор ФИС ОКО',
        email: 'admin@niko.example',
      },
    ];
    regions.forEach((r, i) => {
      users.push({
        ...base,
        login: `reg${r.code}`,
        role: 'regional',
        region_code: r.code,
        full_name: personName(i),
        email: `reg${r.code}@niko.example`,
      });
    });
    plan.municipalities.forEach((m, i) => {
      users.push({
        ...base,
        login: `mun${m.code}`,
        role: 'municipal',
        municipality_id: munIds.get(m.code) as number,
        full_name: personName(i + 100),
        email: `mun${m.code}@niko.example`,
      });
    });
    plan.organizations.forEach((o, i) => {
      users.push({
        ...base,
        login: `sch${o.code}`,
        role: 'organization',
        organization_id: orgIds.get(o.code) as number,
        full_name: personName(i + 1000),
        email: `sch${o.code}@niko.example`,
      });
    });
    await insertInBatches(users, 1000, (batch) => tx.insertInto('users').values(batch).execute());
    await seedPublications(tx);
    const admin = await tx
      .selectFrom('users')
      .select('id')
      .where('login', '=', 'admin')
      .executeTakeFirstOrThrow();
    const { openCollectionId } = await seedDemoCollections(tx, admin.id);
    await seedDemoReminders(tx, openCollectionId);

    return {
      regions: regions.length,
      municipalities: plan.municipalities.length,
      organizations: plan.organizations.length,
      users: users.length,
    };
  });
}

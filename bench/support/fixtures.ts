// Data for the benchmarks, loaded straight through SQL before anything is measured: a directory
// (regions come with the migrations; municipalities and organizations from planDirectory, the
// plan the demo uses), an account per organization sharing one password hash, and an open
// collection of a given form with those organizations as participants.
import { sql } from 'kysely';
import { hashPassword } from '../../src/server/auth/passwords.js';
import type { Db } from '../../src/server/db/connection.js';
import { planDirectory } from '../../src/server/demo/directory-plan.js';
import { organizationRow } from '../../src/server/directory/organizations/insert-row.js';
import { checkDefinition } from '../../src/shared/forms/check-definition.js';
import type { FormDefinition, FormDefinitionInput } from '../../src/shared/forms/definition.js';

export const BENCH_PASSWORD = 'bench-password-1';

async function inBatches<T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export type Participant = { organizationId: number; login: string; responseId: number; userId: number };

/** `count` organizations spread over all regions, each with an account `bench<code>`. */
export async function loadOrganizations(db: Db, count: number) {
  const regions = await db
    .selectFrom('regions')
    .select(['code', 'name', 'registry_organizations as registryOrganizations'])
    .orderBy('code')
    .execute();
  const registry = regions.reduce((a, r) => a + r.registryOrganizations, 0);
  const plan = planDirectory(regions, { scale: (count * 1.2) / registry, minPerRegion: 1 });
  if (plan.organizations.length < count)
    throw new Error(`the plan has ${plan.organizations.length} < ${count}`);
  // Every k-th planned organization, so that the chosen ones span the regions.
  const step = plan.organizations.length / count;
  const chosen = Array.from({ length: count }, (_, i) => plan.organizations[Math.floor(i * step)]!);
  const usedMunicipalities = new Set(chosen.map((o) => o.municipalityCode));
  await inBatches(
    plan.municipalities.filter((m) => usedMunicipalities.has(m.code)),
    1000,
    (b) =>
      db
        .insertInto('municipalities')
        .values(b.map((m) => ({ code: m.code, region_code: m.regionCode, name: m.name })))
        .execute(),
  );
  const munIds = new Map(
    (await db.selectFrom('municipalities').select(['id', 'code']).execute()).map((m) => [m.code, m.id]),
  );
  await inBatches(chosen, 1000, (b) =>
    db
      .insertInto('organizations')
      .values(b.map((o) => organizationRow({ ...o, municipalityId: munIds.get(o.municipalityCode)! })))
      .execute(),
  );
  const orgs = await db.selectFrom('organizations').select(['id', 'code']).orderBy('id').execute();
  // One hash for every account: hashing hundreds of times would only slow the set-up down.
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await inBatches(orgs, 1000, (b) =>
    db
      .insertInto('users')
      .values(
        b.map((o) => ({
          login: `bench${o.code}`,
          password_hash: passwordHash,
          role: 'organization' as const,
          organization_id: o.id,
          full_name: `Ответственный ${o.code}`,
          email: `bench${o.code}@niko.example`,
        })),
      )
      .execute(),
  );
  await db
    .insertInto('users')
    .values({ login: 'benchadmin', password_hash: passwordHash, role: 'federal', full_name: 'Оператор' })
    .execute();
  return orgs;
}

/** An open collection (started an hour ago, ends in a week) of `form`, every organization taking part. */
export async function openCollection(
  db: Db,
  form: FormDefinitionInput,
): Promise<{
  definition: FormDefinition;
  formVersionId: number;
  collectionId: number;
  participants: Participant[];
}> {
  const verdict = checkDefinition(form);
  if (!verdict.ok) throw new Error(`bench form is invalid: ${JSON.stringify(verdict.errors)}`);
  const definition = verdict.definition;
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('login', '=', 'benchadmin')
    .executeTakeFirstOrThrow();
  const f = await db
    .insertInto('forms')
    .values({ title: definition.title, created_by: admin.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const v = await db
    .insertInto('form_versions')
    .values({ form_id: f.id, version: 1, definition: JSON.stringify(definition), created_by: admin.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const c = await db
    .insertInto('collections')
    .values({
      title: `Бенчмарк: ${definition.title}`,
      form_version_id: v.id,
      starts_at: sql<Date>`now() - interval '1 hour'`,
      ends_at: sql<Date>`now() + interval '7 days'`,
      created_by: admin.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('responses')
    .columns(['collection_id', 'organization_id', 'region_code', 'municipality_id'])
    .expression((eb) =>
      eb
        .selectFrom('organizations')
        .select([sql<number>`${c.id}::int`.as('c'), 'id', 'region_code', 'municipality_id']),
    )
    .execute();
  const participants = await db
    .selectFrom('responses as r')
    .innerJoin('users as u', 'u.organization_id', 'r.organization_id')
    .select(['r.organization_id as organizationId', 'u.login', 'r.id as responseId', 'u.id as userId'])
    .where('r.collection_id', '=', c.id)
    .orderBy('r.id')
    .execute();
  return { definition, formVersionId: v.id, collectionId: c.id, participants };
}

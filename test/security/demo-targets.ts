// What the probes of test/security aim at in the demo data: a signed-in operator and school, and
// the ids of one object of each kind they may reach.
import type { Client } from '../support/client.js';
import type { TestServer } from '../support/server.js';

export type DemoTargets = {
  admin: Client;
  /** sch770001, with a response in the open collection. */
  school: Client;
  ids: {
    response: number;
    collection: number;
    organization: number;
    municipality: number;
    user: number;
    publication: number;
    formVersion: number;
  };
};

export async function demoTargets(server: TestServer): Promise<DemoTargets> {
  const admin = await server.client().login('admin');
  const school = await server.client().login('sch770001');
  const block = (await school.get('/api/niko/data-collection')).body.rows.find((b: any) => b.open);
  const db = server.database.db;
  const organization = await db
    .selectFrom('organizations')
    .select(['id', 'municipality_id'])
    .where('code', '=', '770002')
    .executeTakeFirstOrThrow();
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('login', '=', 'reg77')
    .executeTakeFirstOrThrow();
  const publication = await db.selectFrom('publications').select('id').limit(1).executeTakeFirstOrThrow();
  const formVersion = await db.selectFrom('form_versions').select('id').limit(1).executeTakeFirstOrThrow();
  return {
    admin,
    school,
    ids: {
      response: block.responseId,
      collection: block.collectionId,
      organization: organization.id,
      municipality: organization.municipality_id,
      user: user.id,
      publication: publication.id,
      formVersion: formVersion.id,
    },
  };
}

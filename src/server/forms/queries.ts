// SQL for forms and their versions.
import { sql } from 'kysely';
import type { FormDefinition } from '../../shared/forms/definition.js';
import type { Db } from '../db/connection.js';
import type { Tx } from '../db/transaction.js';

export async function insertForm(tx: Tx, title: string, userId: number) {
  const r = await tx
    .insertInto('forms')
    .values({ title, created_by: userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertVersion(tx: Tx, formId: number, definition: FormDefinition, userId: number) {
  const r = await tx
    .insertInto('form_versions')
    .values({
      form_id: formId,
      version: sql<number>`coalesce((SELECT max(version) FROM form_versions WHERE form_id = ${formId}), 0) + 1`,
      definition: JSON.stringify(definition),
      created_by: userId,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  return r;
}

/** A version is frozen once any collection uses it. */
const frozen = sql<boolean>`EXISTS (SELECT 1 FROM collections c WHERE c.form_version_id = v.id)`;

export function getVersion(db: Db, id: number) {
  return db
    .selectFrom('form_versions as v')
    .innerJoin('forms as f', 'f.id', 'v.form_id')
    .select([
      'v.id',
      'v.form_id as formId',
      'f.title as formTitle',
      'v.version',
      'v.definition',
      'v.updated_at as updatedAt',
    ])
    .select(frozen.as('frozen'))
    .where('v.id', '=', id)
    .executeTakeFirst();
}

export async function updateVersionDefinition(tx: Tx, id: number, definition: FormDefinition) {
  await tx
    .updateTable('form_versions')
    .set({ definition: JSON.stringify(definition), updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function updateFormTitle(tx: Tx, formId: number, title: string) {
  await tx.updateTable('forms').set({ title }).where('id', '=', formId).execute();
}

export function listForms(db: Db) {
  return db
    .selectFrom('forms as f')
    .innerJoin('form_versions as v', 'v.form_id', 'f.id')
    .select([
      'f.id as formId',
      'f.title',
      'v.id',
      'v.version',
      'v.created_at as createdAt',
      'v.updated_at as updatedAt',
    ])
    .select(frozen.as('frozen'))
    .select(
      sql<number>`(SELECT count(*) FROM collections c WHERE c.form_version_id = v.id)::int`.as('collections'),
    )
    .orderBy('f.id', 'desc')
    .orderBy('v.version', 'desc')
    .execute();
}

export function formExists(db: Db, formId: number) {
  return db.selectFrom('forms').select('id').where('id', '=', formId).executeTakeFirst();
}

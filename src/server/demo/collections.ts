// Demo collections: the open НИКО context-data collection (started a week ago, ends in two
// weeks) with several hundred participants spread over all three states — sch770001 has not
// started — and one closed collection from the past.
import { sql } from 'kysely';
import { checkDefinition } from '../../shared/forms/check-definition.js';
import type { FormDefinition } from '../../shared/forms/definition.js';
import { toFormData } from '../../shared/forms/response-data.js';
import type { Db } from '../db/connection.js';
import type { ResponseStatus } from '../db/schema.js';
import { demoAnswers, partialAnswers } from './niko-answers.js';
import { NIKO_CONTEXT_FORM } from './niko-form.js';
import { seedDemoReviews } from './reviews.js';

const DAY = 86_400_000;
// Regions whose schools join Moscow's organizations in the open collection; Sverdlovsk (UTC+5)
// shows deadlines in local time as well.
const SCHOOL_REGIONS = ['50', '16', '05', '23', '66'];

/** 09:00 or 18:00 Moscow time (UTC+3, no daylight saving), `days` from today. */
function moscowAt(now: Date, days: number, hour: number) {
  const d = new Date(now.getTime() + days * DAY);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour - 3));
}

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 1000) await insert(rows.slice(i, i + 1000));
}

type Participant = { id: number; organizationId: number };

async function fill(
  db: Db,
  def: FormDefinition,
  versionId: number,
  participants: Participant[],
  stateOf: (i: number) => ResponseStatus,
  window: { start: Date; end: Date },
) {
  const cells: { response_id: number; cell_key: string; value: string; version: number; updated_at: Date }[] =
    [];
  const submissions: {
    response_id: number;
    form_version_id: number;
    data: string;
    submitted_by: number | null;
    submitted_at: Date;
  }[] = [];
  const span = window.end.getTime() - window.start.getTime();
  const accounts = await accountsOf(db, participants);
  for (const [i, p] of participants.entries()) {
    const status = stateOf(i);
    if (status === 'not_started') continue;
    const startedAt = new Date(window.start.getTime() + ((i * 7919) % 97) * (span / 100));
    const submittedAt = new Date(startedAt.getTime() + (1 + (i % 5)) * 3_600_000);
    const answers =
      status === 'submitted' ? demoAnswers(i, submittedAt.toISOString().slice(0, 10)) : partialAnswers(i);
    for (const [key, value] of Object.entries(answers)) {
      cells.push({ response_id: p.id, cell_key: key, value, version: 1, updated_at: startedAt });
    }
    if (status === 'submitted') {
      submissions.push({
        response_id: p.id,
        form_version_id: versionId,
        data: JSON.stringify(toFormData(def, answers)),
        submitted_by: accounts.get(p.organizationId) ?? null,
        submitted_at: submittedAt,
      });
    }
    await db
      .updateTable('responses')
      .set({
        status,
        started_at: startedAt,
        last_changed_at: startedAt,
        ...(status === 'submitted'
          ? {
              first_submitted_at: submittedAt,
              last_submitted_at: submittedAt,
              submission_count: 1,
              reviewed_at: submittedAt,
            }
          : {}),
      })
      .where('id', '=', p.id)
      .execute();
  }
  await insertInBatches(cells, (b) => db.insertInto('response_cells').values(b).execute());
  await insertInBatches(submissions, (b) => db.insertInto('submissions').values(b).execute());
}

/**
 * Who typed the demo values: each organization's own account, so that a demo cell's «История
 * изменений» shows its first value, as in real use. (Submissions are immutable once stored, so
 * fill() names their sender as it inserts them.)
 */
async function attributeToSchools(db: Db) {
  await sql`
    INSERT INTO cell_changes (collection_id, change_id, response_id, cell_key, old_value, new_value, version, user_id, user_login, at)
    SELECT r.collection_id, gen_random_uuid(), c.response_id, c.cell_key, NULL, c.value, c.version, u.id, u.login, c.updated_at
    FROM response_cells c
    JOIN responses r ON r.id = c.response_id
    JOIN users u ON u.organization_id = r.organization_id AND u.role = 'organization'
  `.execute(db);
}

/** Each participant organization's own account: organization id → user id. */
async function accountsOf(db: Db, participants: Participant[]) {
  const ids = participants.map((p) => p.organizationId);
  const rows = ids.length
    ? await db
        .selectFrom('users')
        .select(['id', 'organization_id'])
        .where('role', '=', 'organization')
        .where('organization_id', 'in', ids)
        .execute()
    : [];
  return new Map(rows.map((r) => [r.organization_id as number, r.id]));
}

async function participantsOf(db: Db, collectionId: number, organizationIds: number[]) {
  const rows = await db
    .insertInto('responses')
    .columns(['collection_id', 'organization_id', 'region_code', 'municipality_id'])
    .expression((eb) =>
      eb
        .selectFrom('organizations')
        .select([eb.val(collectionId).as('c'), 'id', 'region_code', 'municipality_id'])
        .where('id', 'in', organizationIds),
    )
    .returning(['id', 'organization_id as organizationId'])
    .execute();
  const order = new Map(organizationIds.map((id, i) => [id, i]));
  return rows.sort((a, b) => (order.get(a.organizationId) ?? 0) - (order.get(b.organizationId) ?? 0));
}

export async function seedDemoCollections(db: Db, adminId: number, now = new Date()) {
  const verdict = checkDefinition(NIKO_CONTEXT_FORM);
  if (!verdict.ok) throw new Error(`demo form is invalid: ${JSON.stringify(verdict.errors)}`);
  const def = verdict.definition;
  const form = await db
    .insertInto('forms')
    .values({ title: def.title, created_by: adminId })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = await db
    .insertInto('form_versions')
    .values({ form_id: form.id, version: 1, definition: JSON.stringify(def), created_by: adminId })
    .returning('id')
    .executeTakeFirstOrThrow();

  const moscow = await db
    .selectFrom('organizations')
    .select('id')
    .where('region_code', '=', '77')
    .orderBy('code')
    .execute();
  const schools = await db
    .selectFrom('organizations')
    .select('id')
    .where('region_code', 'in', SCHOOL_REGIONS)
    .where('kind', '=', 'school')
    .orderBy('code')
    .execute();

  const past = { start: new Date('2025-10-06T06:00:00Z'), end: new Date('2025-10-20T15:00:00Z') };
  const closed = await db
    .insertInto('collections')
    .values({
      title: 'НИКО-2025: контекстные данные (апробация)',
      form_version_id: version.id,
      starts_at: past.start,
      ends_at: past.end,
      created_by: adminId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const closedParticipants = await participantsOf(
    db,
    closed.id,
    moscow.map((o) => o.id),
  );
  await fill(
    db,
    def,
    version.id,
    closedParticipants,
    (i) => (i % 10 === 9 ? 'in_progress' : 'submitted'),
    past,
  );

  const current = { start: moscowAt(now, -7, 9), end: moscowAt(now, 14, 18) };
  const open = await db
    .insertInto('collections')
    .values({
      title: 'НИКО-2026: контекстные данные образовательной организации',
      form_version_id: version.id,
      starts_at: current.start,
      ends_at: current.end,
      created_by: adminId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const openParticipants = await participantsOf(
    db,
    open.id,
    [...moscow, ...schools].map((o) => o.id),
  );
  // sch770001 (the first) has not started; the rest cycle through the three states.
  const states: ResponseStatus[] = ['not_started', 'in_progress', 'submitted'];
  const soFar = { start: current.start, end: now };
  await fill(
    db,
    def,
    version.id,
    openParticipants,
    (i) => (i === 0 ? 'not_started' : (states[i % 3] as ResponseStatus)),
    soFar,
  );
  await attributeToSchools(db);
  await seedDemoReviews(db, [open.id, closed.id], now);
  return {
    formVersionId: version.id,
    openCollectionId: open.id,
    closedCollectionId: closed.id,
    participants: openParticipants.length,
  };
}

// Demo review states (issue 11 §1): among the reports submitted in both demo collections, some are
// accepted and some returned for revision with a comment, by the region's coordinator; the rest
// stay «Не проверено». The schools the tests and journeys name (codes below 770050) are left alone.
import { sql } from 'kysely';
import type { Db } from '../db/connection.js';
import type { ReviewState } from '../db/schema.js';

type Plan = { state: ReviewState; comment: string | null; extendDays?: number };

const RETURN_COMMENTS = [
  'В таблице 1 итог по 5–9 классам не совпадает с суммой по классам. Проверьте численность обучающихся и сдайте отчёт повторно.',
  'Не указан телефон ответственного за заполнение, а в разделе о педагогах пропущена строка «Учителя математики». Дополните сведения, пожалуйста.',
];

/** What the submitted reports of a region get, in code order; those beyond the list stay unchecked. */
const PLAN: Plan[] = [
  { state: 'accepted', comment: null },
  { state: 'returned', comment: RETURN_COMMENTS[0] as string, extendDays: 3 },
  { state: 'accepted', comment: 'Проверено, замечаний нет.' },
  { state: 'returned', comment: RETURN_COMMENTS[1] as string },
];

export async function seedDemoReviews(db: Db, collectionIds: number[], now = new Date()) {
  const rows = await db
    .selectFrom('responses as resp')
    .innerJoin('organizations as o', 'o.id', 'resp.organization_id')
    .innerJoin('users as u', (j) =>
      j.on('u.role', '=', 'regional').on('u.login', '=', sql<string>`'reg' || resp.region_code`),
    )
    .innerJoin('regions as r', 'r.code', 'resp.region_code')
    .select([
      'resp.id',
      'resp.collection_id as collectionId',
      'resp.region_code as region',
      'resp.last_submitted_at as at',
    ])
    .select(['u.id as userId', 'u.login', 'r.name as regionName'])
    .where('resp.collection_id', 'in', collectionIds)
    .where('resp.status', '=', 'submitted')
    .where('resp.region_code', 'in', ['77', '50'])
    .where('o.code', '>=', sql<string>`resp.region_code || '0050'`)
    .orderBy('resp.collection_id')
    .orderBy('o.code')
    .execute();
  const taken = new Map<string, number>();
  for (const row of rows) {
    const key = `${row.collectionId}:${row.region}`;
    const i = taken.get(key) ?? 0;
    taken.set(key, i + 1);
    const plan = PLAN[i];
    if (!plan || !row.at) continue;
    // Reviewed a day after it was sent (or now, whichever is earlier).
    const at = new Date(Math.min(row.at.getTime() + 86_400_000, now.getTime()));
    const extendedUntil = plan.extendDays ? new Date(now.getTime() + plan.extendDays * 86_400_000) : null;
    await db
      .updateTable('responses')
      .set({ review_state: plan.state, reviewed_at: at, extended_until: extendedUntil })
      .where('id', '=', row.id)
      .execute();
    await db
      .insertInto('review_events')
      .values({
        response_id: row.id,
        state: plan.state,
        comment: plan.comment,
        extended_until: extendedUntil,
        actor_user_id: row.userId,
        actor_login: row.login,
        actor_role: 'regional',
        actor_scope: row.regionName,
        at,
      })
      .execute();
  }
}

// What printed reports need: each participant's latest submission, with the organization, its
// territory and time zone, the collection and the form version (its definition is loaded apart,
// cached: responses/definitions.ts).
import type { CurrentUser } from '../auth/current-user.js';
import { responsesInScope } from '../auth/rows/responses.js';
import { anyInt } from '../db/arrays.js';
import type { Db } from '../db/connection.js';

/** `submissionId`: that submission of the (one) participant, instead of its latest. */
export type ReportSelection = { responseIds: number[]; collectionId?: number; submissionId?: number };

export function submissionsForReports(db: Db, viewer: CurrentUser, which: ReportSelection) {
  let q = db
    .selectFrom('responses as resp')
    .innerJoin('organizations as o', 'o.id', 'resp.organization_id')
    .innerJoin('municipalities as m', 'm.id', 'resp.municipality_id')
    .innerJoin('regions as r', 'r.code', 'resp.region_code')
    .innerJoin('collections as c', 'c.id', 'resp.collection_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('submissions as s')
          .innerJoin('form_versions as fv', 'fv.id', 's.form_version_id')
          .innerJoin('forms as f', 'f.id', 'fv.form_id')
          .select([
            's.id as submissionId',
            's.submitted_at as submittedAt',
            's.data',
            'fv.id as formVersionId',
            'fv.version as formVersion',
            'f.title as formTitle',
          ])
          .whereRef('s.response_id', '=', 'resp.id')
          .$if(which.submissionId !== undefined, (qb) => qb.where('s.id', '=', which.submissionId as number))
          .orderBy('s.submitted_at', 'desc')
          .orderBy('s.id', 'desc')
          .limit(1)
          .as('latest'),
      (join) => join.onTrue(),
    )
    .select([
      'resp.id as responseId',
      'o.code',
      'o.full_name as fullName',
      'o.short_name as shortName',
      'm.name as municipality',
      'r.name as region',
      'r.timezone as timeZone',
      'c.title as collectionTitle',
      'latest.submissionId',
      'latest.submittedAt',
      'latest.data',
      'latest.formVersionId',
      'latest.formVersion',
      'latest.formTitle',
    ])
    .where('resp.id', '=', anyInt(which.responseIds))
    .where(responsesInScope(viewer))
    // In the order a coordinator's list shows them: by region, municipality and name.
    .orderBy('r.name')
    .orderBy('m.name')
    .orderBy('o.short_name')
    .orderBy('resp.id');
  if (which.collectionId !== undefined) q = q.where('resp.collection_id', '=', which.collectionId);
  return q.execute();
}

/** «История сдач»: a participant's submissions, newest first; null when the participant is not in scope. */
export async function submissionHistory(db: Db, viewer: CurrentUser, responseId: number, limit: number) {
  const response = await db
    .selectFrom('responses as resp')
    .select('resp.id')
    .where('resp.id', '=', responseId)
    .where(responsesInScope(viewer))
    .executeTakeFirst();
  if (!response) return null;
  return db
    .selectFrom('submissions as s')
    .innerJoin('form_versions as fv', 'fv.id', 's.form_version_id')
    .leftJoin('users as u', 'u.id', 's.submitted_by')
    .select(['s.id', 's.submitted_at as submittedAt', 'u.login as userLogin', 'fv.version as formVersion'])
    .where('s.response_id', '=', responseId)
    .orderBy('s.submitted_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(limit)
    .execute();
}

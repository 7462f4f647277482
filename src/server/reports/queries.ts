// What a printed report needs: the participant's latest submission (or a given one), with the
// organization, its territory and time zone, the collection and the form version.
import { sql } from 'kysely';
import type { CurrentUser } from '../auth/current-user.js';
import { responsesInScope } from '../auth/scope.js';
import type { Db } from '../db/connection.js';

export function submissionForReport(db: Db, viewer: CurrentUser, responseId: number) {
  return db
    .selectFrom('responses as resp')
    .innerJoin('organizations as o', 'o.id', 'resp.organization_id')
    .innerJoin('municipalities as m', 'm.id', 'resp.municipality_id')
    .innerJoin('regions as r', 'r.code', 'resp.region_code')
    .innerJoin('collections as c', 'c.id', 'resp.collection_id')
    .leftJoin('submissions as s', (j) =>
      j.onRef('s.response_id', '=', 'resp.id').on('s.submitted_at', '=', sql.ref('resp.last_submitted_at')),
    )
    .leftJoin('form_versions as fv', 'fv.id', 's.form_version_id')
    .leftJoin('forms as f', 'f.id', 'fv.form_id')
    .select([
      'resp.id as responseId',
      'o.code',
      'o.full_name as fullName',
      'o.short_name as shortName',
      'm.name as municipality',
      'r.name as region',
      'r.timezone as timeZone',
      'c.title as collectionTitle',
      'f.title as formTitle',
      'fv.version as formVersion',
      'fv.definition',
      's.id as submissionId',
      's.submitted_at as submittedAt',
      's.data',
    ])
    .where('resp.id', '=', responseId)
    .where(responsesInScope(viewer))
    .orderBy('s.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

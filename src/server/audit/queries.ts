// SQL for the audit log: append rows, read them back for the federal operator.
import type { Db } from '../db/connection.js';

export type AuditRow = {
  actorUserId: number | null;
  actorLogin: string;
  ip: string;
  action: string;
  objectType?: string;
  objectId?: string;
  details?: Record<string, unknown>;
};

export async function insertAudit(db: Db, rows: AuditRow[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      rows.map((r) => ({
        actor_user_id: r.actorUserId,
        actor_login: r.actorLogin,
        ip: r.ip,
        action: r.action,
        object_type: r.objectType ?? '',
        object_id: r.objectId ?? '',
        details: JSON.stringify(r.details ?? {}),
      })),
    )
    .execute();
}

export type AuditFilter = { action?: string; actor?: string; objectType?: string; objectId?: string };

export function listAudit(db: Db, filter: AuditFilter, page: { limit: number; beforeId?: number }) {
  let q = db
    .selectFrom('audit_log')
    .select([
      'id',
      'at',
      'actor_login as actorLogin',
      'ip',
      'action',
      'object_type as objectType',
      'object_id as objectId',
      'details',
    ])
    .orderBy('id', 'desc')
    .limit(page.limit);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.actor) q = q.where('actor_login', '=', filter.actor);
  if (filter.objectType) q = q.where('object_type', '=', filter.objectType);
  if (filter.objectId) q = q.where('object_id', '=', filter.objectId);
  if (page.beforeId) q = q.where('id', '<', page.beforeId);
  return q.execute();
}

// Audit entries are written in the same transaction as the change they record, so a change is
// never stored without its entry, nor an entry without its change.
import type { Db } from '../db/connection.js';
import type { RequestContext } from '../http/context.js';
import { insertAudit } from './queries.js';

export type AuditEntry = {
  action: string;
  objectType?: string;
  objectId?: string | number;
  details?: Record<string, unknown>;
};

export async function audit(db: Db, ctx: RequestContext, entry: AuditEntry | AuditEntry[]) {
  const entries = Array.isArray(entry) ? entry : [entry];
  await insertAudit(
    db,
    entries.map((e) => ({
      actorUserId: ctx.user?.id ?? null,
      actorLogin: ctx.user?.login ?? '',
      ip: ctx.ip,
      action: e.action,
      objectType: e.objectType,
      objectId: e.objectId === undefined ? undefined : String(e.objectId),
      details: e.details,
    })),
  );
}

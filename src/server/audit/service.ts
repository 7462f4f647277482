// Audit entries are written in the same transaction as the change they record, so a change is
// never stored without its entry, nor an entry without its change: `audit` takes a `Tx`, which
// only inTransaction makes. `auditEvent` is for an entry that records no change (a refused
// sign-in, a download): there is nothing for it to share a transaction with.
import type { Db } from '../db/connection.js';
import type { Tx } from '../db/transaction.js';
import type { RequestContext } from '../http/context.js';
import { type AuditFilter, insertAudit, listAudit } from './queries.js';

export type AuditEntry = {
  action: string;
  objectType?: string;
  objectId?: string | number;
  details?: Record<string, unknown>;
};

export function audit(tx: Tx, ctx: RequestContext, entry: AuditEntry | AuditEntry[]) {
  return writeEntries(tx, ctx, entry);
}

/** An entry (or several) that stands alone: something happened, and nothing was changed. */
export function auditEvent(db: Db, ctx: RequestContext, entry: AuditEntry | AuditEntry[]) {
  return writeEntries(db, ctx, entry);
}

async function writeEntries(db: Db, ctx: RequestContext, entry: AuditEntry | AuditEntry[]) {
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

/** A page of the log, newest first; `nextBeforeId` continues it (null: the end). */
export async function auditPage(db: Db, filter: AuditFilter, page: { limit: number; beforeId?: number }) {
  const rows = await listAudit(db, filter, page);
  return { rows, nextBeforeId: rows.length === page.limit ? (rows[rows.length - 1]?.id ?? null) : null };
}

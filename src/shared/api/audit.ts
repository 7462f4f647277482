// What the audit log answers (src/server/audit/routes.ts, docs/API.md "Audit").
import { z } from 'zod';
import { responses, Timestamp, type Wire } from './common.js';

export const AuditRow = z.object({
  id: z.number(),
  at: Timestamp,
  actorLogin: z.string(),
  ip: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditRow = Wire<typeof AuditRow>;

/** GET /api/audit: newest first; `nextBeforeId` is the cursor of the next portion, or null. */
export const AuditPortion = z.object({
  rows: z.array(AuditRow),
  // The route computes it as `rows.at(-1)?.id`: undefined to the type checker, never in fact.
  nextBeforeId: z.codec(z.number().nullable(), z.number().nullish(), {
    decode: (n) => n,
    encode: (n) => n ?? null,
  }),
});
export type AuditPortion = Wire<typeof AuditPortion>;

export const auditResponses = { list: responses({ 200: AuditPortion }) };

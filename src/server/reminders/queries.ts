// SQL for reminders: who a notice goes to (participants of a collection in the sender's scope),
// storing it with its recipients and e-mails in one transaction, the sender's list with read
// counts, and an organization's own notices.
import { sql } from 'kysely';
import type { CurrentUser } from '../auth/current-user.js';
import { reminderRecipientsInScope } from '../auth/rows/reminders.js';
import { responsesInScope } from '../auth/rows/responses.js';
import { anyInt } from '../db/arrays.js';
import type { Db } from '../db/connection.js';
import type { ReminderAudience } from '../db/schema.js';
import type { Tx } from '../db/transaction.js';

export type Audience = {
  audience: ReminderAudience;
  /** For 'chosen': the organizations, each of which must take part and lie in scope. */
  organizationIds?: number[];
  /** The federal operator's region filter, as in monitoring. */
  regionCode?: string;
};

/** The participant rows a reminder goes to, narrowed to the sender's scope. */
function recipientRows(db: Db, viewer: CurrentUser, collectionId: number, a: Audience) {
  let q = db
    .selectFrom('responses as resp')
    .where('resp.collection_id', '=', collectionId)
    .where(responsesInScope(viewer));
  if (a.regionCode) q = q.where('resp.region_code', '=', a.regionCode);
  if (a.audience === 'chosen') q = q.where('resp.organization_id', '=', anyInt(a.organizationIds ?? []));
  if (a.audience === 'not_started') q = q.where('resp.status', '=', 'not_started');
  if (a.audience === 'not_submitted') q = q.where('resp.status', 'in', ['not_started', 'in_progress']);
  return q;
}

/** Active organization accounts with an e-mail address. */
function mailboxes(db: Db) {
  return db
    .selectFrom('users as u')
    .where('u.role', '=', 'organization')
    .where('u.is_active', '=', true)
    .where('u.email', '<>', '');
}

/** How many organizations a reminder would reach, and how many mailboxes they have. */
export async function countRecipients(db: Db, viewer: CurrentUser, collectionId: number, a: Audience) {
  const orgs = recipientRows(db, viewer, collectionId, a).select('resp.organization_id');
  const [recipients, emails] = await Promise.all([
    orgs
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    mailboxes(db)
      .where('u.organization_id', 'in', orgs)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { recipients: Number(recipients.n), emails: Number(emails.n) };
}

export async function insertReminder(
  tx: Tx,
  row: { collectionId: number; sentBy: number; audience: ReminderAudience; message: string },
) {
  const r = await tx
    .insertInto('reminders')
    .values({
      collection_id: row.collectionId,
      sent_by: row.sentBy,
      audience: row.audience,
      message: row.message,
      // Set once the recipients are in (the check wants at least one).
      recipients: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Stores the recipients in one statement (a national reminder is tens of thousands of rows). */
export async function insertRecipients(
  tx: Tx,
  viewer: CurrentUser,
  reminderId: number,
  collectionId: number,
  a: Audience,
) {
  const r = await tx
    .insertInto('reminder_recipients')
    .columns(['reminder_id', 'organization_id', 'region_code', 'municipality_id'])
    .expression(
      recipientRows(tx, viewer, collectionId, a).select([
        sql<number>`${reminderId}::int`.as('reminder_id'),
        'resp.organization_id',
        'resp.region_code',
        'resp.municipality_id',
      ]),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/** Queues one e-mail per mailbox of the reminder's recipients; returns how many. */
export async function insertEmails(tx: Tx, reminderId: number, mail: { subject: string; body: string }) {
  const r = await tx
    .insertInto('email_outbox')
    .columns(['reminder_id', 'to_address', 'subject', 'body'])
    .expression(
      mailboxes(tx)
        .innerJoin('reminder_recipients as rr', 'rr.organization_id', 'u.organization_id')
        .where('rr.reminder_id', '=', reminderId)
        .select([
          sql<number>`${reminderId}::int`.as('reminder_id'),
          'u.email',
          sql<string>`${mail.subject}::text`.as('subject'),
          sql<string>`${mail.body}::text`.as('body'),
        ]),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

export function setReminderCounts(tx: Tx, id: number, counts: { recipients: number; emails: number }) {
  return tx.updateTable('reminders').set(counts).where('id', '=', id).execute();
}

/** «Отправленные напоминания»: the collection's reminders that reached the viewer's area, newest first. */
export function listSentReminders(db: Db, viewer: CurrentUser, collectionId: number) {
  return db
    .selectFrom('reminders as r')
    .innerJoin('reminder_recipients as rr', 'rr.reminder_id', 'r.id')
    .innerJoin('users as s', 's.id', 'r.sent_by')
    .where('r.collection_id', '=', collectionId)
    .where(reminderRecipientsInScope(viewer))
    .groupBy(['r.id', 's.id'])
    .select([
      'r.id',
      'r.created_at as sentAt',
      'r.audience',
      'r.message',
      sql<string>`coalesce(nullif(s.full_name, ''), s.login)`.as('senderName'),
      's.role as senderRole',
      sql<number>`count(*)::int`.as('recipients'),
      sql<number>`count(rr.read_at)::int`.as('read'),
      sql<number>`count(rr.dismissed_at)::int`.as('dismissed'),
    ])
    .orderBy('r.id', 'desc')
    .limit(50)
    .execute();
}

/** An organization's notices it has not dismissed, newest first. */
export function listNotices(db: Db, viewer: CurrentUser) {
  return db
    .selectFrom('reminder_recipients as rr')
    .innerJoin('reminders as r', 'r.id', 'rr.reminder_id')
    .innerJoin('collections as c', 'c.id', 'r.collection_id')
    .innerJoin('users as s', 's.id', 'r.sent_by')
    .leftJoin('regions as sr', 'sr.code', 's.region_code')
    .leftJoin('municipalities as sm', 'sm.id', 's.municipality_id')
    .where(reminderRecipientsInScope(viewer))
    .where('rr.dismissed_at', 'is', null)
    .select([
      'r.id',
      'r.collection_id as collectionId',
      'c.title as collectionTitle',
      'r.message',
      'r.created_at as sentAt',
      's.role as senderRole',
      sql<string>`coalesce(sm.name, sr.name, '')`.as('senderArea'),
      'rr.read_at as readAt',
    ])
    .orderBy('r.id', 'desc')
    .limit(20)
    .execute();
}

/** Marks the viewer's notices read (the first time they are shown); returns how many changed. */
export async function markRead(tx: Tx, viewer: CurrentUser, ids: number[]) {
  const r = await tx
    .updateTable('reminder_recipients as rr')
    .set({ read_at: sql`now()` })
    .where(reminderRecipientsInScope(viewer))
    .where('rr.reminder_id', '=', anyInt(ids))
    .where('rr.read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The viewer's recipient row of a reminder, locked for the dismissal. */
export function findOwnNotice(tx: Tx, viewer: CurrentUser, reminderId: number) {
  return tx
    .selectFrom('reminder_recipients as rr')
    .select(['rr.organization_id as organizationId', 'rr.dismissed_at as dismissedAt'])
    .where(reminderRecipientsInScope(viewer))
    .where('rr.reminder_id', '=', reminderId)
    .forUpdate()
    .executeTakeFirst();
}

export function dismissNotice(tx: Tx, reminderId: number, organizationId: number) {
  return tx
    .updateTable('reminder_recipients')
    .set({ dismissed_at: sql`now()`, read_at: sql`coalesce(read_at, now())` })
    .where('reminder_id', '=', reminderId)
    .where('organization_id', '=', organizationId)
    .execute();
}

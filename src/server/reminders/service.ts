// «Напомнить» (issue 11 §2): a coordinator's notice to participating organizations in its scope,
// stored per organization, audited, and sent as e-mail where the portal has SMTP_URL. An
// organization sees its notices on «НИКО» until it dismisses them.
import { REMINDER_AUDIENCE_LABELS } from '../../shared/api/reminders.js';
import { formatDateTime } from '../../shared/dates.js';
import { audit } from '../audit/service.js';
import type { CurrentUser } from '../auth/current-user.js';
import type { Db } from '../db/connection.js';
import type { ReminderAudience } from '../db/schema.js';
import type { Tx } from '../db/transaction.js';
import type { RequestContext } from '../http/context.js';
import { Problem } from '../http/problem.js';
import { visibleCollection } from '../monitoring/service.js';
import {
  type Audience,
  countRecipients,
  dismissNotice,
  findOwnNotice,
  insertEmails,
  insertRecipients,
  insertReminder,
  listNotices,
  listSentReminders,
  markRead,
  setReminderCounts,
} from './queries.js';

export type ReminderRequest = Audience & { message?: string };
type Collection = Awaited<ReturnType<typeof visibleCollection>>;

/** Whether the portal sends e-mail at all (SMTP_URL set): without it no e-mail is even queued. */
export type EmailSetting = { enabled: boolean };

/**
 * The organizations a reminder names must each take part in the collection within the sender's
 * scope; one that does not makes the whole request "not found", and nothing is sent.
 */
async function checkedAudience(db: Db, viewer: CurrentUser, collectionId: number, r: ReminderRequest) {
  if (r.audience !== 'chosen') return { ...r, organizationIds: undefined };
  const ids = [...new Set(r.organizationIds ?? [])];
  if (ids.length === 0) throw Problem.badRequest('Выберите организации, которым отправить напоминание.');
  const { recipients } = await countRecipients(db, viewer, collectionId, { ...r, organizationIds: ids });
  if (recipients !== ids.length) throw Problem.notFound('Организация не найдена среди участников.');
  return { ...r, organizationIds: ids };
}

export async function previewReminder(
  db: Db,
  viewer: CurrentUser,
  collectionId: number,
  r: ReminderRequest,
  email: EmailSetting,
) {
  await visibleCollection(db, viewer, collectionId);
  const a = await checkedAudience(db, viewer, collectionId, r);
  const counts = await countRecipients(db, viewer, collectionId, a);
  return {
    recipients: counts.recipients,
    emails: email.enabled ? counts.emails : 0,
    emailEnabled: email.enabled,
  };
}

/** The text a reminder carries when the coordinator writes none. */
export function defaultMessage(
  collection: Pick<Collection, 'title' | 'endsAt' | 'open'>,
  audience: ReminderAudience,
) {
  const ask =
    audience === 'not_started'
      ? 'Ваша организация еще не приступила к заполнению формы.'
      : 'Отчет вашей организации еще не сдан.';
  // A closed collection has no end ahead to name (a coordinator may still remind, e.g. about a
  // report returned for revision, which stays open to its school).
  const when = collection.open ? `: он завершается ${formatDateTime(collection.endsAt)} (МСК)` : '';
  return (
    `Напоминаем о сборе данных «${collection.title}»${when}. ` +
    `${audience === 'chosen' ? '' : `${ask} `}Пожалуйста, заполните форму и нажмите «Сдать отчет».`
  );
}

/** The e-mail a reminder sends: the notice itself, and where to find it. */
export function reminderEmail(collection: Pick<Collection, 'title'>, message: string) {
  return {
    subject: `Напоминание: сбор данных «${collection.title}»`,
    body: [
      'Здравствуйте!',
      '',
      message,
      '',
      'Напоминание также показано в личном кабинете ФИС ОКО, раздел «НИКО».',
      '',
      'Это письмо отправлено автоматически, отвечать на него не нужно.',
    ].join('\n'),
  };
}

export async function sendReminder(
  tx: Tx,
  ctx: RequestContext,
  viewer: CurrentUser,
  collectionId: number,
  r: ReminderRequest,
  email: EmailSetting,
) {
  const collection = await visibleCollection(tx, viewer, collectionId);
  const a = await checkedAudience(tx, viewer, collectionId, r);
  const message = r.message?.trim() || defaultMessage(collection, r.audience);
  const id = await insertReminder(tx, { collectionId, sentBy: viewer.id, audience: r.audience, message });
  const recipients = await insertRecipients(tx, viewer, id, collectionId, a);
  if (recipients === 0) {
    throw Problem.unprocessable(
      `Напоминание некому отправить: ${REMINDER_AUDIENCE_LABELS[r.audience].toLowerCase()} — нет таких организаций.`,
    );
  }
  // The outbox row is written here, in the notice's transaction: an e-mail goes out for every
  // stored notice, and none for a notice rolled back.
  const emails = email.enabled ? await insertEmails(tx, id, reminderEmail(collection, message)) : 0;
  await setReminderCounts(tx, id, { recipients, emails });
  await audit(tx, ctx, {
    action: 'reminders.send',
    objectType: 'collection',
    objectId: collectionId,
    details: { reminderId: id, audience: r.audience, recipients, emails, regionCode: r.regionCode },
  });
  return { id, recipients, emails };
}

export async function sentReminders(db: Db, viewer: CurrentUser, collectionId: number) {
  await visibleCollection(db, viewer, collectionId);
  return listSentReminders(db, viewer, collectionId);
}

export function notices(db: Db, viewer: CurrentUser) {
  return listNotices(db, viewer);
}

/** Marks notices read once the page has shown them (not audited: the dismissal is). */
export async function noticesShown(tx: Tx, viewer: CurrentUser, ids: number[]) {
  return { updated: await markRead(tx, viewer, ids) };
}

export async function dismiss(tx: Tx, ctx: RequestContext, viewer: CurrentUser, reminderId: number) {
  const row = await findOwnNotice(tx, viewer, reminderId);
  if (!row) throw Problem.notFound('Напоминание не найдено.');
  // Dismissing twice (two tabs) changes nothing the second time.
  if (row.dismissedAt) return { ok: true };
  await dismissNotice(tx, reminderId, row.organizationId);
  await audit(tx, ctx, {
    action: 'reminders.dismiss',
    objectType: 'reminder',
    objectId: reminderId,
    details: { organizationId: row.organizationId },
  });
  return { ok: true };
}

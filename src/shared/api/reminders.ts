// What the reminder endpoints answer (src/server/reminders, docs/API.md "Reminders"): «Напомнить»
// in monitoring, «Отправленные напоминания», and an organization's notices on «НИКО».
import { z } from 'zod';
import { ROLES } from '../roles.js';
import { Ok, Rows, responses, Timestamp, type Wire } from './common.js';

export const REMINDER_AUDIENCES = ['chosen', 'not_started', 'not_submitted'] as const;
export type ReminderAudience = (typeof REMINDER_AUDIENCES)[number];

export const REMINDER_AUDIENCE_LABELS: Record<ReminderAudience, string> = {
  chosen: 'Выбранным организациям',
  not_started: 'Всем, кто не приступил',
  not_submitted: 'Всем, кто не сдал отчет',
};

/** The longest message a reminder may carry. */
export const REMINDER_MESSAGE_MAX = 2000;
/** The most organizations one reminder to chosen ones may name. */
export const REMINDER_CHOSEN_MAX = 5000;

/** POST /api/monitoring/collections/:id/reminders/preview: who would receive it. */
export const ReminderPreview = z.object({
  recipients: z.number(),
  /** E-mails that would go out (0 where the portal sends no e-mail). */
  emails: z.number(),
  emailEnabled: z.boolean(),
});
export type ReminderPreview = Wire<typeof ReminderPreview>;

/** POST /api/monitoring/collections/:id/reminders (201). */
export const ReminderSent = z.object({ id: z.number(), recipients: z.number(), emails: z.number() });
export type ReminderSent = Wire<typeof ReminderSent>;

/** A row of «Отправленные напоминания»: counts cover the viewer's area only. */
export const SentReminderRow = z.object({
  id: z.number(),
  sentAt: Timestamp,
  audience: z.enum(REMINDER_AUDIENCES),
  message: z.string(),
  senderName: z.string(),
  senderRole: z.enum(ROLES),
  recipients: z.number(),
  read: z.number(),
  dismissed: z.number(),
});
export type SentReminderRow = Wire<typeof SentReminderRow>;

/** GET /api/niko/reminders: an organization's notices it has not dismissed. */
export const NoticeRow = z.object({
  id: z.number(),
  collectionId: z.number(),
  collectionTitle: z.string(),
  message: z.string(),
  sentAt: Timestamp,
  senderRole: z.enum(ROLES),
  /** The sender's region or municipality ('' for the federal operator). */
  senderArea: z.string(),
  readAt: Timestamp.nullable(),
});
export type NoticeRow = Wire<typeof NoticeRow>;

export const reminderResponses = {
  preview: responses({ 200: ReminderPreview }),
  send: responses({ 201: ReminderSent }),
  sent: responses({ 200: Rows(SentReminderRow) }),
  notices: responses({ 200: Rows(NoticeRow) }),
  read: responses({ 200: z.object({ updated: z.number() }) }),
  dismiss: responses({ 200: Ok }),
};

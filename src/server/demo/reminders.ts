// A few demo reminders (issue 11 §2) on the open collection, away from the schools the journeys
// use (Moscow, region 50): Tatarstan's coordinator reminded its schools that had not started, and
// the federal operator reminded some of Sverdlovsk's that had not submitted. Some have been read,
// some dismissed. Stored without letters: the demo sends no e-mail.
import { sql } from 'kysely';
import type { Db } from '../db/connection.js';

const REMINDERS = [
  {
    sender: 'reg16',
    region: '16',
    audience: 'not_started' as const,
    statuses: ['not_started'],
    daysAgo: 3,
    message:
      'Коллеги, до окончания сбора контекстных данных НИКО осталось меньше двух недель. Просим приступить ' +
      'к заполнению формы и сдать отчет в срок. По вопросам обращайтесь в региональный центр оценки ' +
      'качества образования.',
  },
  {
    sender: 'admin',
    region: '66',
    audience: 'not_submitted' as const,
    statuses: ['not_started', 'in_progress'],
    daysAgo: 1,
    message:
      'Напоминаем: отчет считается переданным только после нажатия кнопки «Сдать отчет». Проверьте, ' +
      'пожалуйста, что все таблицы заполнены без ошибок.',
  },
];

export async function seedDemoReminders(db: Db, collectionId: number, now = new Date()) {
  for (const r of REMINDERS) {
    const sender = await db
      .selectFrom('users')
      .select('id')
      .where('login', '=', r.sender)
      .executeTakeFirstOrThrow();
    const recipients = await db
      .selectFrom('responses')
      .select(['organization_id', 'region_code', 'municipality_id'])
      .where('collection_id', '=', collectionId)
      .where('region_code', '=', r.region)
      .where('status', 'in', r.statuses as ('not_started' | 'in_progress')[])
      .orderBy('organization_id')
      .execute();
    if (recipients.length === 0) continue;
    const sentAt = new Date(now.getTime() - r.daysAgo * 86_400_000);
    const reminder = await db
      .insertInto('reminders')
      .values({
        collection_id: collectionId,
        sent_by: sender.id,
        audience: r.audience,
        message: r.message,
        recipients: recipients.length,
        created_at: sentAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const later = sql<Date>`${sentAt}::timestamptz + interval '5 hours'`;
    await db
      .insertInto('reminder_recipients')
      .values(
        recipients.map((o, i) => ({
          reminder_id: reminder.id,
          organization_id: o.organization_id,
          region_code: o.region_code,
          municipality_id: o.municipality_id,
          // Two in three have read it, one in four of those dismissed it.
          read_at: i % 3 === 2 ? null : later,
          dismissed_at: i % 3 === 2 || i % 4 !== 0 ? null : later,
        })),
      )
      .execute();
  }
}

// Reminders: «Напомнить» and «Отправленные напоминания» in monitoring, and an organization's
// notices on «НИКО» (read, «Скрыть»).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  REMINDER_AUDIENCES,
  REMINDER_CHOSEN_MAX,
  REMINDER_MESSAGE_MAX,
  reminderResponses,
} from '../../shared/api/reminders.js';
import { authorize, authorizeObject } from '../auth/plugin.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { inTransaction } from '../db/transaction.js';
import { contextOf, userOf } from '../http/context.js';
import { DbIdNumber, IdParams } from '../http/params.js';
import { dismiss, notices, noticesShown, previewReminder, sendReminder, sentReminders } from './service.js';

const ReminderBody = z.strictObject({
  audience: z.enum(REMINDER_AUDIENCES, 'Укажите, кому отправить напоминание.'),
  organizationIds: z
    .array(DbIdNumber)
    .max(REMINDER_CHOSEN_MAX, `Не больше ${REMINDER_CHOSEN_MAX} организаций в одном напоминании.`)
    .optional(),
  regionCode: z
    .string()
    .regex(/^[0-9]{2}$/, 'Код региона — две цифры.')
    .optional(),
  message: z
    .string()
    .max(REMINDER_MESSAGE_MAX, `Текст напоминания — не длиннее ${REMINDER_MESSAGE_MAX} символов.`)
    .optional(),
});

const ReadBody = z.strictObject({ ids: z.array(DbIdNumber).min(1).max(100) });

export async function reminderRoutes(fastify: FastifyInstance, opts: { db: Db; config: Config }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;
  const email = { enabled: opts.config.email !== undefined };
  const remind = authorizeObject('reminders.send');

  app.post(
    '/api/monitoring/collections/:id/reminders/preview',
    {
      onRequest: remind,
      schema: { params: IdParams, body: ReminderBody, response: reminderResponses.preview },
    },
    async (request) =>
      previewReminder(db, userOf(contextOf(request)), request.params.id, request.body, email),
  );

  app.post(
    '/api/monitoring/collections/:id/reminders',
    { onRequest: remind, schema: { params: IdParams, body: ReminderBody, response: reminderResponses.send } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const sent = await inTransaction(db, (tx) =>
        sendReminder(tx, ctx, userOf(ctx), request.params.id, request.body, email),
      );
      return reply.code(201).send(sent);
    },
  );

  app.get(
    '/api/monitoring/collections/:id/reminders',
    { onRequest: remind, schema: { params: IdParams, response: reminderResponses.sent } },
    async (request) => ({ rows: await sentReminders(db, userOf(contextOf(request)), request.params.id) }),
  );

  const receive = authorize('reminders.receive');
  app.get(
    '/api/niko/reminders',
    { onRequest: receive, schema: { response: reminderResponses.notices } },
    async (request) => ({
      rows: await notices(db, userOf(contextOf(request))),
    }),
  );

  app.post(
    '/api/niko/reminders/read',
    { onRequest: receive, schema: { body: ReadBody, response: reminderResponses.read } },
    async (request) => {
      const user = userOf(contextOf(request));
      return inTransaction(db, (tx) => noticesShown(tx, user, request.body.ids));
    },
  );

  app.post(
    '/api/niko/reminders/:id/dismiss',
    {
      onRequest: authorizeObject('reminders.receive'),
      schema: { params: IdParams, response: reminderResponses.dismiss },
    },
    async (request) => {
      const ctx = contextOf(request);
      return inTransaction(db, (tx) => dismiss(tx, ctx, userOf(ctx), request.params.id));
    },
  );
}

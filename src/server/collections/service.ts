// Collections (federal operator): create with participants, close early, reopen, extend. Each
// change is audited. Whether a collection is open is computed from its instants, never stored.
import { audit } from '../audit/service.js';
import type { Db } from '../db/connection.js';
import type { Tx } from '../db/transaction.js';
import { type RequestContext, userOf } from '../http/context.js';
import { Problem } from '../http/problem.js';
import {
  addParticipants,
  formVersionExists,
  getCollection,
  insertCollection,
  listCollections,
  type ParticipantFilter,
  unknownOrganizationCodes,
  updateCollection,
} from './queries.js';

export type NewCollection = {
  title: string;
  formVersionId: number;
  startsAt: Date;
  endsAt: Date;
  participants: ParticipantFilter;
};

export function collectionList(db: Db, ctx: RequestContext) {
  return listCollections(db, userOf(ctx));
}

/** A collection the viewer sees, or 404. */
export async function collectionDetails(db: Db, ctx: RequestContext, id: number) {
  const c = await getCollection(db, userOf(ctx), id);
  if (!c) throw Problem.notFound('Сбор данных не найден.');
  return c;
}

function assertInterval(startsAt: Date, endsAt: Date) {
  if (endsAt <= startsAt) {
    const message = 'Окончание сбора должно быть позже его начала.';
    throw Problem.badRequest(message, [{ path: 'endsAt', message }]);
  }
}

async function assertKnownCodes(db: Db, f: ParticipantFilter) {
  const unknown = await unknownOrganizationCodes(db, f.codes ?? []);
  if (unknown.length) {
    const shown = unknown.slice(0, 20).join(', ');
    throw Problem.badRequest(`Не найдены организации с кодами: ${shown}${unknown.length > 20 ? ' …' : ''}.`, [
      { path: 'participants.codes', message: `Неизвестных кодов: ${unknown.length}.` },
    ]);
  }
}

export async function createCollection(tx: Tx, ctx: RequestContext, input: NewCollection) {
  assertInterval(input.startsAt, input.endsAt);
  if (!(await formVersionExists(tx, input.formVersionId))) {
    throw Problem.badRequest('Версия формы не найдена.', [
      { path: 'formVersionId', message: 'Версия формы не найдена.' },
    ]);
  }
  await assertKnownCodes(tx, input.participants);
  const id = await insertCollection(tx, { ...input, userId: userOf(ctx).id });
  const added = await addParticipants(tx, id, input.participants);
  if (added === 0) throw Problem.badRequest('Под условия не подходит ни одна организация: сбор не создан.');
  await audit(tx, ctx, {
    action: 'collection.created',
    objectType: 'collection',
    objectId: id,
    details: { ...input, participantsAdded: added },
  });
  return { id, participants: added };
}

async function existing(db: Db, ctx: RequestContext, id: number) {
  const c = await getCollection(db, userOf(ctx), id);
  if (!c) throw Problem.notFound('Сбор данных не найден.');
  return c;
}

export async function closeCollection(tx: Tx, ctx: RequestContext, id: number) {
  const c = await existing(tx, ctx, id);
  if (!c.open) throw Problem.conflict('Сбор данных уже закрыт.');
  await updateCollection(tx, id, { closedAt: new Date() });
  await audit(tx, ctx, { action: 'collection.closed', objectType: 'collection', objectId: id });
}

export async function reopenCollection(tx: Tx, ctx: RequestContext, id: number, endsAt?: Date) {
  const c = await existing(tx, ctx, id);
  if (c.open) throw Problem.conflict('Сбор данных уже открыт.');
  const newEnd = endsAt ?? c.endsAt;
  if (newEnd <= new Date()) {
    const message = 'Срок сбора истёк: чтобы открыть его снова, укажите новое окончание.';
    throw Problem.badRequest(message, [{ path: 'endsAt', message }]);
  }
  assertInterval(c.startsAt, newEnd);
  await updateCollection(tx, id, { closedAt: null, endsAt: newEnd });
  await audit(tx, ctx, {
    action: 'collection.reopened',
    objectType: 'collection',
    objectId: id,
    details: { endsAt: newEnd.toISOString(), previousEndsAt: c.endsAt.toISOString() },
  });
}

export async function editCollection(
  tx: Tx,
  ctx: RequestContext,
  id: number,
  patch: { title?: string; endsAt?: Date },
) {
  const c = await existing(tx, ctx, id);
  if (patch.endsAt) assertInterval(c.startsAt, patch.endsAt);
  await updateCollection(tx, id, patch);
  const action = patch.endsAt && patch.endsAt > c.endsAt ? 'collection.extended' : 'collection.updated';
  await audit(tx, ctx, {
    action,
    objectType: 'collection',
    objectId: id,
    details: { before: { title: c.title, endsAt: c.endsAt.toISOString() }, patch },
  });
}

export async function addCollectionParticipants(
  tx: Tx,
  ctx: RequestContext,
  id: number,
  f: ParticipantFilter,
) {
  await existing(tx, ctx, id);
  await assertKnownCodes(tx, f);
  const added = await addParticipants(tx, id, f);
  await audit(tx, ctx, {
    action: 'collection.participants_added',
    objectType: 'collection',
    objectId: id,
    details: { ...f, added },
  });
  return { added };
}

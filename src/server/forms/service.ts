// Forms and versions (federal operator). A definition is checked in full before it is stored;
// a version that a collection uses is frozen, and changes go into a new version instead.
import { checkDefinition } from '../../shared/forms/check-definition.js';
import type { FormDefinition } from '../../shared/forms/definition.js';
import { audit } from '../audit/service.js';
import type { Db } from '../db/connection.js';
import type { Tx } from '../db/transaction.js';
import { type RequestContext, userOf } from '../http/context.js';
import { Problem } from '../http/problem.js';
import {
  formExists,
  getVersion,
  insertForm,
  insertVersion,
  listForms,
  updateFormTitle,
  updateVersionDefinition,
} from './queries.js';

/** The definition, or a 400 that names the exact path of every error. */
export function parseDefinition(input: unknown): FormDefinition {
  const verdict = checkDefinition(input);
  if (verdict.ok) return verdict.definition;
  throw Problem.badRequest(
    'Описание формы содержит ошибки.',
    verdict.errors.map((e) => ({ path: `definition.${e.path}`, message: e.message })),
  );
}

export async function createForm(tx: Tx, ctx: RequestContext, input: unknown) {
  const user = userOf(ctx);
  const definition = parseDefinition(input);
  const formId = await insertForm(tx, definition.title, user.id);
  const version = await insertVersion(tx, formId, definition, user.id);
  await audit(tx, ctx, {
    action: 'form.created',
    objectType: 'form',
    objectId: formId,
    details: { versionId: version.id },
  });
  return { formId, versionId: version.id, version: version.version };
}

export async function addVersion(tx: Tx, ctx: RequestContext, formId: number, input: unknown) {
  if (!(await formExists(tx, formId))) throw Problem.notFound('Форма не найдена.');
  const definition = parseDefinition(input);
  const version = await insertVersion(tx, formId, definition, userOf(ctx).id);
  await updateFormTitle(tx, formId, definition.title);
  await audit(tx, ctx, {
    action: 'form.version_created',
    objectType: 'form',
    objectId: formId,
    details: { versionId: version.id },
  });
  return { formId, versionId: version.id, version: version.version };
}

export async function editVersion(tx: Tx, ctx: RequestContext, versionId: number, input: unknown) {
  const current = await getVersion(tx, versionId);
  if (!current) throw Problem.notFound('Версия формы не найдена.');
  if (current.frozen) {
    throw Problem.conflict(
      'Эта версия формы используется в сборе данных и не может быть изменена. Создайте новую версию.',
    );
  }
  const definition = parseDefinition(input);
  await updateVersionDefinition(tx, versionId, definition);
  await updateFormTitle(tx, current.formId, definition.title);
  await audit(tx, ctx, { action: 'form.version_updated', objectType: 'form_version', objectId: versionId });
}

export function formList(db: Db) {
  return listForms(db);
}

export async function versionDetails(db: Db, versionId: number) {
  const v = await getVersion(db, versionId);
  if (!v) throw Problem.notFound('Версия формы не найдена.');
  return v;
}

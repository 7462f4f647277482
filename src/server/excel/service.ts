// «Скачать форму в Excel»: a participant's form with its current values, for whoever may read the
// participant; and the federal operator's empty template of a form version, from its preview
// (src/server/excel/form-workbook.ts builds both).
import { randomUUID } from 'node:crypto';
import { toFormData } from '../../shared/forms/response-data.js';
import { auditEvent } from '../audit/service.js';
import type { Db } from '../db/connection.js';
import { versionDetails } from '../forms/service.js';
import { type RequestContext, userOf } from '../http/context.js';
import { responseForEditor } from '../responses/service.js';
import { formWorkbook } from './form-workbook.js';

export async function formAsWorkbook(db: Db, ctx: RequestContext, responseId: number) {
  const response = await responseForEditor(db, userOf(ctx), responseId);
  const cells = Object.fromEntries(Object.entries(response.cells).map(([k, c]) => [k, c.value]));
  const bytes = await formWorkbook({
    organization: response.organization,
    collectionTitle: response.collectionTitle,
    responseId,
    formVersionId: response.formVersionId,
    definition: response.definition,
    data: toFormData(response.definition, cells),
    versions: Object.fromEntries(Object.entries(response.cells).map(([k, c]) => [k, c.version])),
    downloadId: randomUUID(),
    downloadedAt: new Date(),
  });
  await auditEvent(db, ctx, {
    action: 'response.form_downloaded',
    objectType: 'response',
    objectId: responseId,
  });
  return { bytes, fileName: `Форма ${response.organization.code} ${response.collectionTitle}.xlsx` };
}

/** A form version as it stands (a draft may still change), empty, for the operator to look over in Excel. */
export async function formTemplateWorkbook(db: Db, versionId: number) {
  const v = await versionDetails(db, versionId);
  const bytes = await formWorkbook({
    template: { formTitle: v.formTitle, version: v.version },
    formVersionId: v.id,
    definition: v.definition,
    data: { values: {}, rows: {} },
  });
  return { bytes, fileName: `Шаблон ${v.formTitle}, версия ${v.version}.xlsx` };
}

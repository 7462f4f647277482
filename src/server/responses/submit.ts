// «Сдать отчет»: checks the whole form with the shared engine and, when it passes, stores an
// immutable snapshot — the transfer to ФИС ОКО. Earlier snapshots are kept. A new snapshot puts
// the report's review back to «Не проверено».
import { toFormData } from '../../shared/forms/response-data.js';
import { validateForm } from '../../shared/forms/validate.js';
import { audit } from '../audit/service.js';
import type { Tx } from '../db/transaction.js';
import { type RequestContext, userOf } from '../http/context.js';
import { Problem } from '../http/problem.js';
import { writeReview } from '../review/queries.js';
import { loadOpenResponse } from './autosave.js';
import { loadDefinition } from './definitions.js';
import { insertSubmission, readCellValues } from './queries.js';

export async function submitResponse(tx: Tx, ctx: RequestContext, responseId: number) {
  const user = userOf(ctx);
  const response = await loadOpenResponse(tx, ctx, responseId);
  const { definition } = await loadDefinition(tx, response.formVersionId);
  const data = toFormData(definition, await readCellValues(tx, responseId));
  const verdict = validateForm(definition, data);
  if (!verdict.valid) {
    throw new Problem(422, 'form_invalid', 'Отчёт не сдан: в форме есть ошибки. Исправьте их и повторите.', {
      cellErrors: verdict.cellErrors,
      ruleErrors: verdict.ruleErrors,
      tableErrors: verdict.tableErrors,
    });
  }
  const submitted = await insertSubmission(tx, {
    responseId,
    formVersionId: response.formVersionId,
    data: JSON.stringify(data),
    userId: user.id,
  });
  if (response.reviewState === 'returned') {
    // Resubmitted after a return: the history shows the report going back to «Не проверено».
    await writeReview(tx, {
      ids: [responseId],
      state: 'unchecked',
      comment: null,
      extendedUntil: null,
      actor: { id: user.id, login: user.login, role: user.role, scope: user.scopeName },
    });
  }
  await audit(tx, ctx, {
    action: 'response.submitted',
    objectType: 'response',
    objectId: responseId,
    details: { submissionId: submitted.id, cells: Object.keys(data.values).length },
  });
  return { submissionId: submitted.id, submittedAt: submitted.submittedAt };
}

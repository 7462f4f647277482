// The table of a data collection (manual §2): every table of the form, saved as the person types,
// with «Сдать отчет» and «Закрыть». Read-only when the collection is closed or the viewer may not edit.
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ResponseForEditor } from '../../../shared/api/responses.js';
import { splitCellKey } from '../../../shared/forms/layout.js';
import { ApiError, errorMessage } from '../../app/api.js';
import { usePageTitle } from '../../app/page-title.js';
import type { FlushResult } from '../../form-table/autosave-types.js';
import { cellLabel } from '../../form-table/cell-labels.js';
import { useQueueClosed } from '../../form-table/draft-hooks.js';
import { ErrorList } from '../../form-table/ErrorList.js';
import { FormTable } from '../../form-table/FormTable.js';
import { ResponseDraft } from '../../form-table/response-draft.js';
import { Button } from '../../ui/Button.js';
import { CollectionFacts } from '../../ui/CollectionFacts.js';
import { DownloadLink } from '../../ui/DownloadLink.js';
import { InfoMessage, Loading, ProblemMessage } from '../../ui/ProblemMessage.js';
import { ActionBar } from './ActionBar.js';
import { ExcelUpload } from './ExcelUpload.js';
import { submitBlockedMessage } from './flush-messages.js';
import { HistoryDialog } from './HistoryDialog.js';
import { LeaveDialog } from './LeaveDialog.js';
import { DATA_COLLECTION_KEY, submitResponse, useResponseForEditor } from './queries.js';
import { pendingInBrowser, queueFor } from './queue-registry.js';
import { ReviewNotice } from './ReviewNotice.js';
import type { FormErrors } from './types.js';
import { useBeforeUnload } from './use-before-unload.js';
import './data-collection.css';

/** How long «Закрыть» waits for the last changes before it asks. */
const CLOSE_WAIT_MS = 8000;

export function ResponsePage() {
  const responseId = Number(useParams().id);
  const query = useResponseForEditor(responseId);
  usePageTitle(query.data?.collectionTitle ?? 'Сбор данных');
  if (query.data) return <ResponseEditor key={query.data.id} response={query.data} />;
  return (
    <>
      <h1>Сбор данных</h1>
      {query.isPending && Number.isInteger(responseId) ? <Loading /> : null}
      <ProblemMessage error={query.error ?? (Number.isInteger(responseId) ? null : new ApiError(404, {}))} />
      {query.error && pendingInBrowser(responseId) > 0 ? (
        <InfoMessage>
          Изменения, ещё не сохранённые на сервере ({pendingInBrowser(responseId)}), хранятся в этом браузере
          и будут отправлены, когда таблица откроется.
        </InfoMessage>
      ) : null}
      <div className="actions">
        {query.error ? <Button onClick={() => void query.refetch()}>Повторить</Button> : null}
        <Link to="/niko">Вернуться в раздел «НИКО»</Link>
      </div>
    </>
  );
}

/** Why the table is only viewed: the report accepted, the collection closed, or no right to edit. */
function readOnlyMessage(response: ResponseForEditor, closedNow: boolean) {
  if (response.reviewState === 'accepted')
    return 'Отчёт принят координатором: таблица открыта только для просмотра.';
  if (response.editable && !closedNow) return 'Таблица открыта только для просмотра.';
  return 'Сбор данных закрыт: изменения больше не принимаются. Таблица открыта только для просмотра.';
}

function ResponseEditor({ response }: { response: ResponseForEditor }) {
  const draft = useMemo(() => new ResponseDraft(response, queueFor(response.id)), [response]);
  useEffect(() => {
    draft.attach(response.canEdit, response.editable);
    return () => draft.detach();
  }, [draft, response.canEdit, response.editable]);
  useBeforeUnload(draft.queue);
  const closedNow = useQueueClosed(draft);
  const readOnly = !response.canEdit || closedNow;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorsHeading = useRef<HTMLHeadingElement>(null);
  const [notice, setNotice] = useState<ReactNode>(null);
  const [submitting, setSubmitting] = useState(false);
  const [closing, setClosing] = useState(false);
  const [leaving, setLeaving] = useState<Extract<FlushResult, { ok: false }> | null>(null);
  const [historyCell, setHistoryCell] = useState<string | null>(null);

  const alert = (text: string) => (
    <div className="message message-error" role="alert" data-testid="form-notice">
      {text}
    </div>
  );
  const showErrors = (server: FormErrors | null = null) => {
    draft.revealAllErrors(server);
    window.requestAnimationFrame(() => errorsHeading.current?.focus());
  };

  async function submit() {
    setNotice(null);
    draft.revealAllErrors();
    if (!draft.verdict.valid) return showErrors();
    setSubmitting(true);
    try {
      // The server checks what it holds: everything typed must be there first.
      const flushed = await draft.queue.flush();
      if (!flushed.ok) return setNotice(alert(submitBlockedMessage(flushed.reason)));
      await submitResponse(response.id);
      await queryClient.invalidateQueries({ queryKey: DATA_COLLECTION_KEY });
      navigate('/niko', { state: { submitted: response.id } });
    } catch (error) {
      if (error instanceof ApiError && error.title === 'form_invalid')
        return showErrors(error.body as FormErrors);
      if (
        error instanceof ApiError &&
        (error.title === 'collection_closed' || error.title === 'report_accepted')
      )
        draft.queue.markClosed(error.detail);
      setNotice(alert(errorMessage(error)));
    } finally {
      setSubmitting(false);
    }
  }

  async function close() {
    if (draft.queue.pendingCount > 0 && !readOnly) {
      setClosing(true);
      const wait = new Promise<FlushResult>((r) =>
        setTimeout(() => r({ ok: false, reason: 'offline' }), CLOSE_WAIT_MS),
      );
      const flushed = await Promise.race([draft.queue.flush(), wait]);
      setClosing(false);
      if (!flushed.ok) return setLeaving(flushed);
    }
    navigate('/niko');
  }

  const historyColumn = (key: string) => {
    const k = splitCellKey(key);
    return draft.definition.tables.find((t) => t.key === k?.table)?.columns.find((c) => c.key === k?.column);
  };

  return (
    <div className="response-page">
      <nav aria-label="Вы здесь" className="breadcrumbs">
        <Link to="/niko">НИКО</Link> <span aria-hidden="true">›</span> Сбор данных
      </nav>
      <h1>{response.collectionTitle}</h1>
      <p className="lead">{response.organization.shortName}</p>
      <CollectionFacts
        // The collection's own state; the table may be closed for this report alone (accepted).
        open={response.open && !(closedNow && response.editable)}
        startsAt={response.startsAt}
        endsAt={response.endsAt}
        lastSubmittedAt={response.lastSubmittedAt}
        timeZone={response.organization.timezone}
      />
      <ReviewNotice
        reviewState={response.reviewState}
        reviewNote={response.reviewNote}
        extendedUntil={response.extendedUntil}
        timeZone={response.organization.timezone}
      />
      {readOnly ? (
        <InfoMessage>{readOnlyMessage(response, closedNow)}</InfoMessage>
      ) : (
        <p className="autosave-note">
          <strong>ВНИМАНИЕ!</strong> Сохранение данных, введенных в таблицу, осуществляется автоматически.
          Звёздочкой (*) отмечены обязательные графы.
        </p>
      )}
      {response.definition.description ? <p>{response.definition.description}</p> : null}
      <div className="block-actions">
        <DownloadLink href={`/api/responses/${response.id}/form.xlsx`}>Скачать форму в Excel</DownloadLink>
        <ExcelUpload responseId={response.id} draft={draft} disabled={readOnly} />
      </div>
      <ErrorList draft={draft} headingRef={errorsHeading} />
      {response.definition.tables.map((table) => (
        <FormTable key={table.key} draft={draft} table={table} readOnly={readOnly} />
      ))}
      <ActionBar
        draft={draft}
        readOnly={readOnly}
        submitting={submitting}
        closing={closing}
        notice={notice}
        onSubmit={() => void submit()}
        onClose={() => void close()}
        onHistory={setHistoryCell}
      />
      {historyCell ? (
        <HistoryDialog
          responseId={response.id}
          cell={historyCell}
          label={cellLabel(draft.definition, historyCell, (t) => draft.rowsOf(t))}
          column={historyColumn(historyCell) ?? null}
          onClose={() => setHistoryCell(null)}
        />
      ) : null}
      {leaving ? (
        <LeaveDialog
          result={leaving}
          pending={draft.queue.pendingCount}
          onStay={() => setLeaving(null)}
          onLeave={() => navigate('/niko')}
        />
      ) : null}
    </div>
  );
}

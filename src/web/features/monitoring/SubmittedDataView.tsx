// The organization's last submitted data, read-only, closed with «Закрыть» (manual §3). The tables
// are the organization's own (form-table/FormTable) over the snapshot; a note says when the
// organization has changed things since it submitted.
import { type KeyboardEvent, useEffect, useId, useMemo, useRef } from 'react';
import type { SubmittedView } from '../../../shared/api/monitoring.js';
import { formatDateTime } from '../../../shared/dates.js';
import { RESPONSE_STATUS_LABELS } from '../../../shared/statuses.js';
import { FormTable } from '../../form-table/FormTable.js';
import { Button } from '../../ui/Button.js';
import { DownloadLink } from '../../ui/DownloadLink.js';
import { InfoMessage, Loading, ProblemMessage } from '../../ui/ProblemMessage.js';
import { useSubmittedData } from './queries.js';
import { snapshotDraft } from './snapshot-draft.js';

type Props = { responseId: number; name: string; onClose: () => void };

export function SubmittedDataView({ responseId, name, onClose }: Props) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const query = useSubmittedData(responseId);
  useEffect(() => heading.current?.focus(), []);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    }
  }

  return (
    <section
      className="submitted-view"
      aria-labelledby={headingId}
      data-testid="submitted-data"
      onKeyDown={onKeyDown}
    >
      <h5 id={headingId} ref={heading} tabIndex={-1} className="submitted-title">
        Переданные данные: {query.data?.name ?? name}
      </h5>
      {query.isPending ? <Loading /> : null}
      <ProblemMessage error={query.error} />
      {query.data ? <SubmittedContent view={query.data} /> : null}
      <div className="submitted-actions">
        {query.data?.submitted ? (
          <DownloadLink href={`/api/responses/${responseId}/report.pdf`}>Скачать PDF</DownloadLink>
        ) : null}
        <Button variant="primary" onClick={onClose}>
          Закрыть
        </Button>
      </div>
    </section>
  );
}

function SubmittedContent({ view }: { view: SubmittedView }) {
  return (
    <>
      <dl className="details details-inline submitted-facts">
        <dt>Код</dt>
        <dd>{view.code}</dd>
        <dt>Статус</dt>
        <dd>{RESPONSE_STATUS_LABELS[view.status]}</dd>
        <dt>Дата передачи введенных данных</dt>
        <dd>{view.submittedAt ? formatDateTime(view.submittedAt) : '—'}</dd>
      </dl>
      {view.changedSinceSubmission ? (
        <p className="message message-warning" data-testid="changed-since-submission">
          Организация изменила данные после последней передачи
        </p>
      ) : null}
      {view.submitted ? (
        <SnapshotTables view={view} />
      ) : (
        <InfoMessage>Данные ещё не передавались</InfoMessage>
      )}
    </>
  );
}

function SnapshotTables({ view }: { view: Extract<SubmittedView, { submitted: true }> }) {
  const { responseId, definition, data } = view;
  const draft = useMemo(() => snapshotDraft(responseId, definition, data), [responseId, definition, data]);
  useEffect(() => () => draft.queue.dispose(), [draft]);
  return (
    <div className="submitted-tables">
      {definition.tables.map((table) => (
        <FormTable key={table.key} draft={draft} table={table} readOnly />
      ))}
    </div>
  );
}

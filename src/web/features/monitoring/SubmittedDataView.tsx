// The organization's last submitted data, read-only, closed with «Закрыть» (manual §3). The tables
// are the organization's own (form-table/FormTable) over the snapshot; a note says when the
// organization has changed things since it submitted. Those who review reports accept it or return
// it for revision here («Принять», «Вернуть на доработку»).
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { SubmittedView } from '../../../shared/api/monitoring.js';
import { formatDateTime } from '../../../shared/dates.js';
import { RESPONSE_STATUS_LABELS, REVIEW_STATE_LABELS } from '../../../shared/statuses.js';
import { useCan } from '../../app/session.js';
import { FormTable } from '../../form-table/FormTable.js';
import { Button } from '../../ui/Button.js';
import { DownloadLink } from '../../ui/DownloadLink.js';
import { InfoMessage, Loading, ProblemMessage, SuccessMessage } from '../../ui/ProblemMessage.js';
import { reviewerText } from '../data-collection/ReviewNotice.js';
import { useSubmittedData } from './queries.js';
import { ReviewDialog } from './ReviewDialog.js';
import { ReviewHistory } from './ReviewHistory.js';
import { snapshotDraft } from './snapshot-draft.js';

type Props = { responseId: number; name: string; onClose: () => void };

export function SubmittedDataView({ responseId, name, onClose }: Props) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const query = useSubmittedData(responseId);
  const mayReview = useCan('responses.review');
  const [reviewing, setReviewing] = useState<'accept' | 'return' | null>(null);
  const [reviewed, setReviewed] = useState<string | null>(null);
  useEffect(() => heading.current?.focus(), []);
  const state = query.data?.submitted ? query.data.reviewState : null;

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
      {reviewed ? <SuccessMessage>{reviewed}</SuccessMessage> : null}
      {query.data ? <SubmittedContent view={query.data} /> : null}
      <div className="submitted-actions">
        {mayReview && state ? (
          <>
            {state !== 'accepted' ? <Button onClick={() => setReviewing('accept')}>Принять</Button> : null}
            <Button onClick={() => setReviewing('return')}>Вернуть на доработку</Button>
          </>
        ) : null}
        {query.data?.submitted ? (
          <DownloadLink href={`/api/responses/${responseId}/report.pdf`}>Скачать PDF</DownloadLink>
        ) : null}
        <Button variant="primary" onClick={onClose}>
          Закрыть
        </Button>
      </div>
      {reviewing ? (
        <ReviewDialog
          decision={reviewing}
          responseIds={[responseId]}
          name={query.data?.name ?? name}
          onCancel={() => setReviewing(null)}
          onDone={(message) => {
            setReviewing(null);
            setReviewed(message);
          }}
        />
      ) : null}
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
        {view.reviewState ? (
          <>
            <dt>Проверка</dt>
            <dd data-testid="submitted-review-state">{REVIEW_STATE_LABELS[view.reviewState]}</dd>
          </>
        ) : null}
      </dl>
      {view.reviewNote && view.reviewState ? (
        <p className="small" data-testid="submitted-review-note">
          {REVIEW_STATE_LABELS[view.reviewNote.state]}: {reviewerText(view.reviewNote)},{' '}
          {formatDateTime(view.reviewNote.at)} (МСК)
          {view.reviewNote.comment ? `. Комментарий: ${view.reviewNote.comment}` : ''}
          {view.extendedUntil
            ? `. Продлено для организации до ${formatDateTime(view.extendedUntil)} (МСК)`
            : ''}
        </p>
      ) : null}
      {view.changedSinceSubmission ? (
        <p className="message message-warning" data-testid="changed-since-submission">
          Организация изменила данные после последней передачи
        </p>
      ) : null}
      {view.reviewState ? <ReviewHistory responseId={view.responseId} /> : null}
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

// The «Сбор данных» blocks on the «НИКО» page of an organization: one per collection it takes
// part in, each with its status, dates, last transfer, the button to the table (manual §2), and
// once something was submitted «Скачать PDF» of the last report sent and «История сдач».
import { useEffect, useSyncExternalStore } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { CollectionBlockRow } from '../../../shared/api/responses.js';
import { useSession } from '../../app/session.js';
import { Button } from '../../ui/Button.js';
import { CollectionBlock } from '../../ui/CollectionBlock.js';
import { DownloadLink } from '../../ui/DownloadLink.js';
import { Loading, ProblemMessage, SuccessMessage } from '../../ui/ProblemMessage.js';
import { useDataCollectionBlocks } from './queries.js';
import { existingQueue, pendingInBrowser, queueFor } from './queue-registry.js';
import { ReviewNotice } from './ReviewNotice.js';
import { SubmissionHistory } from './SubmissionHistory.js';

/**
 * «Заполнить» before anything is entered, «Редактировать» after; a table the organization may not
 * change now (the collection closed, or the report accepted) is only viewed.
 */
export function openButtonLabel(row: Pick<CollectionBlockRow, 'editable' | 'status'>) {
  if (!row.editable) return 'Просмотреть';
  return row.status === 'not_started' ? 'Заполнить' : 'Редактировать';
}

export function DataCollectionBlocks() {
  const { user } = useSession();
  const query = useDataCollectionBlocks(true);
  const location = useLocation();
  const submitted = (location.state as { submitted?: number } | null)?.submitted;
  if (query.isPending || query.error || query.data.rows.length === 0) {
    return (
      <section className="panel" aria-labelledby="data-collection-heading">
        <h2 id="data-collection-heading">Сбор данных</h2>
        {query.isPending ? <Loading /> : null}
        <ProblemMessage error={query.error} />
        {query.data?.rows.length === 0 ? <p>Ваша организация сейчас не участвует в сборе данных.</p> : null}
      </section>
    );
  }
  return (
    <>
      {query.data.rows.map((row) => (
        <OrganizationCollectionBlock
          key={row.responseId}
          row={row}
          timeZone={user.regionTimezone}
          justSubmitted={submitted === row.responseId}
        />
      ))}
    </>
  );
}

type BlockProps = { row: CollectionBlockRow; timeZone: string | null; justSubmitted: boolean };

function OrganizationCollectionBlock({ row, timeZone, justSubmitted }: BlockProps) {
  const navigate = useNavigate();
  const unsaved = useUnsavedInBrowser(row);
  return (
    <CollectionBlock
      title={row.title}
      facts={{
        open: row.open,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        lastSubmittedAt: row.lastSubmittedAt,
        timeZone,
      }}
      notice={
        <>
          {justSubmitted ? <SuccessMessage>Отчет сдан: данные переданы в ФИС ОКО.</SuccessMessage> : null}
          <ReviewNotice
            reviewState={row.reviewState}
            reviewNote={row.reviewNote}
            extendedUntil={row.extendedUntil}
            timeZone={timeZone}
          />
        </>
      }
      data-testid="data-collection-block"
      data-response-id={row.responseId}
    >
      {unsaved > 0 ? (
        <p className="message message-info" data-testid="unsaved-in-browser">
          {row.editable
            ? `Изменения, ещё не сохранённые на сервере (${unsaved}), хранятся в этом браузере и отправляются автоматически.`
            : `Изменения, не сохранённые до закрытия сбора данных (${unsaved}), хранятся в этом браузере.`}
        </p>
      ) : null}
      <div className="block-actions">
        <Button variant="primary" onClick={() => navigate(`/niko/responses/${row.responseId}`)}>
          {openButtonLabel(row)}
        </Button>
        {row.lastSubmittedAt ? (
          <DownloadLink href={`/api/responses/${row.responseId}/report.pdf`}>Скачать PDF</DownloadLink>
        ) : null}
      </div>
      {row.lastSubmittedAt ? <SubmissionHistory responseId={row.responseId} timeZone={timeZone} /> : null}
    </CollectionBlock>
  );
}

const noSubscription = () => () => {};

/** Changes still waiting in this browser; while the table is editable they are sent from here too. */
function useUnsavedInBrowser(row: CollectionBlockRow): number {
  const queue = existingQueue(row.responseId);
  const count = useSyncExternalStore(queue ? queue.subscribe : noSubscription, () =>
    pendingInBrowser(row.responseId),
  );
  useEffect(() => {
    if (row.editable && count > 0) queueFor(row.responseId).start();
  }, [row.editable, row.responseId, count]);
  return count;
}

// «История сдач» in an organization's «Сбор данных» block: every «Сдать отчет» of the participant,
// newest first, each with «Скачать PDF» of what was sent then (the submission's own copy, not the
// table as it is now). Shown on demand: most visits to «НИКО» do not need it.
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Answer } from '../../../shared/api/common.js';
import type { reportResponses } from '../../../shared/api/reports.js';
import { formatDateTime, MOSCOW_TIME_ZONE, utcOffsetLabel } from '../../../shared/dates.js';
import { api } from '../../app/api.js';
import { Button } from '../../ui/Button.js';
import { DownloadLink } from '../../ui/DownloadLink.js';
import { Loading, ProblemMessage } from '../../ui/ProblemMessage.js';
import { TableFrame } from '../../ui/TableFrame.js';

type Props = { responseId: number; timeZone: string | null };

export function SubmissionHistory({ responseId, timeZone }: Props) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="submission-history">
      <Button aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
        История сдач
      </Button>
      <div id={panelId} hidden={!open}>
        {open ? <SubmissionTable responseId={responseId} timeZone={timeZone} /> : null}
      </div>
    </div>
  );
}

function SubmissionTable({ responseId, timeZone }: Props) {
  const query = useQuery({
    queryKey: ['response', responseId, 'submissions'],
    queryFn: () =>
      api.get<Answer<typeof reportResponses.submissions>>(`/api/responses/${responseId}/submissions`),
    staleTime: 0,
  });
  if (query.isPending) return <Loading />;
  if (query.error) return <ProblemMessage error={query.error} />;
  const rows = query.data.rows;
  if (rows.length === 0) return <p>Отчет ещё не сдавался.</p>;
  // The region's own clock, where it reads differently from Moscow's.
  const local = timeZone && timeZone !== MOSCOW_TIME_ZONE ? timeZone : null;
  return (
    <TableFrame>
      <table className="table" data-testid="submission-history">
        <caption className="visually-hidden">История сдач, сначала последние</caption>
        <thead>
          <tr>
            <th scope="col">Когда (МСК)</th>
            {local ? <th scope="col">Местное время</th> : null}
            <th scope="col">Кто сдал</th>
            <th scope="col">Версия формы</th>
            <th scope="col">Отчет</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-submission-id={r.id}>
              <td className="nowrap">{formatDateTime(r.submittedAt)}</td>
              {local ? (
                <td className="nowrap">
                  {formatDateTime(r.submittedAt, local)} ({utcOffsetLabel(r.submittedAt, local)})
                </td>
              ) : null}
              <td>{r.userLogin ?? '—'}</td>
              <td className="num">{r.formVersion}</td>
              <td>
                <DownloadLink href={`/api/responses/${responseId}/report.pdf?submission=${r.id}`}>
                  Скачать PDF
                  <span className="visually-hidden"> сдачи {formatDateTime(r.submittedAt)}</span>
                </DownloadLink>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}

// «История» of one cell: who changed it, when, from what to what (GET /api/responses/:id/history),
// newest first, a page at a time («Показать ещё»). A change applied by «Загрузить из Excel» is
// marked «загружено из файла».

import { formatDateTime } from '../../../shared/dates.js';
import { formatCell } from '../../../shared/forms/cells.js';
import type { Column } from '../../../shared/forms/definition.js';
import { Button } from '../../ui/Button.js';
import { Dialog } from '../../ui/Dialog.js';
import { Loading, ProblemMessage } from '../../ui/ProblemMessage.js';
import { TableFrame } from '../../ui/TableFrame.js';
import { useCellHistory } from './queries.js';

type Props = { responseId: number; cell: string; label: string; column: Column | null; onClose: () => void };

export function HistoryDialog({ responseId, cell, label, column, onClose }: Props) {
  const query = useCellHistory(responseId, cell);
  const rows = query.data?.pages.flatMap((p) => p.rows);
  const show = (v: string | null) => (v === null ? '—' : column ? formatCell(column, v) : v);
  return (
    <Dialog
      title="История изменений"
      onCancel={onClose}
      testId="history-dialog"
      actions={
        <Button onClick={onClose} data-autofocus>
          Закрыть
        </Button>
      }
    >
      <p>{label}</p>
      {query.isPending ? <Loading /> : null}
      <ProblemMessage error={query.error} />
      {rows && rows.length === 0 ? <p>Значение ещё не изменялось.</p> : null}
      {rows && rows.length > 0 ? (
        <TableFrame>
          <table className="table">
            <caption className="visually-hidden">Изменения ячейки, сначала последние</caption>
            <thead>
              <tr>
                <th scope="col">Когда (МСК)</th>
                <th scope="col">Кто</th>
                <th scope="col">Было</th>
                <th scope="col">Стало</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.version}>
                  <td className="nowrap">{formatDateTime(r.at)}</td>
                  <td>
                    {r.userLogin ?? '—'}
                    {r.source === 'excel' ? <span className="history-source">загружено из файла</span> : null}
                  </td>
                  <td>{show(r.oldValue)}</td>
                  <td>{show(r.newValue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      ) : null}
      {query.hasNextPage ? (
        <Button onClick={() => void query.fetchNextPage()} busy={query.isFetchingNextPage}>
          Показать ещё
        </Button>
      ) : null}
    </Dialog>
  );
}

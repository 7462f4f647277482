// What the manual's «Сбор данных» block tells (§2): the status, the dates of the collection (in
// Moscow time, and in the organization's own when that reads differently), the last transfer.
import { formatDateTime, formatIntervalWithLocal } from '../../../shared/dates.js';
import { StatusBadge } from '../../ui/StatusBadge.js';

type Props = {
  open: boolean;
  startsAt: string;
  endsAt: string;
  lastSubmittedAt: string | null;
  timeZone: string | null;
};

export function lastTransferText(lastSubmittedAt: string | null): string {
  return lastSubmittedAt
    ? `Данные переданы ${formatDateTime(lastSubmittedAt)}`
    : 'Данные ещё не передавались';
}

export function CollectionFacts({ open, startsAt, endsAt, lastSubmittedAt, timeZone }: Props) {
  const interval = formatIntervalWithLocal(startsAt, endsAt, timeZone);
  return (
    <dl className="details collection-facts">
      <dt>Статус</dt>
      <dd data-testid="collection-status">
        <StatusBadge tone={open ? 'success' : 'neutral'}>{open ? 'Открыт' : 'Закрыт'}</StatusBadge>
      </dd>
      <dt>Сроки</dt>
      <dd data-testid="collection-interval">
        {interval.moscow}
        {interval.local ? (
          <>
            <br />
            {interval.local}
          </>
        ) : null}
      </dd>
      <dt>Передача данных</dt>
      <dd data-testid="collection-last-transfer">{lastTransferText(lastSubmittedAt)}</dd>
    </dl>
  );
}

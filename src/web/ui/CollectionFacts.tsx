// What the manual's «Сбор данных» block tells (§2): the status, the dates of the collection (in
// Moscow time, and in the viewer's region's own when that reads differently), the last transfer.
// Coordinators' blocks (§3) show the same facts without the transfer, which is an organization's.
import { formatDateTime, formatIntervalWithLocal } from '../../shared/dates.js';
import { CollectionStatusBadge } from './CollectionStatusBadge.js';

export type CollectionFactsProps = {
  open: boolean;
  startsAt: string;
  endsAt: string;
  /** The organization's last transfer; left out, the row is not shown. */
  lastSubmittedAt?: string | null;
  timeZone: string | null;
};

export function lastTransferText(lastSubmittedAt: string | null): string {
  return lastSubmittedAt
    ? `Данные переданы ${formatDateTime(lastSubmittedAt)}`
    : 'Данные ещё не передавались';
}

export function CollectionFacts({ open, startsAt, endsAt, lastSubmittedAt, timeZone }: CollectionFactsProps) {
  const interval = formatIntervalWithLocal(startsAt, endsAt, timeZone);
  return (
    <dl className="details collection-facts">
      <dt>Статус</dt>
      <dd data-testid="collection-status">
        <CollectionStatusBadge open={open} />
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
      {lastSubmittedAt !== undefined && (
        <>
          <dt>Передача данных</dt>
          <dd data-testid="collection-last-transfer">{lastTransferText(lastSubmittedAt)}</dd>
        </>
      )}
    </dl>
  );
}

// A column header that sorts the list: a real button inside the <th>, which carries aria-sort.
// The first press sorts ascending; pressing the sorted column again reverses it.
import type { ParticipantSort, SortDirection } from './types.js';

type Props = {
  label: string;
  column: ParticipantSort;
  sort: ParticipantSort;
  dir: SortDirection;
  onSort: (column: ParticipantSort, dir: SortDirection) => void;
};

export function SortableHeader({ label, column, sort, dir, onSort }: Props) {
  const active = sort === column;
  const ariaSort = active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none';
  const next: SortDirection = active && dir === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button type="button" className="sort-button" onClick={() => onSort(column, next)}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

// «Список участников» (manual §3): an area with the organizations of the collection, searchable by
// name or login, filtered by status and municipality, sorted by any column and paged on the
// server. The ✕ in its top right corner closes it; the eye opens an organization's data. Rows
// chosen with their boxes, on any page, download as one PDF or a zip of their submitted reports, are
// reminded together («Напомнить выбранным»), and may be accepted or returned for revision together
// («Принять выбранные», «Вернуть выбранные»).
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { AreaCounts, ParticipantRow } from '../../../shared/api/monitoring.js';
import {
  RESPONSE_STATUS_LABELS,
  RESPONSE_STATUSES,
  REVIEW_STATE_LABELS,
  REVIEW_STATES,
} from '../../../shared/statuses.js';
import { Button } from '../../ui/Button.js';
import { DownloadLink } from '../../ui/DownloadLink.js';
import { SelectField } from '../../ui/Field.js';
import { Pager } from '../../ui/Pager.js';
import { Loading, ProblemMessage } from '../../ui/ProblemMessage.js';
import { SearchBox } from '../directory/filters.js';
import { ParticipantsTable } from './ParticipantsTable.js';
import { PARTICIPANTS_PAGE_SIZE, useParticipants } from './queries.js';
import { RemindChosen } from './RemindChosen.js';
import { ReviewChosen } from './ReviewChosen.js';
import { SubmittedDataView } from './SubmittedDataView.js';
import type { ParticipantFilters } from './types.js';

type Props = {
  id: string;
  collectionId: number;
  regionCode: string;
  /** The municipalities of the statistics; null while the federal operator sees whole regions. */
  municipalities: AreaCounts[] | null;
  /** Changes whenever the live statistics do (see useParticipants). */
  countsStamp: string;
  onClose: () => void;
};

const INITIAL: ParticipantFilters = {
  q: '',
  status: '',
  review: '',
  municipalityId: '',
  sort: 'name',
  dir: 'asc',
  page: 1,
};

const STATUS_OPTIONS = [
  { value: '', label: 'Все статусы' },
  ...RESPONSE_STATUSES.map((s) => ({ value: s, label: RESPONSE_STATUS_LABELS[s] })),
];

const REVIEW_OPTIONS = [
  { value: '', label: 'Любая' },
  ...REVIEW_STATES.map((s) => ({ value: s, label: REVIEW_STATE_LABELS[s] })),
];

export function ParticipantsArea(props: Props) {
  const { id, collectionId, regionCode, municipalities, countsStamp, onClose } = props;
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const viewedButton = useRef<HTMLButtonElement>(null);
  const [filters, setFilters] = useState(INITIAL);
  const [viewed, setViewed] = useState<ParticipantRow | null>(null);
  // Kept after «Закрыть», so that its view button gets the focus back.
  const [lastViewedId, setLastViewedId] = useState<number | null>(null);
  const [filtersRegion, setFiltersRegion] = useState(regionCode);
  if (filtersRegion !== regionCode) {
    // Another region has other municipalities: a chosen one no longer applies.
    setFiltersRegion(regionCode);
    setFilters((f) => ({ ...f, municipalityId: '', page: 1 }));
  }
  const list = useParticipants(collectionId, regionCode, filters, countsStamp);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  // The organization of each chosen row, for «Напомнить выбранным» (reminders name organizations).
  const organizationOf = useRef(new Map<number, number>());
  const select = (rows: ParticipantRow[], chosen: boolean) => {
    for (const r of rows) organizationOf.current.set(r.responseId, r.organizationId);
    setSelected((before) => {
      const next = new Set(before);
      for (const r of rows) {
        if (chosen) next.add(r.responseId);
        else next.delete(r.responseId);
      }
      return next;
    });
  };
  useEffect(() => heading.current?.focus(), []);

  const filter = (patch: Partial<ParticipantFilters>) => setFilters((f) => ({ ...f, ...patch, page: 1 }));
  const closeView = () => {
    setViewed(null);
    // The list is shown again first, then its button can take focus.
    window.requestAnimationFrame(() => viewedButton.current?.focus());
  };

  return (
    <section
      id={id}
      className="participants-area"
      aria-labelledby={headingId}
      data-testid="participants-area"
    >
      <div className="area-header">
        <h4 id={headingId} ref={heading} tabIndex={-1}>
          Список участников
        </h4>
        <button type="button" className="icon-button area-close" onClick={onClose} title="Закрыть">
          <span aria-hidden="true">✕</span>
          <span className="visually-hidden">Закрыть список участников</span>
        </button>
      </div>
      <div hidden={viewed !== null}>
        <div className="filters">
          <SearchBox label="Поиск по названию или логину" value={filters.q} onSearch={(q) => filter({ q })} />
          <SelectField
            label="Статус"
            value={filters.status}
            options={STATUS_OPTIONS}
            onValueChange={(status) => filter({ status: status as ParticipantFilters['status'] })}
          />
          <SelectField
            label="Проверка"
            value={filters.review}
            options={REVIEW_OPTIONS}
            onValueChange={(review) => filter({ review: review as ParticipantFilters['review'] })}
          />
          <SelectField
            label="Муниципалитет"
            value={filters.municipalityId}
            disabled={!municipalities}
            options={[
              { value: '', label: municipalities ? 'Все муниципалитеты' : 'Сначала выберите регион' },
              ...(municipalities ?? []).map((m) => ({ value: m.key, label: m.name })),
            ]}
            onValueChange={(municipalityId) => filter({ municipalityId })}
          />
        </div>
        <ProblemMessage error={list.error} />
        {list.isPending ? <Loading /> : null}
        {list.data ? (
          <>
            <ChosenActions
              collectionId={collectionId}
              selected={selected}
              onClear={() => setSelected(new Set())}
            >
              <RemindChosen
                collectionId={collectionId}
                regionCode={regionCode}
                organizationIds={[...selected].map((r) => organizationOf.current.get(r) ?? 0)}
              />
              <ReviewChosen responseIds={[...selected]} />
            </ChosenActions>
            <ParticipantsTable
              rows={list.data.rows}
              filters={filters}
              onSort={(sort, dir) => filter({ sort, dir })}
              onView={(row) => {
                setViewed(row);
                setLastViewedId(row.responseId);
              }}
              viewedButton={viewedButton}
              viewedId={lastViewedId}
              selected={selected}
              onSelect={select}
            />
            <Pager
              page={filters.page}
              pageSize={PARTICIPANTS_PAGE_SIZE}
              total={list.data.total}
              onPageChange={(page) => setFilters((f) => ({ ...f, page }))}
            />
          </>
        ) : null}
      </div>
      {viewed ? (
        <SubmittedDataView responseId={viewed.responseId} name={viewed.name} onClose={closeView} />
      ) : null}
    </section>
  );
}

/** The server prints at most this many reports into one file. */
const MAX_REPORTS_PER_FILE = 100;

type ChosenProps = {
  collectionId: number;
  selected: ReadonlySet<number>;
  onClear: () => void;
  /** More actions on the chosen rows (a reminder, «Принять выбранные», «Вернуть выбранные»). */
  children?: ReactNode;
};

/** What can be done to the chosen rows: their reports as one PDF or as a zip of a PDF each, and the actions passed in. */
function ChosenActions({ collectionId, selected, onClear, children }: ChosenProps) {
  if (selected.size === 0) return null;
  const ids = [...selected].join(',');
  return (
    <div className="chosen-actions" data-testid="chosen-actions">
      <span role="status">Выбрано: {selected.size}</span>
      {selected.size <= MAX_REPORTS_PER_FILE ? (
        <>
          <DownloadLink href={`/api/monitoring/collections/${collectionId}/reports.pdf?responses=${ids}`}>
            Скачать PDF выбранных
          </DownloadLink>
          <DownloadLink href={`/api/monitoring/collections/${collectionId}/reports.zip?responses=${ids}`}>
            Скачать ZIP выбранных
          </DownloadLink>
        </>
      ) : (
        <span className="message message-warning">
          В один файл помещается не больше {MAX_REPORTS_PER_FILE} отчетов: снимите выбор с части участников.
        </span>
      )}
      {children}
      <Button variant="link" onClick={onClear}>
        Снять выбор
      </Button>
    </div>
  );
}

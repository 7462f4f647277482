// One «Сбор данных» block for a coordinator or the federal operator (manual §3): the collection's
// status and dates, «Общая статистика» kept live, the chart and the breakdown by area,
// «Список участников» and «Экспорт результатов».
import { useId, useState } from 'react';
import type { CollectionRow } from '../../../shared/api/collections.js';
import { formatDateTime } from '../../../shared/dates.js';
import { useCan, useSession, useSpansRegions } from '../../app/session.js';
import { Button } from '../../ui/Button.js';
import { CollectionBlock } from '../../ui/CollectionBlock.js';
import { SelectField } from '../../ui/Field.js';
import { Loading, ProblemMessage } from '../../ui/ProblemMessage.js';
import { BreakdownTable } from './BreakdownTable.js';
import { ExportPanel } from './ExportPanel.js';
import { ParticipantsArea } from './ParticipantsArea.js';
import { useCollectionStats } from './queries.js';
import { RemindersPanel } from './RemindersPanel.js';
import { StatsSummary } from './StatsSummary.js';
import { SubmissionsChart } from './SubmissionsChart.js';

export function MonitoringBlock({ collection }: { collection: CollectionRow }) {
  const areaId = useId();
  const { user } = useSession();
  const federal = useSpansRegions();
  const canRemind = useCan('reminders.send');
  const [regionCode, setRegionCode] = useState('');
  const [listOpen, setListOpen] = useState(false);
  const stats = useCollectionStats(collection.id, regionCode, collection.open);
  const regions = useRegionOptions(collection.id, federal);
  const facts = stats.data?.collection ?? collection;
  const regionName = regions.find((r) => r.value === regionCode)?.label ?? null;
  const counts = stats.data;
  const countsStamp = counts ? `${counts.notStarted}/${counts.inProgress}/${counts.submitted}` : '';

  function closeList() {
    setListOpen(false);
    document.getElementById(`${areaId}-toggle`)?.focus();
  }

  return (
    <CollectionBlock
      className="monitoring-block"
      title={facts.title}
      facts={{
        open: facts.open,
        startsAt: facts.startsAt,
        endsAt: facts.endsAt,
        timeZone: user.regionTimezone,
      }}
      data-testid="monitoring-block"
      data-collection-id={collection.id}
    >
      {federal ? (
        <div className="filters monitoring-filters">
          <SelectField
            label="Регион"
            value={regionCode}
            options={[{ value: '', label: 'Все регионы' }, ...regions]}
            onValueChange={setRegionCode}
          />
        </div>
      ) : null}
      <h4>Общая статистика</h4>
      <ProblemMessage error={stats.error} />
      {stats.isPending ? <Loading /> : null}
      {stats.data ? (
        <div className="monitoring-stats" aria-busy={stats.isPlaceholderData || undefined}>
          <StatsSummary counts={stats.data} />
          <p className="muted small" data-testid="stats-updated">
            {collection.open ? 'Статистика обновляется автоматически. ' : ''}
            Данные на {formatDateTime(stats.dataUpdatedAt)} (МСК).
          </p>
          <SubmissionsChart stats={stats.data} />
          <BreakdownTable stats={stats.data} />
        </div>
      ) : null}
      <ExportPanel collectionId={collection.id} regionCode={regionCode} regionName={regionName}>
        <Button
          id={`${areaId}-toggle`}
          aria-expanded={listOpen}
          aria-controls={listOpen ? areaId : undefined}
          onClick={() => setListOpen((open) => !open)}
        >
          Список участников
        </Button>
      </ExportPanel>
      {canRemind ? <RemindersPanel collectionId={collection.id} regionCode={regionCode} /> : null}
      {listOpen ? (
        <ParticipantsArea
          id={areaId}
          collectionId={collection.id}
          regionCode={regionCode}
          municipalities={stats.data?.breakdownBy === 'municipality' ? stats.data.breakdown : null}
          countsStamp={countsStamp}
          onClose={closeList}
        />
      ) : null}
    </CollectionBlock>
  );
}

/** The regions taking part, from the country-wide statistics (for the federal operator only). */
function useRegionOptions(collectionId: number, federal: boolean) {
  const country = useCollectionStats(collectionId, '', false, federal);
  if (!federal || country.data?.breakdownBy !== 'region') return [];
  return country.data.breakdown.map((r) => ({ value: r.key, label: `${r.key} — ${r.name}` }));
}

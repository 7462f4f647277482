// The «Сбор данных» blocks on «НИКО» for those who watch collections ('monitoring.read'):
// one per collection in the user's scope, the latest first.
import { Loading, ProblemMessage } from '../../ui/ProblemMessage.js';
import { MonitoringBlock } from './MonitoringBlock.js';
import { useWatchedCollections } from './queries.js';
import './monitoring.css';

export function MonitoringBlocks() {
  const collections = useWatchedCollections();
  const rows = collections.data?.rows ?? [];
  if (rows.length === 0) {
    return (
      <section className="panel" aria-labelledby="monitoring-heading">
        <h2 id="monitoring-heading">Сбор данных</h2>
        {collections.isPending ? <Loading /> : null}
        <ProblemMessage error={collections.error} />
        {collections.data ? <p>Сборов данных с участием ваших организаций пока нет.</p> : null}
      </section>
    );
  }
  return (
    <>
      {rows.map((c) => (
        <MonitoringBlock key={c.id} collection={c} />
      ))}
    </>
  );
}

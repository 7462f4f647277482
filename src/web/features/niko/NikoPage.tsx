// Section «НИКО», the cabinet's home page. Publications (manual §1) and the «Сбор данных» block
// (manual §2, §3) are added here by their own features. The block is a chunk per role: a school
// loads its data collection, those who watch collections load the monitoring.
import { lazyPage } from '../../app/lazy-page.js';
import { usePageTitle } from '../../app/page-title.js';
import { useCan } from '../../app/session.js';
import { Publications } from '../publications/Publications.js';
import { Notices } from './Notices.js';

const dataCollectionBlocks = lazyPage(
  () => import('../data-collection/DataCollectionBlock.js'),
  'DataCollectionBlocks',
);
const monitoringBlocks = lazyPage(() => import('../monitoring/MonitoringBlocks.js'), 'MonitoringBlocks');

export function NikoPage() {
  usePageTitle('НИКО');
  const fills = useCan('responses.fill');
  const canMonitor = useCan('monitoring.read');
  const receives = useCan('reminders.receive');
  return (
    <>
      <h1>НИКО</h1>
      <p className="lead">Национальные исследования качества образования.</p>
      {receives ? <Notices /> : null}
      <section className="panel" aria-labelledby="niko-publications">
        <h2 id="niko-publications">Публикации</h2>
        <Publications />
      </section>
      {fills ? (
        dataCollectionBlocks
      ) : canMonitor ? (
        monitoringBlocks
      ) : (
        <section className="panel" aria-labelledby="niko-collection">
          <h2 id="niko-collection">Сбор данных</h2>
          <p>Здесь появится блок «Сбор данных» с общей статистикой и списком участников.</p>
        </section>
      )}
    </>
  );
}

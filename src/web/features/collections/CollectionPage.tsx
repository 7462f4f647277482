// One collection (federal operator): its form, interval in Moscow time, status and participants,
// with the actions that change it.
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { formatInterval } from '../../../shared/dates.js';
import { formatCount } from '../../../shared/plural.js';
import { usePageTitle } from '../../app/page-title.js';
import { CollectionStatusBadge } from '../../ui/CollectionStatusBadge.js';
import { Loading, ProblemMessage } from '../../ui/ProblemMessage.js';
import { versionLabel } from '../forms/queries.js';
import { CollectionActions } from './CollectionActions.js';
import { closedReason } from './closed-reason.js';
import { useCollection, useCollections } from './queries.js';
import './collections.css';

export function CollectionPage() {
  const { id } = useParams();
  const one = useCollection(id);
  // The list carries the form's title and the number of participants.
  const listed = useCollections().data?.rows.find((r) => String(r.id) === id);
  const created = (useLocation().state as { notice?: string } | null)?.notice;
  const [notice, setNotice] = useState<string | null>(null);
  const c = one.data;
  usePageTitle(c?.title ?? 'Сбор данных');

  if (one.isLoading) return <Loading />;
  if (!c) return <ProblemMessage error={one.error} />;
  const reason = closedReason(c);
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/collections">Сборы данных</Link>
      </p>
      <h1>{c.title}</h1>
      {/* Always present, so that each action's outcome is announced. */}
      <div role="status">
        {notice || created ? <div className="message message-success">{notice ?? created}</div> : null}
      </div>
      <dl className="details">
        <dt>Статус</dt>
        <dd data-testid="collection-status">
          <CollectionStatusBadge open={c.open} />
          {reason ? <span className="collection-status-reason"> {reason}</span> : null}
        </dd>
        <dt>Сроки</dt>
        <dd>{formatInterval(c.startsAt, c.endsAt)}</dd>
        <dt>Форма</dt>
        <dd>
          <Link to={`/forms/versions/${c.formVersionId}`}>
            {listed
              ? versionLabel(listed.formTitle, listed.formVersion)
              : `Версия формы № ${c.formVersionId}`}
          </Link>
        </dd>
        <dt>Участников</dt>
        <dd>{listed ? formatCount(Number(listed.participants)) : '…'}</dd>
      </dl>
      <CollectionActions collection={c} onNotice={setNotice} />
    </>
  );
}

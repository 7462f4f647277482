// «Журнал аудита» (federal operator): newest first, filtered by action and actor, loaded in
// portions with «Показать ещё» (the server pages by id, not by offset, so rows never shift).
import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { auditResponses } from '../../../shared/api/audit.js';
import type { Answer } from '../../../shared/api/common.js';
import { formatDateTime } from '../../../shared/dates.js';
import { api } from '../../app/api.js';
import { usePageTitle } from '../../app/page-title.js';
import { Button } from '../../ui/Button.js';
import { TextField } from '../../ui/Field.js';
import { Loading, ProblemMessage } from '../../ui/ProblemMessage.js';
import { TableFrame } from '../../ui/TableFrame.js';
import { AUDIT_ACTION_LABELS, OBJECT_TYPE_LABELS } from './action-labels.js';

const LIMIT = 50;

export function AuditPage() {
  usePageTitle('Журнал аудита');
  const [params, setParams] = useSearchParams();
  const action = params.get('action') ?? '';
  const actor = params.get('actor') ?? '';
  const [draft, setDraft] = useState({ action, actor });
  useEffect(() => setDraft({ action, actor }), [action, actor]);
  const datalistId = useId();

  const log = useInfiniteQuery({
    queryKey: ['audit', { action, actor }],
    queryFn: ({ pageParam }) =>
      api.get<Answer<typeof auditResponses.list>>('/api/audit', {
        action,
        actor,
        beforeId: pageParam,
        limit: LIMIT,
      }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBeforeId ?? undefined,
  });

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.action.trim()) next.set('action', draft.action.trim());
    if (draft.actor.trim()) next.set('actor', draft.actor.trim().toLowerCase());
    setParams(next, { replace: true });
  }

  const rows = log.data?.pages.flatMap((p) => p.rows) ?? [];

  return (
    <>
      <h1>Журнал аудита</h1>
      <form className="filters" onSubmit={apply} aria-label="Отбор записей журнала">
        <TextField
          label="Действие"
          hint="Код действия, например auth.login"
          list={datalistId}
          value={draft.action}
          onValueChange={(v) => setDraft((d) => ({ ...d, action: v }))}
          spellCheck={false}
        />
        <datalist id={datalistId}>
          {Object.entries(AUDIT_ACTION_LABELS).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </datalist>
        <TextField
          label="Пользователь"
          hint="Логин, например admin"
          value={draft.actor}
          onValueChange={(v) => setDraft((d) => ({ ...d, actor: v }))}
          spellCheck={false}
        />
        <Button type="submit" variant="primary">
          Применить
        </Button>
      </form>
      <ProblemMessage error={log.error} />
      {log.isLoading ? (
        <Loading />
      ) : (
        <>
          {rows.length === 0 ? (
            <p>Записей не найдено.</p>
          ) : (
            <TableFrame>
              <table className="table" data-testid="audit-table">
                <caption className="visually-hidden">Записи журнала аудита, сначала новые</caption>
                <thead>
                  <tr>
                    <th scope="col">Дата и время (МСК)</th>
                    <th scope="col">Пользователь</th>
                    <th scope="col">IP-адрес</th>
                    <th scope="col">Действие</th>
                    <th scope="col">Объект</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id}>
                      <td className="nowrap">{formatDateTime(r.at)}</td>
                      <td>{r.actorLogin || '—'}</td>
                      <td>{r.ip}</td>
                      <td>
                        {AUDIT_ACTION_LABELS[r.action] ?? r.action}
                        <div className="muted small">{r.action}</div>
                      </td>
                      <td>
                        {r.objectType
                          ? `${OBJECT_TYPE_LABELS[r.objectType] ?? r.objectType} ${r.objectId}`
                          : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableFrame>
          )}
          {log.hasNextPage && (
            <Button onClick={() => void log.fetchNextPage()} busy={log.isFetchingNextPage}>
              Показать ещё
            </Button>
          )}
        </>
      )}
    </>
  );
}

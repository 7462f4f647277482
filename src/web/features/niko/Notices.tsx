// The organization's reminders at the top of «НИКО» (issue 11 §2): each until it is dismissed with
// «Скрыть». Shown ones are marked read, which the coordinator sees in «Отправленные напоминания».
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef } from 'react';
import type { NoticeRow } from '../../../shared/api/reminders.js';
import { formatDateTime } from '../../../shared/dates.js';
import { ROLE_LABELS } from '../../../shared/roles.js';
import { Button } from '../../ui/Button.js';
import { ProblemMessage } from '../../ui/ProblemMessage.js';
import { dismissNotice, markNoticesRead, NOTICES_KEY, useNotices } from './notices.js';
import './notices.css';

export function Notices() {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const queryClient = useQueryClient();
  const notices = useNotices();
  const rows = notices.data?.rows ?? [];
  const unread = rows
    .filter((r) => !r.readAt)
    .map((r) => r.id)
    .join(',');
  useEffect(() => {
    if (!unread) return;
    // Not awaited by anything: a failed receipt is simply sent again on the next visit.
    void markNoticesRead(unread.split(',').map(Number)).catch(() => {});
  }, [unread]);
  const dismiss = useMutation({
    mutationFn: (id: number) => dismissNotice(id),
    onSuccess: async (_ok, id) => {
      const left = rows.filter((r) => r.id !== id);
      queryClient.setQueryData(NOTICES_KEY, { rows: left });
      // The dismissed one's button is gone: focus goes to the notices left, or to the page itself.
      if (left.length) heading.current?.focus();
      else document.getElementById('content')?.focus();
    },
  });

  if (rows.length === 0) return <ProblemMessage error={dismiss.error} />;
  return (
    <section className="notices" aria-labelledby={headingId} data-testid="notices">
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        Напоминания
      </h2>
      <ProblemMessage error={dismiss.error} />
      <ul className="notice-list">
        {rows.map((r) => (
          <Notice key={r.id} notice={r} busy={dismiss.isPending} onDismiss={() => dismiss.mutate(r.id)} />
        ))}
      </ul>
    </section>
  );
}

function Notice({ notice, busy, onDismiss }: { notice: NoticeRow; busy: boolean; onDismiss: () => void }) {
  const from = [ROLE_LABELS[notice.senderRole], notice.senderArea].filter(Boolean).join(', ');
  const when = formatDateTime(notice.sentAt);
  return (
    <li className="notice" data-testid="notice">
      <div className="notice-body">
        <p className="notice-meta">
          <strong>Сбор данных «{notice.collectionTitle}»</strong>
          <span className="muted small">
            {' '}
            · {from} · {when} (МСК)
          </span>
        </p>
        <p className="notice-message">{notice.message}</p>
      </div>
      <Button aria-disabled={busy || undefined} onClick={() => !busy && onDismiss()}>
        Скрыть<span className="visually-hidden"> напоминание от {when}</span>
      </Button>
    </li>
  );
}

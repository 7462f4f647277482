// The number of an organization's reminders not yet dismissed, next to «НИКО» in the header.
import { pluralWord } from '../../../shared/plural.js';
import { useNotices } from './notices.js';

export function NoticeCount() {
  const n = useNotices().data?.rows.length ?? 0;
  if (n === 0) return null;
  return (
    <span className="nav-count" data-testid="notice-count">
      <span aria-hidden="true">{n}</span>
      <span className="visually-hidden">
        {n} {pluralWord(n, ['напоминание', 'напоминания', 'напоминаний'])}
      </span>
    </span>
  );
}

// The one indicator for the whole form: are all changes saved, and if not, why and how many.

import type { QueueStatus } from '../../form-table/autosave-types.js';
import { usePendingCount, useQueueStatus } from '../../form-table/draft-hooks.js';
import type { ResponseDraft } from '../../form-table/response-draft.js';
import { Button } from '../../ui/Button.js';
import { storageIsPersistent } from './queue-registry.js';

export function saveStatusText(status: QueueStatus, pending: number, error: string | null): string {
  switch (status) {
    case 'saved':
      return 'Все изменения сохранены';
    case 'saving':
      return 'Сохранение…';
    case 'offline':
      return `Нет связи — изменения сохранятся при восстановлении связи (${pending})`;
    case 'paused':
      return `Сеанс завершён. Войдите снова — изменения сохранены в этом браузере и будут отправлены (${pending})`;
    case 'conflict':
      return 'Есть конфликты';
    case 'failed':
      return `Не удалось сохранить изменения (${pending})${error ? `: ${error}` : ''}`;
    case 'closed':
      return `Сбор данных закрыт: изменения не сохранены (${pending}). Они остаются в этом браузере.`;
  }
}

export function SaveIndicator({ draft }: { draft: ResponseDraft }) {
  const status = useQueueStatus(draft);
  const pending = usePendingCount(draft);
  const tone = status === 'saved' ? 'ok' : status === 'saving' ? 'busy' : 'alert';
  return (
    <div className={`save-indicator save-indicator-${tone}`}>
      <span role="status" data-testid="save-indicator" data-state={status}>
        {saveStatusText(status, pending, draft.queue.lastError)}
      </span>
      {status === 'failed' ? (
        <Button variant="link" onClick={() => draft.queue.retryFailed()}>
          Повторить
        </Button>
      ) : null}
      {status === 'offline' ? (
        <Button variant="link" onClick={() => draft.queue.resendNow()}>
          Отправить сейчас
        </Button>
      ) : null}
      {!storageIsPersistent() ? (
        <span className="save-indicator-warning">
          Браузер не разрешает хранить данные: не закрывайте страницу, пока изменения не сохранены.
        </span>
      ) : null}
    </div>
  );
}

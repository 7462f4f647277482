// Why the queue could not be emptied, in the words «Сдать отчет» and «Закрыть» use.
import type { FlushResult } from '../../form-table/autosave-types.js';

type Reason = Extract<FlushResult, { ok: false }>['reason'];

const KEPT = 'Изменения хранятся в этом браузере и будут отправлены автоматически.';

export const FLUSH_REASONS: Record<Reason, string> = {
  offline: `Нет связи с сервером. ${KEPT}`,
  paused: `Сеанс завершён: войдите снова. ${KEPT}`,
  conflict: 'Есть конфликты изменений: выберите, какие значения оставить.',
  failed: 'Часть изменений сервер не принял: проверьте ячейки, отмеченные «Не сохранено».',
  closed: 'Сбор данных закрыт: изменения больше не принимаются.',
};

export function submitBlockedMessage(reason: Reason): string {
  return `Отчет не сдан: не все изменения сохранены. ${FLUSH_REASONS[reason]}`;
}

// A cell's save state: a small sign for the eye, and words for screen readers and the mouse.
import type { CellSaveStatus } from './autosave-types.js';

const MARKS: Record<Exclude<CellSaveStatus, 'idle'>, { sign: string; text: string }> = {
  saving: { sign: '…', text: 'Сохраняется' },
  saved: { sign: '✓', text: 'Сохранено' },
  retrying: { sign: '↻', text: 'Не отправлено: нет связи, отправим повторно' },
  conflict: { sign: '!', text: 'Конфликт: выберите значение' },
  failed: { sign: '✕', text: 'Не сохранено' },
  closed: { sign: '✕', text: 'Не сохранено: сбор данных закрыт' },
};

export function saveMarkText(status: CellSaveStatus, error: string | null): string {
  if (status === 'idle') return '';
  const { text } = MARKS[status];
  return status === 'failed' && error ? `${text}: ${error}` : text;
}

export function SaveMark({
  id,
  status,
  error,
}: {
  id: string;
  status: CellSaveStatus;
  error: string | null;
}) {
  if (status === 'idle') return null;
  const text = saveMarkText(status, error);
  return (
    <span id={id} className={`save-mark save-mark-${status}`} title={text}>
      <span aria-hidden="true">{MARKS[status].sign}</span>
      <span className="visually-hidden">{text}</span>
    </span>
  );
}

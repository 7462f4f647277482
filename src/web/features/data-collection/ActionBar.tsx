// The bar that stays at the bottom of the screen under a long form: conflicts waiting for a choice,
// the save indicator, the focused cell with its «История», «Сдать отчет» and «Закрыть».
import { type ReactNode, useRef } from 'react';
import { cellLabel } from '../../form-table/cell-labels.js';
import { useCurrentCell, usePendingCount } from '../../form-table/draft-hooks.js';
import type { ResponseDraft } from '../../form-table/response-draft.js';
import { Button } from '../../ui/Button.js';
import { ConflictPanel } from './ConflictPanel.js';
import { SaveIndicator } from './SaveIndicator.js';
import { useBarClearance } from './use-bar-clearance.js';

type Props = {
  draft: ResponseDraft;
  readOnly: boolean;
  submitting: boolean;
  closing: boolean;
  notice: ReactNode;
  onSubmit: () => void;
  onClose: () => void;
  onHistory: (cell: string) => void;
};

export function ActionBar({
  draft,
  readOnly,
  submitting,
  closing,
  notice,
  onSubmit,
  onClose,
  onHistory,
}: Props) {
  const current = useCurrentCell(draft);
  // Read-only with changes left over (the collection closed under them): say where they are.
  const pending = usePendingCount(draft);
  const bar = useRef<HTMLElement>(null);
  useBarClearance(bar);
  return (
    <section ref={bar} className="form-action-bar" aria-label="Сохранение и сдача отчета">
      <ConflictPanel draft={draft} />
      {notice}
      <div className="form-action-row">
        {readOnly && pending === 0 ? null : <SaveIndicator draft={draft} />}
        <span className="current-cell">
          <span id="current-cell-label" className="muted small">
            {current
              ? `Ячейка: ${cellLabel(draft.definition, current, (t) => draft.rowsOf(t))}`
              : 'Выберите ячейку, чтобы посмотреть её историю'}
          </span>{' '}
          <Button
            variant="link"
            disabled={!current}
            aria-describedby="current-cell-label"
            onClick={() => current && onHistory(current)}
          >
            История
          </Button>
        </span>
        <span className="form-action-buttons">
          {readOnly ? null : (
            <Button variant="primary" busy={submitting} onClick={onSubmit}>
              Сдать отчет
            </Button>
          )}
          <Button busy={closing} onClick={onClose}>
            Закрыть
          </Button>
        </span>
      </div>
    </section>
  );
}

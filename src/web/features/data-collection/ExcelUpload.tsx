// «Загрузить из Excel» on the table page: the school picks the form file it filled in, sees what it
// would change («Будет изменено N ячеек», the changes, errors and conflicts), and applies it or not
// (POST /api/responses/:id/excel-upload/preview, then …/apply with the same file). Whatever is typed
// in the table is saved first, so that the preview compares the file with what the server holds.
// After «Применить» the page reads the response again and the table shows the new values.
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import type { UploadApplied, UploadPreview } from '../../../shared/api/excel-upload.js';
import { formatCount } from '../../../shared/plural.js';
import { api } from '../../app/api.js';
import type { ResponseDraft } from '../../form-table/response-draft.js';
import { Button } from '../../ui/Button.js';
import { ProblemMessage, SuccessMessage } from '../../ui/ProblemMessage.js';
import { ExcelUploadPreview } from './ExcelUploadPreview.js';
import { FLUSH_REASONS } from './flush-messages.js';

type Props = { responseId: number; draft: ResponseDraft; disabled: boolean };

const XLSX_ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function send<T>(responseId: number, step: 'preview' | 'apply', file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<T>(`/api/responses/${responseId}/excel-upload/${step}`, form);
}

export function ExcelUpload({ responseId, draft, disabled }: Props) {
  const queryClient = useQueryClient();
  const panelId = useId();
  const fileId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const doneMessage = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<UploadPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [blocked, setBlocked] = useState<string | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const [done, setDone] = useState<UploadApplied | null>(null);

  const focusHeading = () => window.requestAnimationFrame(() => heading.current?.focus());

  function start() {
    setOpen(true);
    setDone(null);
    focusHeading();
  }

  /** Closes the panel; focus goes back to «Загрузить из Excel» unless `returnFocus` is false. */
  function cancel(returnFocus = true) {
    setOpen(false);
    setPreview(null);
    setFile(null);
    setError(null);
    setBlocked(null);
    setFileMissing(false);
    if (returnFocus) window.requestAnimationFrame(() => opener.current?.focus());
  }

  async function check(event: { preventDefault: () => void }) {
    event.preventDefault();
    setError(null);
    setBlocked(null);
    if (!file) return setFileMissing(true);
    setBusy(true);
    try {
      // The preview compares the file with the server's cells: what was typed here goes first.
      const flushed = await draft.queue.flush();
      if (!flushed.ok)
        return setBlocked(`Файл не проверен: не все изменения сохранены. ${FLUSH_REASONS[flushed.reason]}`);
      setPreview(await send<UploadPreview>(responseId, 'preview', file));
      focusHeading();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      const result = await send<UploadApplied>(responseId, 'apply', file);
      cancel(false);
      setDone(result);
      window.requestAnimationFrame(() => doneMessage.current?.focus());
      // The editor's data is read once per visit: read it again to show the loaded values.
      await queryClient.invalidateQueries({ queryKey: ['response', responseId], exact: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const nothingToApply = preview !== null && preview.changeCount === 0 && preview.newRowCount === 0;
  return (
    <>
      {disabled ? null : (
        <Button ref={opener} onClick={start} aria-expanded={open} aria-controls={panelId} disabled={open}>
          Загрузить из Excel
        </Button>
      )}
      {done ? (
        <div className="excel-upload-done" ref={doneMessage} tabIndex={-1}>
          <SuccessMessage>
            Загружено из файла. Изменено ячеек: {formatCount(done.applied)}.
            {done.newRowCount > 0 ? ` Добавлено строк: ${formatCount(done.newRowCount)}.` : ''}
            {done.conflicts.length > 0
              ? ` Не загружено из-за изменений в портале: ${formatCount(done.conflicts.length)}.`
              : ''}
          </SuccessMessage>
        </div>
      ) : null}
      {open ? (
        <section
          id={panelId}
          className="excel-upload"
          aria-labelledby={`${panelId}-title`}
          data-testid="excel-upload"
        >
          <h2 id={`${panelId}-title`} ref={heading} tabIndex={-1}>
            Загрузить из Excel
          </h2>
          {preview === null ? (
            <form onSubmit={(e) => void check(e)} noValidate>
              <div className={fileMissing ? 'field field-invalid' : 'field'}>
                <label htmlFor={fileId}>Файл формы (.xlsx)</label>
                <div id={`${fileId}-hint`} className="field-hint">
                  Файл, скачанный кнопкой «Скачать форму в Excel» и заполненный в Excel. Перед загрузкой будут
                  показаны изменения; ничего не изменится, пока вы не нажмёте «Применить».
                </div>
                <input
                  id={fileId}
                  type="file"
                  name="file"
                  accept={XLSX_ACCEPT}
                  aria-describedby={fileMissing ? `${fileId}-hint ${fileId}-error` : `${fileId}-hint`}
                  aria-invalid={fileMissing || undefined}
                  onChange={(e) => {
                    setFile(e.currentTarget.files?.[0] ?? null);
                    setFileMissing(false);
                  }}
                />
                {fileMissing ? (
                  <div id={`${fileId}-error`} className="field-error">
                    Выберите файл формы.
                  </div>
                ) : null}
              </div>
              <div className="form-actions">
                <Button type="submit" variant="primary" busy={busy}>
                  Показать изменения
                </Button>
                <Button onClick={() => cancel()}>Отмена</Button>
              </div>
            </form>
          ) : (
            <>
              <ExcelUploadPreview preview={preview} fileName={file?.name ?? ''} />
              <div className="form-actions">
                <Button variant="primary" onClick={() => void apply()} busy={busy} disabled={nothingToApply}>
                  Применить
                </Button>
                <Button onClick={() => cancel()}>Отмена</Button>
              </div>
            </>
          )}
          {blocked ? (
            <div className="message message-error" role="alert">
              {blocked}
            </div>
          ) : null}
          <ProblemMessage error={error} />
        </section>
      ) : null}
    </>
  );
}

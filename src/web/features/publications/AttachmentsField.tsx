// The editor's «Материалы»: files already attached (each removable, after confirmation), and new
// files, checked on choice and sent on save, each with its own progress bar.
import { useId, useState } from 'react';
import type { PublicationFile } from '../../../shared/api/publications.js';
import { ACCEPTED_EXTENSIONS, formatFileSize } from '../../../shared/publication-rules.js';
import { Button } from '../../ui/Button.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { deleteFile, useInvalidatePublications } from './queries.js';
import type { useUploads } from './uploads.js';

const STATE_LABELS = {
  waiting: 'будет загружен при сохранении',
  sending: 'загружается',
  done: 'загружен',
  failed: '',
};

export function AttachmentsField({
  existing,
  uploads,
}: {
  existing: PublicationFile[];
  uploads: ReturnType<typeof useUploads>;
}) {
  const inputId = useId();
  const hintId = useId();
  const [removing, setRemoving] = useState<PublicationFile | null>(null);
  const invalidate = useInvalidatePublications();
  return (
    <fieldset className="publication-attachments">
      <legend>Материалы</legend>
      {existing.length > 0 && (
        <ul className="attachment-list">
          {existing.map((f) => (
            <li key={f.id}>
              <a href={f.url} download={f.name}>
                {f.name}
              </a>{' '}
              <span className="publication-file-size">({formatFileSize(f.sizeBytes)})</span>{' '}
              <Button variant="link" onClick={() => setRemoving(f)} aria-label={`Удалить файл ${f.name}`}>
                Удалить
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor={inputId}>Добавить файлы</label>
        <div id={hintId} className="field-hint">
          До 50 МБ каждый. Типы: {ACCEPTED_EXTENSIONS.join(', ')}.
        </div>
        <input
          id={inputId}
          type="file"
          multiple
          accept={ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join(',')}
          aria-describedby={hintId}
          onChange={(e) => {
            if (e.target.files) uploads.add(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
      {uploads.items.length > 0 && (
        <ul className="upload-list">
          {uploads.items.map((u) => (
            <li key={u.key} className={u.state === 'failed' ? 'upload upload-failed' : 'upload'}>
              <span className="upload-name">
                {u.file.name} ({formatFileSize(u.file.size)})
              </span>
              {u.state !== 'failed' && (
                <progress
                  max={100}
                  value={Math.round(u.progress * 100)}
                  aria-label={`Загрузка файла ${u.file.name}`}
                />
              )}
              <span className="upload-state" role={u.state === 'failed' ? 'alert' : undefined}>
                {u.state === 'failed' ? u.error : STATE_LABELS[u.state]}
                {u.state === 'sending' ? ` ${Math.round(u.progress * 100)} %` : ''}
              </span>
              {(u.state === 'waiting' || u.state === 'failed') && (
                <Button
                  variant="link"
                  onClick={() => uploads.remove(u.key)}
                  aria-label={`Убрать файл ${u.file.name}`}
                >
                  Убрать
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {removing && (
        <ConfirmDialog
          title="Удалить файл?"
          confirmLabel="Удалить"
          danger
          onConfirm={() => deleteFile(removing.url)}
          onDone={() => {
            setRemoving(null);
            invalidate();
          }}
          onCancel={() => setRemoving(null)}
        >
          <p>Файл «{removing.name}» будет удалён из публикации.</p>
        </ConfirmDialog>
      )}
    </fieldset>
  );
}

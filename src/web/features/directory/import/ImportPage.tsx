// «Импорт» of organizations or users from CSV or XLSX (federal operator). With any refused row
// nothing is applied, unless «Применить только корректные строки» is ticked.
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import type { Answer } from '../../../../shared/api/common.js';
import type { directoryResponses } from '../../../../shared/api/directory.js';
import { ApiError, api } from '../../../app/api.js';
import { usePageTitle } from '../../../app/page-title.js';
import { Button } from '../../../ui/Button.js';
import { CheckboxField } from '../../../ui/Field.js';
import { ProblemMessage } from '../../../ui/ProblemMessage.js';
import { DIRECTORY_KEY } from '../queries.js';
import { ImportReportView } from './ImportReportView.js';
import { type ImportKind, isImportReport, type ShownReport } from './types.js';

const KINDS: { value: ImportKind; label: string }[] = [
  { value: 'organizations', label: 'Организации' },
  { value: 'users', label: 'Пользователи' },
];

export function ImportPage() {
  usePageTitle('Импорт');
  const queryClient = useQueryClient();
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<ImportKind>('organizations');
  const [validOnly, setValidOnly] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [report, setReport] = useState<ShownReport | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setReport(null);
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setFileError('Выберите файл.');
      fileInput.current?.focus();
      return;
    }
    setFileError(null);
    const form = new FormData();
    // Fields before the file, so the server knows the mode when the file arrives.
    form.append('mode', validOnly ? 'valid-only' : 'all');
    form.append('file', file, file.name);
    setBusy(true);
    try {
      setReport(await api.upload<Answer<typeof directoryResponses.import>>(`/api/import/${kind}`, form));
    } catch (err) {
      if (err instanceof ApiError && isImportReport(err.body)) setReport(err.body);
      else setError(err);
    } finally {
      setBusy(false);
      void queryClient.invalidateQueries({ queryKey: [DIRECTORY_KEY] });
    }
  }

  return (
    <>
      <h1>Импорт</h1>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="radio-group">
          <legend>Что импортировать</legend>
          {KINDS.map((k) => (
            <label key={k.value} className="radio">
              <input
                type="radio"
                name="kind"
                value={k.value}
                checked={kind === k.value}
                onChange={() => {
                  setKind(k.value);
                  setReport(null);
                }}
              />
              {k.label}
            </label>
          ))}
        </fieldset>
        <p className="templates">
          Шаблон файла:{' '}
          <a href={`/api/import/${kind}/template.csv`} download>
            Скачать шаблон CSV
          </a>{' '}
          ·{' '}
          <a href={`/api/import/${kind}/template.xlsx`} download>
            Скачать шаблон XLSX
          </a>
        </p>
        <div className={fileError ? 'field field-invalid' : 'field'}>
          <label htmlFor={fileId}>Файл для импорта</label>
          <div id={`${fileId}-hint`} className="field-hint">
            CSV (UTF-8 или Windows-1251, разделитель — запятая или точка с запятой) или XLSX.
          </div>
          <input
            ref={fileInput}
            id={fileId}
            type="file"
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={fileError ? `${fileId}-hint ${fileId}-error` : `${fileId}-hint`}
            aria-invalid={fileError ? true : undefined}
          />
          {fileError && (
            <div id={`${fileId}-error`} className="field-error">
              {fileError}
            </div>
          )}
        </div>
        <CheckboxField
          label="Применить только корректные строки"
          hint="Без отметки файл не применяется, если в нём есть хотя бы одна ошибка."
          checked={validOnly}
          onCheckedChange={setValidOnly}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy}>
            Загрузить
          </Button>
        </div>
      </form>
      <ProblemMessage error={error} />
      {report && <ImportReportView report={report} kind={kind} />}
    </>
  );
}

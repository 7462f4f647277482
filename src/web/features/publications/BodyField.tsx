// The publication's text in Markdown, with «Предпросмотр»: rendered by the server exactly as
// readers will get it (POST /api/publications/preview), so what the operator sees is what is stored.
import { useId, useState } from 'react';
import { errorMessage } from '../../app/api.js';
import { Button } from '../../ui/Button.js';
import { previewMarkdown } from './queries.js';
import { ServerHtml } from './ServerHtml.js';

export function BodyField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  const id = useId();
  const hintId = useId();
  const errorId = useId();
  const previewId = useId();
  const [preview, setPreview] = useState<{ html?: string; error?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function showPreview() {
    setBusy(true);
    try {
      setPreview({ html: (await previewMarkdown(value)).html });
    } catch (err) {
      setPreview({ error: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>Текст публикации</label>
      <div id={hintId} className="field-hint">
        Markdown: **жирный**, *курсив*, списки («- » или «1. »), таблицы, ссылки [текст](https://…).
      </div>
      <textarea
        id={id}
        className="publication-markdown"
        rows={12}
        value={value}
        aria-describedby={[hintId, error ? errorId : ''].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <div id={errorId} className="field-error">
          {error}
        </div>
      )}
      <div className="actions">
        <Button onClick={showPreview} busy={busy} aria-controls={previewId}>
          Предпросмотр
        </Button>
        {preview && <Button onClick={() => setPreview(null)}>Скрыть предпросмотр</Button>}
      </div>
      <section
        id={previewId}
        className="publication-preview"
        aria-label="Предпросмотр"
        hidden={!preview}
        aria-live="polite"
      >
        {preview?.error && <div className="message message-error">{preview.error}</div>}
        {preview?.html !== undefined && <ServerHtml html={preview.html} />}
      </section>
    </div>
  );
}

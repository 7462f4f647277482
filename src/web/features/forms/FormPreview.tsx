// «Предпросмотр»: the form exactly as an organization sees it, drawn by the organization's own
// table (form-table/FormTable). The operator may type into it to try the checks and press
// «Проверить форму» for the list that «Сдать отчет» would show; nothing is sent or kept.
import { useEffect, useId, useRef, useState } from 'react';
import type { FormDefinition } from '../../../shared/forms/definition.js';
import { ErrorList } from '../../form-table/ErrorList.js';
import { FormTable } from '../../form-table/FormTable.js';
import type { ResponseDraft } from '../../form-table/response-draft.js';
import { Button } from '../../ui/Button.js';
import { InfoMessage } from '../../ui/ProblemMessage.js';
import { previewDraft } from './preview-draft.js';

export function FormPreview({ definition }: { definition: FormDefinition }) {
  const titleId = useId();
  const errorsHeading = useRef<HTMLHeadingElement>(null);
  const [draft, setDraft] = useState<ResponseDraft | null>(null);
  // Made in the effect that also disposes of it, so that a remount never reuses a disposed queue.
  useEffect(() => {
    const local = previewDraft(definition);
    local.attach(true, true);
    setDraft(local);
    return () => {
      local.detach();
      local.queue.dispose();
    };
  }, [definition]);
  return (
    <section className="form-preview" aria-labelledby={titleId} data-testid="form-preview">
      <p className="section-label">Предпросмотр: так форму увидит организация</p>
      <h2 id={titleId}>{definition.title}</h2>
      {definition.description ? <p>{definition.description}</p> : null}
      <InfoMessage>
        В ячейки можно вводить значения, чтобы проверить форму. Они никуда не отправляются и не сохраняются.
      </InfoMessage>
      {draft ? (
        <>
          {definition.tables.map((table) => (
            <FormTable key={table.key} draft={draft} table={table} readOnly={false} />
          ))}
          <ErrorList draft={draft} headingRef={errorsHeading} />
          <div className="actions">
            <Button
              onClick={() => {
                draft.revealAllErrors();
                window.requestAnimationFrame(() => errorsHeading.current?.focus());
              }}
            >
              Проверить форму
            </Button>
          </div>
        </>
      ) : null}
    </section>
  );
}

// «Загрузить JSON» (a labelled file input: read in the browser, checked, put into the designer) and
// «Скачать JSON» (the definition as it is now, errors and all, to keep or to edit elsewhere).
import { useId, useState } from 'react';
import type { DefinitionError } from '../../../../shared/forms/check-definition.js';
import type { FormDefinition } from '../../../../shared/forms/definition.js';
import { Button } from '../../../ui/Button.js';
import { SuccessMessage } from '../../../ui/ProblemMessage.js';
import { downloadDefinition, readDefinitionFile } from './definition-file.js';

type Props = {
  definition: FormDefinition;
  fileName: string;
  onLoad: (definition: FormDefinition) => void;
};

export function DefinitionFileControls({ definition, fileName, onLoad }: Props) {
  const inputId = useId();
  const [loaded, setLoaded] = useState<string | null>(null);
  const [refused, setRefused] = useState<{ message: string; errors: DefinitionError[] } | null>(null);

  async function load(input: HTMLInputElement) {
    const file = input.files?.[0];
    // Cleared, so that choosing the same file again (after fixing it) loads it again.
    input.value = '';
    if (!file) return;
    setLoaded(null);
    const result = readDefinitionFile(await file.text());
    if (result.ok) {
      setRefused(null);
      onLoad(result.definition);
      setLoaded(file.name);
    } else {
      setRefused({ message: result.message, errors: result.errors });
    }
  }

  return (
    <div className="designer-file">
      <div className="field">
        <label htmlFor={inputId}>Загрузить JSON</label>
        <div id={`${inputId}-hint`} className="field-hint">
          Описание формы в формате JSON заменит то, что сейчас в конструкторе.
        </div>
        <input
          id={inputId}
          type="file"
          accept=".json,application/json"
          aria-describedby={`${inputId}-hint`}
          onChange={(e) => void load(e.currentTarget)}
        />
      </div>
      <Button onClick={() => downloadDefinition(definition, fileName)}>Скачать JSON</Button>
      {loaded ? (
        <SuccessMessage>
          Форма загружена из файла «{loaded}». Проверьте ошибки ниже, если они есть.
        </SuccessMessage>
      ) : null}
      {refused ? (
        <div className="message message-error" role="alert">
          {refused.message}
          {refused.errors.length ? (
            <ul>
              {refused.errors.slice(0, 20).map((e) => (
                <li key={`${e.path}:${e.message}`}>
                  <code>{e.path || '(весь файл)'}</code>: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

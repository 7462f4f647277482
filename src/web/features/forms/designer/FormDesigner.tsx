// The form designer: the definition edited field by field, checked as it changes by the same engine
// the server runs (so what passes here passes there), previewed as an organization will see it,
// loaded from and saved to JSON, and stored with «Сохранить».
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { checkDefinition, type DefinitionError } from '../../../../shared/forms/check-definition.js';
import { type FormDefinition, FormDefinitionSchema } from '../../../../shared/forms/definition.js';
import { formatCount } from '../../../../shared/plural.js';
import { ApiError } from '../../../app/api.js';
import { Button } from '../../../ui/Button.js';
import { InfoMessage, ProblemMessage } from '../../../ui/ProblemMessage.js';
import { FormPreview } from '../FormPreview.js';
import { DefinitionEditor } from './DefinitionEditor.js';
import { DefinitionErrorList } from './DefinitionErrorList.js';
import { DefinitionFileControls } from './DefinitionFileControls.js';
import { DesignerErrorsProvider } from './designer-errors.js';
import { useLeaveGuard } from './leave-guard.js';
import './designer.css';

// The schema's own messages in Russian, as the server words them (it installs the same at start).

type Props = {
  initial: FormDefinition;
  /** The name «Скачать JSON» gives the file. */
  fileName: string;
  /** Stores the definition; throws an ApiError when the server refuses it. */
  onSave: (definition: FormDefinition) => Promise<void>;
  cancelTo: string;
};

/** The server names paths from the request body ("definition.tables[0]…"); the designer from the definition. */
function serverDefinitionErrors(err: unknown): DefinitionError[] {
  if (!(err instanceof ApiError)) return [];
  return err.errors
    .filter((e) => e.path.startsWith('definition'))
    .map((e) => ({ path: e.path.replace(/^definition\.?/, ''), message: e.message }));
}

export function FormDesigner({ initial, fileName, onSave, cancelTo }: Props) {
  const [draft, setDraft] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const [previewing, setPreviewing] = useState(false);
  const [serverErrors, setServerErrors] = useState<DefinitionError[]>([]);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errorsHeading = useRef<HTMLHeadingElement>(null);
  const guard = useLeaveGuard(draft !== saved);

  const verdict = useMemo(() => checkDefinition(draft), [draft]);
  // The shared check looks at keys, references and limits only once the schema holds.
  const schemaBroken = useMemo(
    () => !verdict.ok && !FormDefinitionSchema.safeParse(draft).success,
    [verdict, draft],
  );
  const errors = useMemo(() => {
    const local = verdict.ok ? [] : verdict.errors;
    const seen = new Set(local.map((e) => `${e.path}\n${e.message}`));
    return [...local, ...serverErrors.filter((e) => !seen.has(`${e.path}\n${e.message}`))];
  }, [verdict, serverErrors]);

  const edit = (next: FormDefinition) => {
    setDraft(next);
    setServerErrors([]);
    setSaveError(null);
  };

  async function save() {
    setSaveError(null);
    if (!verdict.ok) {
      setPreviewing(false);
      window.requestAnimationFrame(() => errorsHeading.current?.focus());
      return;
    }
    setBusy(true);
    guard.release();
    try {
      await onSave(verdict.definition);
      setSaved(draft);
    } catch (err) {
      guard.restore();
      setSaveError(err);
      setServerErrors(serverDefinitionErrors(err));
      window.requestAnimationFrame(() => errorsHeading.current?.focus());
    } finally {
      setBusy(false);
    }
  }

  return (
    <DesignerErrorsProvider errors={errors}>
      <div className="designer">
        <div className="designer-toolbar">
          <Button aria-pressed={previewing} onClick={() => setPreviewing((p) => !p)}>
            Предпросмотр
          </Button>
          <DefinitionFileControls definition={draft} fileName={fileName} onLoad={edit} />
        </div>
        {previewing ? (
          verdict.ok ? (
            <FormPreview definition={verdict.definition} />
          ) : (
            <InfoMessage>Исправьте ошибки в описании формы, чтобы увидеть предпросмотр.</InfoMessage>
          )
        ) : (
          <DefinitionEditor definition={draft} onChange={edit} />
        )}
        <ProblemMessage error={saveError} />
        <DefinitionErrorList
          title="Ошибки в описании формы"
          errors={errors}
          definition={draft}
          headingRef={errorsHeading}
          onReveal={() => setPreviewing(false)}
          note={
            schemaBroken
              ? 'Ключи, ссылки, минимумы и максимумы проверяются, когда эти ошибки исправлены.'
              : undefined
          }
        />
        <div className="designer-savebar">
          <p role="status" className="designer-check">
            {errors.length === 0
              ? 'Проверка: ошибок нет.'
              : `Проверка: ошибок — ${formatCount(errors.length)}. Исправьте их, чтобы сохранить форму.`}
          </p>
          <Button variant="primary" busy={busy} onClick={save}>
            Сохранить
          </Button>
          <Link className="btn btn-secondary" to={cancelTo}>
            Отмена
          </Link>
        </div>
      </div>
      {guard.dialog}
    </DesignerErrorsProvider>
  );
}

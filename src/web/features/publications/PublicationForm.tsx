// Writing a publication: title, Markdown text with preview, audience, an optional publication
// time (Moscow), and its materials. Saving stores the publication, then sends each new file.
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Publication } from '../../../shared/api/publications.js';
import { TITLE_MAX } from '../../../shared/publication-rules.js';
import { ApiError } from '../../app/api.js';
import { Button } from '../../ui/Button.js';
import { TextField } from '../../ui/Field.js';
import { focusFirstError } from '../../ui/focus-first-error.js';
import { ProblemMessage } from '../../ui/ProblemMessage.js';
import { AttachmentsField } from './AttachmentsField.js';
import { type Audience, AudienceFields } from './AudienceFields.js';
import { BodyField } from './BodyField.js';
import { isoToMoscowLocal, moscowLocalToIso } from './moscow-time.js';
import { savePublication, useInvalidatePublications } from './queries.js';
import { useUploads } from './uploads.js';

type Errors = Partial<Record<'title' | 'bodyMarkdown' | 'roles' | 'regions' | 'publishAt', string>>;

/** Field errors from the server, by field: `body/audienceRegions/0` belongs to the regions. */
function serverErrors(err: unknown): Errors {
  if (!(err instanceof ApiError)) return {};
  const out: Errors = {};
  const names: Record<string, keyof Errors> = { audienceRoles: 'roles', audienceRegions: 'regions' };
  for (const e of err.errors) {
    const field = e.path.split('/')[1] ?? '';
    const key = names[field] ?? (field as keyof Errors);
    out[key] ??= e.message;
  }
  return out;
}

export function PublicationForm({ initial }: { initial?: Publication }) {
  const navigate = useNavigate();
  const invalidate = useInvalidatePublications();
  const uploads = useUploads();
  const [id, setId] = useState(initial?.id);
  const [title, setTitle] = useState(initial?.title ?? '');
  const [body, setBody] = useState(initial?.bodyMarkdown ?? '');
  const [audience, setAudience] = useState<Audience>({
    allRoles: !initial?.audienceRoles?.length,
    roles: initial?.audienceRoles ?? [],
    allRegions: !initial?.audienceRegions?.length,
    regions: initial?.audienceRegions ?? [],
  });
  const [publishAt, setPublishAt] = useState(isoToMoscowLocal(initial?.publishAt));
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  function check(): Errors {
    const e: Errors = {};
    if (!title.trim()) e.title = 'Введите название публикации.';
    else if (title.trim().length > TITLE_MAX) e.title = `Название — не больше ${TITLE_MAX} символов.`;
    if (!audience.allRoles && audience.roles.length === 0) e.roles = 'Выберите хотя бы одну роль.';
    if (!audience.allRegions && audience.regions.length === 0) e.regions = 'Выберите хотя бы один регион.';
    return e;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const found = check();
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length) return focusFirstError(form);
    setBusy(true);
    try {
      const saved = await savePublication(id, {
        title: title.trim(),
        bodyMarkdown: body,
        audienceRoles: audience.allRoles ? [] : audience.roles,
        audienceRegions: audience.allRegions ? [] : audience.regions,
        publishAt: moscowLocalToIso(publishAt),
      });
      setId(saved.id);
      const allSent = await uploads.sendAll(saved.id);
      await invalidate();
      if (allSent) navigate('/niko');
      else
        setProblem(
          new ApiError(400, { detail: 'Публикация сохранена, но не все файлы загружены: см. ниже.' }),
        );
    } catch (err) {
      setErrors(serverErrors(err));
      setProblem(err);
      focusFirstError(form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form publication-form" onSubmit={submit} noValidate>
      <TextField
        label="Название"
        value={title}
        onValueChange={setTitle}
        error={errors.title}
        maxLength={TITLE_MAX + 50}
      />
      <BodyField value={body} onChange={setBody} error={errors.bodyMarkdown} />
      <AudienceFields value={audience} onChange={setAudience} errors={errors} />
      <TextField
        label="Опубликовать"
        type="datetime-local"
        hint="Дата и время по Москве. Оставьте пустым, чтобы опубликовать сразу; до этого времени публикацию видит только оператор."
        value={publishAt}
        onValueChange={setPublishAt}
        error={errors.publishAt}
      />
      <AttachmentsField existing={initial?.files ?? []} uploads={uploads} />
      <ProblemMessage error={problem} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy}>
          Сохранить
        </Button>
        <Button onClick={() => navigate('/niko')}>Отмена</Button>
      </div>
    </form>
  );
}

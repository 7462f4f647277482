// «Создать сбор»: title, form version, start and end in Moscow time, and participants. Checked here
// first for what the browser can tell; the server's refusals are shown in its own words.
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { plural } from '../../../shared/plural.js';
import { ApiError, api } from '../../app/api.js';
import { usePageTitle } from '../../app/page-title.js';
import { Button } from '../../ui/Button.js';
import { SelectField, TextField } from '../../ui/Field.js';
import { focusFirstError } from '../../ui/focus-first-error.js';
import { ProblemMessage } from '../../ui/ProblemMessage.js';
import { FORMS_KEY, useFormVersions, versionLabel } from '../forms/queries.js';
import { MoscowDateTimeFields } from './MoscowDateTimeFields.js';
import { checkMoscowDateTime, defaultInterval, moscowInstant } from './moscow-time.js';
import { ParticipantsFields } from './ParticipantsFields.js';
import { checkParticipants, EMPTY_PARTICIPANTS, participantsBody } from './participants.js';
import { COLLECTIONS_KEY } from './queries.js';
import './collections.css';
import type { collectionResponses } from '../../../shared/api/collections.js';
import type { Answer } from '../../../shared/api/common.js';

export function CollectionCreatePage() {
  usePageTitle('Новый сбор данных');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const forms = useFormVersions();
  const [params] = useSearchParams();
  const [title, setTitle] = useState('');
  const [formVersionId, setFormVersionId] = useState(params.get('formVersionId') ?? '');
  const [interval] = useState(defaultInterval);
  const [start, setStart] = useState(interval.start);
  const [end, setEnd] = useState(interval.end);
  const [participants, setParticipants] = useState(EMPTY_PARTICIPANTS);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  function checkLocally(): Record<string, string> {
    const found: Record<string, string> = { ...checkParticipants(participants) };
    if (!title.trim()) found.title = 'Укажите название сбора.';
    if (!formVersionId) found.formVersionId = 'Выберите версию формы.';
    const startProblem = checkMoscowDateTime(start);
    const endProblem = checkMoscowDateTime(end);
    if (startProblem) found.startsAt = startProblem;
    if (endProblem) found.endsAt = endProblem;
    const [s, e] = [moscowInstant(start), moscowInstant(end)];
    if (s && e && new Date(e) <= new Date(s)) found.endsAt = 'Окончание сбора должно быть позже его начала.';
    return found;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setError(null);
    const local = checkLocally();
    setErrors(local);
    if (Object.keys(local).length) return focusFirstError(form);
    setBusy(true);
    try {
      const created = await api.post<Answer<typeof collectionResponses.created, 201>>('/api/collections', {
        title: title.trim(),
        formVersionId: Number(formVersionId),
        startsAt: moscowInstant(start),
        endsAt: moscowInstant(end),
        participants: participantsBody(participants),
      });
      await queryClient.invalidateQueries({ queryKey: [COLLECTIONS_KEY] });
      // The version is frozen now.
      await queryClient.invalidateQueries({ queryKey: [FORMS_KEY] });
      const who = plural(created.participants, ['участник', 'участника', 'участников']);
      navigate(`/collections/${created.id}`, { state: { notice: `Сбор данных создан: ${who}.` } });
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      focusFirstError(form);
      setBusy(false);
    }
  }

  const versionOptions = (forms.data?.rows ?? []).map((v) => ({
    value: String(v.id),
    label: versionLabel(v.title, v.version),
  }));

  return (
    <>
      <p className="breadcrumbs">
        <Link to="/collections">Сборы данных</Link>
      </p>
      <h1>Новый сбор данных</h1>
      <form className="form collection-form" onSubmit={submit} noValidate>
        <ProblemMessage error={error} />
        <ProblemMessage error={forms.error} />
        <TextField
          label="Название сбора"
          value={title}
          onValueChange={setTitle}
          error={errors.title}
          maxLength={300}
          required
        />
        <SelectField
          label="Версия формы"
          hint="Версия, выбранная для сбора, больше не может изменяться."
          value={formVersionId}
          options={[
            { value: '', label: forms.isLoading ? 'Загрузка…' : 'Выберите версию формы' },
            ...versionOptions,
          ]}
          onValueChange={setFormVersionId}
          error={errors.formVersionId}
          required
        />
        <MoscowDateTimeFields
          legend="Начало сбора"
          dateLabel="Дата начала"
          timeLabel="Время начала"
          value={start}
          onChange={setStart}
          error={errors.startsAt}
        />
        <MoscowDateTimeFields
          legend="Окончание сбора"
          dateLabel="Дата окончания"
          timeLabel="Время окончания"
          value={end}
          onChange={setEnd}
          error={errors.endsAt}
        />
        <ParticipantsFields value={participants} onChange={setParticipants} errors={errors} />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy}>
            Создать сбор
          </Button>
          <Link className="btn btn-secondary" to="/collections">
            Отмена
          </Link>
        </div>
      </form>
    </>
  );
}

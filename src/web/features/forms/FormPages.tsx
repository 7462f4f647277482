// The pages around the designer: a new form, one version (edited while no collection uses it, else
// read-only with its preview), and a new version made from a copy of another.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { Answer } from '../../../shared/api/common.js';
import type { formResponses } from '../../../shared/api/forms.js';
import { formatDateTime } from '../../../shared/dates.js';
import { installRussianZodMessages } from '../../../shared/zod-russian.js';
import { api } from '../../app/api.js';
import { usePageTitle } from '../../app/page-title.js';
import { DownloadLink } from '../../ui/DownloadLink.js';
import { InfoMessage, Loading, ProblemMessage, SuccessMessage } from '../../ui/ProblemMessage.js';
import { blankDefinition } from './designer/definition-edits.js';
import { FormDesigner } from './designer/FormDesigner.js';
import { FormPreview } from './FormPreview.js';
import { FrozenBadge } from './FrozenBadge.js';
import { FORMS_KEY, useFormVersion, versionLabel } from './queries.js';

// The designer checks a definition with the same Zod schemas as the server, in the same Russian.
// Only the designer uses Zod in the browser, so its chunk, not the entry, sets the messages.
installRussianZodMessages();

function Breadcrumbs() {
  return (
    <p className="breadcrumbs">
      <Link to="/forms">Формы</Link>
    </p>
  );
}

export function FormCreatePage() {
  usePageTitle('Новая форма');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [initial] = useState(blankDefinition);
  return (
    <>
      <Breadcrumbs />
      <h1>Новая форма</h1>
      <FormDesigner
        initial={initial}
        fileName="form.json"
        cancelTo="/forms"
        onSave={async (definition) => {
          const saved = await api.post<Answer<typeof formResponses.saved, 201>>('/api/forms', { definition });
          await queryClient.invalidateQueries({ queryKey: [FORMS_KEY] });
          navigate(`/forms/versions/${saved.versionId}`, { state: { notice: 'Форма сохранена.' } });
        }}
      />
    </>
  );
}

export function FormVersionPage() {
  const { id } = useParams();
  const version = useFormVersion(id);
  const queryClient = useQueryClient();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const v = version.data;
  usePageTitle(v ? versionLabel(v.formTitle, v.version) : 'Форма');

  if (version.isLoading) return <Loading />;
  if (!v) return <ProblemMessage error={version.error} />;
  return (
    <>
      <Breadcrumbs />
      <h1>{versionLabel(v.formTitle, v.version)}</h1>
      <p>
        <FrozenBadge frozen={v.frozen} />
      </p>
      <div className="actions">
        <Link className="btn btn-secondary" to={`/forms/versions/${v.id}/new-version`}>
          Новая версия
        </Link>
        {/* The version as stored: a draft's unsaved edits are not in the file. */}
        <DownloadLink href={`/api/form-versions/${v.id}/template.xlsx`}>Скачать форму в Excel</DownloadLink>
      </div>
      {notice && !savedAt ? <SuccessMessage>{notice}</SuccessMessage> : null}
      {savedAt ? <SuccessMessage>Изменения сохранены {savedAt} (МСК).</SuccessMessage> : null}
      {v.frozen ? (
        <>
          <InfoMessage>
            Эта версия используется в сборе данных и не может быть изменена. Чтобы изменить форму, создайте
            новую версию. <a href={`/api/form-versions/${v.id}/download`}>Скачать JSON</a>
          </InfoMessage>
          <FormPreview definition={v.definition} />
        </>
      ) : (
        <FormDesigner
          key={v.id}
          initial={v.definition}
          fileName={`form-${v.formId}-v${v.version}.json`}
          cancelTo="/forms"
          onSave={async (definition) => {
            setSavedAt(null);
            await api.put(`/api/form-versions/${v.id}`, { definition });
            setSavedAt(formatDateTime(new Date()));
            await queryClient.invalidateQueries({ queryKey: [FORMS_KEY] });
          }}
        />
      )}
    </>
  );
}

export function FormNewVersionPage() {
  const { id } = useParams();
  const source = useFormVersion(id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const s = source.data;
  usePageTitle(s ? `Новая версия: ${s.formTitle}` : 'Новая версия формы');

  if (source.isLoading) return <Loading />;
  if (!s) return <ProblemMessage error={source.error} />;
  return (
    <>
      <Breadcrumbs />
      <h1>Новая версия: {s.formTitle}</h1>
      <p className="lead">Копия версии {s.version}. Сохранение создаст новую версию; прежние не изменятся.</p>
      <FormDesigner
        key={s.id}
        initial={s.definition}
        fileName={`form-${s.formId}-new.json`}
        cancelTo={`/forms/versions/${s.id}`}
        onSave={async (definition) => {
          const saved = await api.post<Answer<typeof formResponses.saved, 201>>(
            `/api/forms/${s.formId}/versions`,
            { definition },
          );
          await queryClient.invalidateQueries({ queryKey: [FORMS_KEY] });
          navigate(`/forms/versions/${saved.versionId}`, {
            state: { notice: `Создана версия ${saved.version}.` },
          });
        }}
      />
    </>
  );
}

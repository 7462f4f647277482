// The federal operator's pages for one publication: /niko/publications/new and
// /niko/publications/:id/edit (with «Удалить публикацию», after confirmation).
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { usePageTitle } from '../../app/page-title.js';
import { Button } from '../../ui/Button.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { Loading, ProblemMessage } from '../../ui/ProblemMessage.js';
import { PublicationForm } from './PublicationForm.js';
import {
  deletePublication,
  useCanWritePublications,
  useInvalidatePublications,
  usePublication,
} from './queries.js';

export function PublicationEditorPage() {
  const params = useParams();
  const id = params.id === undefined ? undefined : Number(params.id);
  const title = id === undefined ? 'Новая публикация' : 'Изменение публикации';
  usePageTitle(title);
  const canWrite = useCanWritePublications();
  const existing = usePublication(canWrite ? id : undefined);
  if (!canWrite) {
    return (
      <>
        <h1>Нет доступа</h1>
        <p>Публикации пишет федеральный оператор.</p>
      </>
    );
  }
  return (
    <>
      <p>
        <Link to="/niko">← К разделу «НИКО»</Link>
      </p>
      <h1>{title}</h1>
      {id !== undefined && existing.isPending ? (
        <Loading />
      ) : existing.error ? (
        <ProblemMessage error={existing.error} />
      ) : (
        <>
          <PublicationForm key={id ?? 'new'} initial={existing.data} />
          {existing.data && <DeletePublication id={existing.data.id} title={existing.data.title} />}
        </>
      )}
    </>
  );
}

function DeletePublication({ id, title }: { id: number; title: string }) {
  const [asking, setAsking] = useState(false);
  const navigate = useNavigate();
  const invalidate = useInvalidatePublications();
  return (
    <section className="panel danger-zone" aria-labelledby="delete-publication">
      <h2 id="delete-publication">Удаление</h2>
      <Button variant="danger" onClick={() => setAsking(true)}>
        Удалить публикацию
      </Button>
      {asking && (
        <ConfirmDialog
          title="Удалить публикацию?"
          confirmLabel="Удалить"
          danger
          onConfirm={() => deletePublication(id)}
          onDone={() => {
            invalidate();
            navigate('/niko');
          }}
          onCancel={() => setAsking(false)}
        >
          <p>Публикация «{title}» и все её материалы будут удалены без возможности восстановления.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

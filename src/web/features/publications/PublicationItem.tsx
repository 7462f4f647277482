// One publication in the list: its date and title, collapsed until its toggle is pressed; then its
// formatted text and its materials as download links with name and size. The operator also sees
// when a scheduled publication goes out, who it is for, and a link to edit it.
import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { Publication } from '../../../shared/api/publications.js';
import { formatDate, formatDateTime } from '../../../shared/dates.js';
import { formatFileSize } from '../../../shared/publication-rules.js';
import { audienceSummary } from './audience.js';
import { ServerHtml } from './ServerHtml.js';

export function PublicationItem({
  publication: p,
  canWrite,
}: {
  publication: Publication;
  canWrite: boolean;
}) {
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const bodyId = useId();
  const scheduled = Date.parse(p.publishAt) > Date.now();
  return (
    <li className="publication">
      <article aria-labelledby={titleId}>
        <div className="publication-head">
          <button
            type="button"
            className="publication-toggle"
            aria-expanded={open}
            aria-controls={bodyId}
            aria-label={`${open ? 'Свернуть' : 'Развернуть'}: ${p.title}`}
            onClick={() => setOpen((v) => !v)}
          >
            <span aria-hidden="true">{open ? '−' : '+'}</span>
          </button>
          <time className="publication-date" dateTime={p.publishAt}>
            {formatDate(p.publishAt)}
          </time>
          <h3 id={titleId} className="publication-title">
            {p.title}
          </h3>
        </div>
        {canWrite && (
          <p className="publication-meta">
            {scheduled && (
              <span className="badge badge-warning">
                Будет опубликована {formatDateTime(p.publishAt)} (МСК)
              </span>
            )}{' '}
            {audienceSummary(p.audienceRoles ?? [], p.audienceRegions ?? [])}{' '}
            <Link to={`/niko/publications/${p.id}/edit`} aria-label={`Изменить: ${p.title}`}>
              Изменить
            </Link>
          </p>
        )}
        <div id={bodyId} className="publication-body" hidden={!open}>
          <ServerHtml html={p.bodyHtml} />
          {p.files.length > 0 && (
            <>
              <h4 className="publication-files-title">Материалы</h4>
              <ul className="publication-files">
                {p.files.map((f) => (
                  <li key={f.id}>
                    <a href={f.url} download={f.name}>
                      {f.name} <span className="publication-file-size">({formatFileSize(f.sizeBytes)})</span>
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </article>
    </li>
  );
}

// The publications block of section «НИКО» (manual §1): those meant for the user, newest first,
// searched by title and read a page at a time («Показать ещё»).
import { useState } from 'react';
import { Link } from 'react-router';
import { plural } from '../../../shared/plural.js';
import { Button } from '../../ui/Button.js';
import { Loading, ProblemMessage } from '../../ui/ProblemMessage.js';
import { SearchBox } from '../directory/filters.js';
import { PublicationItem } from './PublicationItem.js';
import { useCanWritePublications, usePublicationList } from './queries.js';
import './publications.css';

const FOUND = ['публикация', 'публикации', 'публикаций'] as const;

export function Publications() {
  const [q, setQ] = useState('');
  const list = usePublicationList(q);
  const canWrite = useCanWritePublications();
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];
  const total = list.data?.pages[0]?.total;
  return (
    <div className="publications-block">
      <div className="publications-toolbar">
        <SearchBox label="Поиск по названию" value={q} onSearch={setQ} />
        {canWrite && (
          <Link className="btn btn-primary" to="/niko/publications/new">
            Новая публикация
          </Link>
        )}
      </div>
      <ProblemMessage error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : (
        <p className="publications-count" role="status">
          {total === 0
            ? q
              ? 'Публикаций с таким названием нет.'
              : 'Публикаций пока нет.'
            : `${q ? 'Найдено' : 'Всего'}: ${plural(total ?? 0, FOUND)}.`}
        </p>
      )}
      <ol className="publications">
        {rows.map((p) => (
          <PublicationItem key={p.id} publication={p} canWrite={canWrite} />
        ))}
      </ol>
      {list.hasNextPage && (
        <Button onClick={() => list.fetchNextPage()} busy={list.isFetchingNextPage}>
          Показать ещё
        </Button>
      )}
    </div>
  );
}

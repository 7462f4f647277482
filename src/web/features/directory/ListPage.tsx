// The directory's list pages: the heading, with «Добавить …» for those who may write, the filters,
// then the server's page of rows and the pager (or what went wrong). Each page brings its filters
// and its table.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Pager } from '../../ui/Pager.js';
import { Loading, ProblemMessage } from '../../ui/ProblemMessage.js';
import { PAGE_SIZE } from './list-params.js';

type PagedQuery<Row> = {
  data?: { rows: Row[]; total: number };
  error: unknown;
  isLoading: boolean;
};

export function ListPage<Row>(props: {
  title: string;
  /** The link to the creation page; left out for those who may not create. */
  add?: { to: string; label: string } | false;
  filters: ReactNode;
  list: PagedQuery<Row>;
  page: number;
  onPageChange: (page: number) => void;
  children: (rows: Row[]) => ReactNode;
}) {
  const { list } = props;
  return (
    <>
      <div className="page-heading">
        <h1>{props.title}</h1>
        {props.add && (
          <Link className="btn btn-primary" to={props.add.to}>
            {props.add.label}
          </Link>
        )}
      </div>
      <div className="filters">{props.filters}</div>
      <ProblemMessage error={list.error} />
      {list.isLoading ? (
        <Loading />
      ) : list.data ? (
        <>
          {props.children(list.data.rows)}
          <Pager
            page={props.page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            onPageChange={props.onPageChange}
          />
        </>
      ) : null}
    </>
  );
}

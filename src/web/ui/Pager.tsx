// Server paging: «Показано 1–50 из 3 012» with «Назад» and «Вперёд».
import { formatCount } from '../../shared/plural.js';
import { Button } from './Button.js';

type Props = {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
};

export function pagerSummary(page: number, pageSize: number, total: number): string {
  if (total === 0) return 'Ничего не найдено';
  const first = Math.min((page - 1) * pageSize + 1, total);
  const last = Math.min(page * pageSize, total);
  return `Показано ${formatCount(first)}–${formatCount(last)} из ${formatCount(total)}`;
}

export function Pager({ page, pageSize, total, onPageChange }: Props) {
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label="Страницы списка">
      <span className="pager-summary" role="status" data-testid="pager-summary">
        {pagerSummary(page, pageSize, total)}
      </span>
      <Button onClick={() => onPageChange(page - 1)} disabled={page <= 1}>
        Назад
      </Button>
      <Button onClick={() => onPageChange(page + 1)} disabled={page >= lastPage}>
        Вперёд
      </Button>
    </nav>
  );
}

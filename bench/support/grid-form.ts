// The grid of 250 input cells that the heavy benchmarks' forms are built on: 25 fixed rows ×
// 10 required integer columns, keyed grid.r<row>.c<column>. bench/submit.ts adds a rule in every
// row; the national dataset (scripts/load-national.ts) adds a «Всего» column and an «Итого» row.
export const GRID_ROWS = 25;
export const GRID_COLUMNS = 10;

export function gridColumns(header: (index: number) => string) {
  return Array.from({ length: GRID_COLUMNS }, (_, c) => ({
    key: `c${c + 1}`,
    header: header(c),
    type: 'integer' as const,
    required: true,
    min: 0,
    max: 100_000,
  }));
}

export function gridRows() {
  return Array.from({ length: GRID_ROWS }, (_, r) => ({ key: `r${r + 1}`, label: `Строка ${r + 1}` }));
}

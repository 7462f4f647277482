// What the parsers hand the validators: the header and the non-empty rows, each with its number
// as the user sees it in Excel (the header is usually row 1, the first data row 2).

export type TableRow = { row: number; cells: string[] };

export type Table = {
  format: 'csv' | 'xlsx';
  /** For CSV: the encoding it was read in. */
  encoding?: 'utf-8' | 'windows-1251';
  header: string[];
  rows: TableRow[];
};

/** Trims a cell, including the non-breaking spaces Excel leaves behind. */
export function cleanCell(s: string): string {
  return s.replace(/^[\s\u00a0\ufeff]+|[\s\u00a0]+$/g, '');
}

export function isBlankRow(cells: string[]): boolean {
  return cells.every((c) => c === '');
}

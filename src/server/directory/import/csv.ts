// CSV to a Table. The separator is whatever the header line uses most: Excel in a Russian locale
// writes ';', most other tools ','. Row numbers count records, blank ones included, so that they
// match the rows Excel shows when it opens the same file.
import { CsvError, parse } from 'csv-parse/sync';
import { decodeCsv } from './decode.js';
import { type ImportLimits, tooManyRows } from './limits.js';
import { ImportFileError } from './report.js';
import { cleanCell, isBlankRow, type Table, type TableRow } from './table.js';

const SEPARATORS = [';', ',', '\t'] as const;

export function parseCsv(bytes: Buffer, limits: ImportLimits): Table {
  const { text: decoded, encoding } = decodeCsv(bytes);
  let text = decoded;
  // Excel's own hint line «sep=;» names the separator; Excel hides it, so it is not a row either.
  let delimiter: string | undefined;
  const hint = /^sep=(.)\r?\n/i.exec(text);
  if (hint) {
    delimiter = hint[1];
    text = text.slice(hint[0].length);
  }
  if (text.trim() === '') throw new ImportFileError('Файл пуст: в нём нет ни заголовка, ни строк с данными');
  delimiter ??= detectSeparator(firstLine(text));

  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      // Hand-made files often carry names like МБОУ "СОШ № 1" unquoted: keep those quotes as text.
      relax_quotes: true,
    }) as string[][];
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      throw new ImportFileError(
        `Не удалось разобрать CSV${line ? ` (строка ${line})` : ''}: проверьте кавычки и разделители`,
      );
    }
    throw err;
  }

  const rows: TableRow[] = [];
  let header: string[] | undefined;
  records.forEach((record, i) => {
    const cells = record.map(cleanCell);
    if (isBlankRow(cells)) return;
    if (header) rows.push({ row: i + 1, cells });
    else header = cells;
  });
  if (!header) throw new ImportFileError('Файл пуст: в нём нет ни заголовка, ни строк с данными');
  if (rows.length > limits.rows) throw tooManyRows(limits);
  return { format: 'csv', encoding, header, rows };
}

/** The header line: the first that is not blank. */
function firstLine(text: string): string {
  return text.split(/\r?\n/, 50).find((line) => line.trim() !== '') ?? '';
}

/** The separator the header line uses most, outside quotes; a one-column header means ','. */
export function detectSeparator(line: string): string {
  const unquoted = line.replace(/"[^"]*"/g, '');
  let best: string = ',';
  let bestCount = 0;
  for (const sep of SEPARATORS) {
    const count = unquoted.split(sep).length - 1;
    if (count > bestCount) {
      best = sep;
      bestCount = count;
    }
  }
  return best;
}

// The limits an import file must keep (IMPORT_* settings), and the Russian refusals when it does
// not: 413, the whole file refused before anything in it is checked or stored.
import type { Config } from '../../config.js';
import { formatBytes } from './multipart.js';
import { ImportFileError } from './report.js';

export type ImportLimits = Config['importLimits'];

const count = (n: number) => n.toLocaleString('ru-RU');

export function tooManyRows(limits: ImportLimits) {
  return new ImportFileError(
    `В файле больше ${count(limits.rows)} строк: разделите его на несколько файлов`,
    413,
  );
}

export function tooManyCells(limits: ImportLimits) {
  return new ImportFileError(
    `В книге Excel больше ${count(limits.cells)} ячеек, считая пустые с оформлением: ` +
      'удалите лишние строки и столбцы или разделите файл на несколько файлов',
    413,
  );
}

export function unpacksTooBig(limits: ImportLimits) {
  return new ImportFileError(
    `Книга Excel в распакованном виде больше ${formatBytes(limits.unpackedBytes)}: ` +
      'разделите её на несколько файлов',
    413,
  );
}

/** The part's name is not quoted: it is the uploader's text, and may hold anything. */
export function compressedTooMuch(limits: ImportLimits) {
  return new ImportFileError(
    `Книга Excel сжата необычно сильно (больше чем в ${count(limits.compressionRatio)} раз): так сжимаются ` +
      'только специально подготовленные файлы, такой файл не принимается. ' +
      'Уберите из книги повторяющиеся данные или разделите её на несколько файлов',
    413,
  );
}

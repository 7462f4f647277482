// Reads an uploaded file into a Table, whatever its format. XLSX is recognised by its ZIP
// signature, not by the name, because people rename files; an old binary .xls is refused with
// advice instead of being misread as CSV.
import { parseCsv } from './csv.js';
import { startsWith } from './decode.js';
import type { ImportLimits } from './limits.js';
import { ImportFileError } from './report.js';
import type { Table } from './table.js';
import { parseXlsx } from './xlsx.js';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // Excel 97–2003 (.xls)

export async function parseImportFile(bytes: Buffer, fileName: string, limits: ImportLimits): Promise<Table> {
  if (bytes.length === 0) throw new ImportFileError('Файл пуст: в нём нет ни заголовка, ни строк с данными');
  if (startsWith(bytes, ZIP)) return parseXlsx(bytes, limits);
  if (startsWith(bytes, OLE)) {
    throw new ImportFileError(
      'Формат XLS (Excel 97–2003) не поддерживается: сохраните файл как «Книга Excel (.xlsx)» или как CSV',
    );
  }
  if (/\.xlsx$/i.test(fileName)) {
    throw new ImportFileError(
      'Файл назван .xlsx, но не является книгой Excel: сохраните его в Excel как «Книга Excel (.xlsx)»',
    );
  }
  return parseCsv(bytes, limits);
}

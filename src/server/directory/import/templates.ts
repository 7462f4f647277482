// Downloadable templates: the header row with the names the documentation uses and one example
// row. The CSV is UTF-8 with a BOM and ';' so that Excel in a Russian locale opens it as a table.
import ExcelJS from 'exceljs';
import { type ColumnSpec, ORGANIZATION_COLUMNS, USER_COLUMNS } from './columns.js';
import type { ImportSubject } from './service.js';

export type TemplateFormat = 'csv' | 'xlsx';

const SPECS: Record<ImportSubject, { columns: readonly ColumnSpec[]; sheet: string }> = {
  organizations: { columns: ORGANIZATION_COLUMNS, sheet: 'Организации' },
  users: { columns: USER_COLUMNS, sheet: 'Пользователи' },
};

export const TEMPLATE_TYPES: Record<TemplateFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function csvCell(value: string): string {
  return /[;",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export async function template(subject: ImportSubject, format: TemplateFormat): Promise<Buffer> {
  const { columns, sheet } = SPECS[subject];
  const header = columns.map((c) => c.header);
  const example = columns.map((c) => c.example);
  if (format === 'csv') {
    const lines = [header, example].map((cells) => cells.map(csvCell).join(';'));
    return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.min(60, Math.max(14, c.header.length + 2, c.example.length + 2)),
    // Text, so that Excel keeps the leading zeros of codes like 01 or 010001.
    style: { numFmt: '@' },
  }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(example);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

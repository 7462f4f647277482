// Builds import files for tests: CSV in UTF-8 or Windows-1251 and XLSX, byte for byte.
import ExcelJS from 'exceljs';

export const ORG_COLUMNS = ['code', 'short_name', 'full_name', 'kind', 'region_code', 'municipality_code'];
export const USER_COLUMNS = [
  'login',
  'role',
  'full_name',
  'email',
  'region_code',
  'municipality_code',
  'organization_code',
];

export function csv(rows: string[][], separator = ','): string {
  const cell = (v: string) => (/[",;\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `${rows.map((r) => r.map(cell).join(separator)).join('\r\n')}\r\n`;
}

// Windows-1251 written out by hand rather than with the decoder under test: ASCII as is,
// А–я at 0xC0–0xFF, and the few other letters and signs Russian names use.
const CP1251_EXTRA: Record<string, number> = { Ё: 0xa8, ё: 0xb8, '№': 0xb9, '«': 0xab, '»': 0xbb, '—': 0x97 };

export function cp1251(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const c = ch.charCodeAt(0);
    if (c < 0x80) out[i] = c;
    else if (c >= 0x410 && c <= 0x44f) out[i] = c - 0x410 + 0xc0;
    else if (CP1251_EXTRA[ch] !== undefined) out[i] = CP1251_EXTRA[ch];
    else throw new Error(`no Windows-1251 byte for ${ch}`);
  }
  return out;
}

export async function xlsx(
  rows: (string | number | null)[][],
  sheet = 'Лист1',
): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]?.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c, col) => {
      cells[col - 1] = c.text;
    });
    rows.push(Array.from(cells, (c) => c ?? ''));
  });
  return rows;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

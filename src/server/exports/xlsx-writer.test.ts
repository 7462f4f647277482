// The export's own xlsx writer: what ExcelJS reads back from it (values and their types, the bold
// wrapped header, column widths, frozen panes, every sheet in order, text XML cannot hold), and that it waits for a slow
// reader instead of buffering the file.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnName, XlsxWriter, xmlText } from './xlsx-writer.js';

async function collect(out: PassThrough): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of out) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('xlsx writer', () => {
  it('writes sheets ExcelJS reads back as written', async () => {
    const out = new PassThrough();
    const bytes = collect(out);
    const book = new XlsxWriter(out, [
      { name: 'Результаты', frozen: { columns: 4, rows: 1 }, widths: [12, 8.5, 30] },
      { name: 'A & <B> "C"' },
      { name: 'Пустой' },
    ]);
    const main = await book.nextSheet();
    main.addRow(['Регион', 'Код', 'Число'], { header: true });
    main.addRow(['г. Москва', '770001', 42, null, 1.5, undefined, -3]);
    main.addRow([' отступ ', 'a\u0001b\u0008c\u000bd', '\'=HYPERLINK("x")', 'строка\nвторая', '&<>"\'']);
    main.addRow([]);
    await main.end();
    const second = await book.nextSheet();
    for (let i = 1; i <= 30; i++) second.addRow(Array.from({ length: 30 }, (_, j) => i * 100 + j));
    await second.end();
    await book.end();

    const workbook = new ExcelJS.Workbook();
    const file = await bytes;
    await workbook.xlsx.load(
      file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer,
    );
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Результаты', 'A & <B> "C"', 'Пустой']);
    const s = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(s.getRow(1).getCell(1).value).toBe('Регион');
    expect(s.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(s.getRow(2).getCell(1).font?.bold).toBeFalsy();
    expect(s.getRow(1).getCell(1).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(s.getRow(2).getCell(1).alignment?.wrapText).toBeFalsy();
    expect([1, 2, 3, 4].map((c) => s.getColumn(c).width)).toEqual([12, 8.5, 30, undefined]);
    expect((workbook.worksheets[1] as ExcelJS.Worksheet).getColumn(1).width).toBeUndefined();
    expect(s.views[0]).toMatchObject({ state: 'frozen', xSplit: 4, ySplit: 1 });
    const row2 = s.getRow(2);
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => row2.getCell(c).value)).toEqual([
      'г. Москва',
      '770001',
      42,
      null,
      1.5,
      null,
      -3,
    ]);
    expect(row2.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(row2.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    const row3 = s.getRow(3);
    expect([1, 2, 3, 4, 5].map((c) => row3.getCell(c).value)).toEqual([
      ' отступ ',
      'abcd',
      '\'=HYPERLINK("x")',
      'строка\nвторая',
      '&<>"\'',
    ]);
    const grid = workbook.worksheets[1] as ExcelJS.Worksheet;
    expect(grid.rowCount).toBe(30);
    expect(grid.getRow(30).getCell(30).value).toBe(3029);
    expect(grid.getRow(30).getCell(30).address).toBe('AD30');
    expect((workbook.worksheets[2] as ExcelJS.Worksheet).rowCount).toBe(0);
  });

  it('waits for a slow reader instead of holding the file in memory', async () => {
    const out = new PassThrough({ highWaterMark: 16 * 1024 });
    const book = new XlsxWriter(out, [{ name: 'Лист' }]);
    const sheet = await book.nextSheet();
    // Nobody reads `out` yet: writing must come to a stop long before 20,000 rows are written.
    let written = 0;
    // Numbers that deflate poorly, so that the buffers on the way fill up soon.
    const row = (i: number) => [
      `Организация № ${i}`,
      ...Array.from({ length: 20 }, (_, j) => (i * 7919 + j * 104_729) ** 2 % 999_983),
    ];
    let waiting: Promise<void> | undefined;
    while (written < 20_000) {
      if (!sheet.addRow(row(written++))) {
        const drain = sheet.drain();
        const stopped = await Promise.race([
          drain.then(() => false),
          new Promise<boolean>((r) => setTimeout(() => r(true), 200)),
        ]);
        if (stopped) {
          waiting = drain;
          break;
        }
      }
    }
    expect(waiting).toBeDefined();
    expect(written).toBeLessThan(5_000);
    // Once the reader reads, writing goes on to the end.
    const bytes = collect(out);
    await waiting;
    for (; written < 20_000; written++) if (!sheet.addRow(row(written))) await sheet.drain();
    await sheet.end();
    await book.end();
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([await bytes]), {});
    let rows = 0;
    for await (const ws of reader) for await (const _ of ws) rows++;
    expect(rows).toBe(20_000);
  });

  it('names columns and escapes text', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnName)).toEqual([
      'A',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
    expect(xmlText('plain')).toBe('plain');
    expect(xmlText('a<b>&"c"\u0000\u001f\ufffe')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
  });
});

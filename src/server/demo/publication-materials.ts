// Real attachments for the demo publications, generated at seed time: a PDF (pdfkit with the
// DejaVu font, since PDF's standard fonts have no Cyrillic) and an XLSX (ExcelJS).
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export type PdfSection = { heading: string; lines: string[] };

/** An A4 document: a title, then sections of plain lines. Only the glyphs used are embedded. */
export function makePdf(title: string, sections: PdfSection[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      // A fixed date keeps the file the same from seed to seed.
      info: { Title: title, Author: 'ФИС ОКО', CreationDate: new Date(Date.UTC(2026, 0, 1)) },
    });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    doc.registerFont('regular', FONT).registerFont('bold', FONT_BOLD);
    doc.font('bold').fontSize(16).text(title, { align: 'center' }).moveDown();
    for (const s of sections) {
      doc.font('bold').fontSize(12).text(s.heading).moveDown(0.3);
      doc.font('regular').fontSize(11);
      for (const line of s.lines) doc.text(line, { paragraphGap: 2 });
      doc.moveDown();
    }
    doc.end();
  });
}

export type SheetSpec = { name: string; columns: { header: string; width: number }[]; rows: unknown[][] };

/** A workbook with a bold, frozen header row on each sheet. */
export async function makeXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ФИС ОКО';
  wb.created = new Date(Date.UTC(2026, 0, 1));
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({ header: c.header, width: c.width }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// A submitted report as PDF, for the school's paper copy and the coordinator's ministry: who sent
// it and when (Moscow and local time), every table with its headers, values and computed totals,
// page numbers, and the lines for the head's signature and the seal. pdfkit with the DejaVu fonts,
// since PDF's standard fonts have no Cyrillic; only the glyphs used are embedded.
//
// A table too wide for a portrait page gets landscape pages; wider still, its columns are split
// over several blocks, each repeating the row labels. A column is never cut off.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { formatDateTime, MOSCOW_TIME_ZONE, utcOffsetLabel } from '../../shared/dates.js';
import { formatCell } from '../../shared/forms/cells.js';
import { computeCells } from '../../shared/forms/compute.js';
import type { Column, FormDefinition, Table } from '../../shared/forms/definition.js';
import { cellKey } from '../../shared/forms/layout.js';
import type { FormData } from '../../shared/forms/validate.js';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
// The CommonJS fontkit that pdfkit itself requires, so that a font it parsed is one pdfkit knows.
const fontkit = require('fontkit') as { create(bytes: Uint8Array): unknown };

/**
 * The two fonts, parsed once for the process. Given a file, pdfkit reads and parses it again for
 * every document: about 45 of the 80 ms of server CPU a one-report PDF took (docs/BENCHMARKS.md
 * "reports"). A parsed font (pdfkit takes one: it has `layout`) is only read from, each document
 * embedding its own subset. A zip of a hundred PDFs pays the parsing once instead of a hundred times.
 */
let parsedFonts: { regular: PDFKit.Mixins.PDFFontSource; bold: PDFKit.Mixins.PDFFontSource } | null = null;
function fonts() {
  parsedFonts ??= {
    regular: fontkit.create(readFileSync(FONT)) as PDFKit.Mixins.PDFFontSource,
    bold: fontkit.create(readFileSync(FONT_BOLD)) as PDFKit.Mixins.PDFFontSource,
  };
  return parsedFonts;
}

const MARGIN = 40;
/** Room kept at the foot of each page for its number. */
const FOOTER = 24;
const FONT_SIZE = 8;
const PADDING = 3;
/** The narrowest a value column may be: «1234567,89» at the table's font size. */
const MIN_VALUE_WIDTH = 44;
const MAX_VALUE_WIDTH = 110;
/** The row-label column: as wide as this share of the page, at most. */
const LABEL_SHARE = 0.28;
const ROW_NUMBER_WIDTH = 28;

export type ReportContent = {
  organization: { code: string; fullName: string; municipality: string; region: string };
  collectionTitle: string;
  formTitle: string;
  formVersion: number;
  submittedAt: Date;
  /** The region's time zone, for the local time of the submission. */
  timeZone: string;
  definition: FormDefinition;
  data: FormData;
};

/**
 * A PDF of one or more reports, each starting on a new page and numbered on its own («Стр. 2 из 3»),
 * so that a coordinator's stack of printed reports can be split by school. `finish()` ends it.
 * Pages are held only until their part is complete and numbered, then written out: a file of a
 * hundred reports streams report by report instead of waiting in memory.
 */
export class ReportPdf {
  readonly doc: PDFKit.PDFDocument;
  /** The first page of the part being written, if one is. */
  private partStart: number | null = null;

  constructor(title: string) {
    this.doc = new PDFDocument({
      autoFirstPage: false,
      // Page numbers are written once every page of a part exists.
      bufferPages: true,
      info: { Title: title, Author: 'ФИС ОКО' },
    });
    const { regular, bold } = fonts();
    this.doc.registerFont('regular', regular).registerFont('bold', bold);
  }

  private startPart() {
    this.endPart();
    newPage(this.doc, 'portrait');
    const range = this.doc.bufferedPageRange();
    this.partStart = range.start + range.count - 1;
  }

  /** Numbers the pages of the part being written, and lets them go. */
  private endPart() {
    if (this.partStart === null) return;
    const range = this.doc.bufferedPageRange();
    const end = range.start + range.count;
    for (let i = this.partStart; i < end; i++) {
      pageNumber(this.doc, i, i - this.partStart + 1, end - this.partStart);
    }
    this.doc.flushPages();
    this.partStart = null;
  }

  /** A first page naming the participants chosen that had nothing submitted to print. */
  addNotSubmitted(title: string, organizations: { code: string; fullName: string }[]): void {
    this.startPart();
    const doc = this.doc;
    doc.font('bold').fontSize(13).text(title, { align: 'center' }).moveDown(0.6);
    doc.font('regular').fontSize(10).text('Не сдали отчет, в файл не включены:').moveDown(0.3);
    for (const o of organizations) doc.text(`${o.code} — ${o.fullName}`);
  }

  addReport(r: ReportContent): void {
    this.startPart();
    const doc = this.doc;
    doc.font('bold').fontSize(13).text('Отчет о сдаче данных', { align: 'center' }).moveDown(0.6);
    const facts: [string, string][] = [
      ['Организация', r.organization.fullName],
      ['Код организации', r.organization.code],
      ['Муниципалитет', r.organization.municipality],
      ['Регион', r.organization.region],
      ['Сбор данных', r.collectionTitle],
      ['Форма', `${r.formTitle}, версия ${r.formVersion}`],
      ['Дата и время сдачи', submissionTime(r.submittedAt, r.timeZone)],
    ];
    for (const [label, value] of facts) {
      doc.font('bold').fontSize(10).text(`${label}: `, { continued: true });
      doc.font('regular').text(value);
    }
    const values = { ...r.data.values, ...computeCells(r.definition, r.data.values, r.data.rows) };
    for (const table of r.definition.tables) drawTable(doc, table, r.data, values);
    signatureLines(doc);
  }

  /** Writes «Стр. N из M» on every page, counted within its part, and ends the document. */
  finish(): void {
    this.endPart();
    this.doc.end();
  }
}

function pageNumber(doc: PDFKit.PDFDocument, page: number, n: number, of: number) {
  doc.switchToPage(page);
  const bottom = doc.page.margins.bottom;
  // Below the bottom margin: pdfkit would start a new page for text written there otherwise.
  doc.page.margins.bottom = 0;
  doc
    .font('regular')
    .fontSize(8)
    .text(`Стр. ${n} из ${of}`, MARGIN, doc.page.height - MARGIN - 10, {
      width: doc.page.width - 2 * MARGIN,
      align: 'center',
      lineBreak: false,
    });
  doc.page.margins.bottom = bottom;
}

export function submissionTime(at: Date, timeZone: string): string {
  const moscow = `${formatDateTime(at)} (МСК)`;
  if (timeZone === MOSCOW_TIME_ZONE || formatDateTime(at, timeZone) === formatDateTime(at)) return moscow;
  return `${moscow}, ${formatDateTime(at, timeZone)} (местное время, ${utcOffsetLabel(at, timeZone)})`;
}

type Row = { label: string; group?: string };

function rowsOf(table: Table, data: FormData): { id: string; row: Row }[] {
  if (table.rows.kind === 'fixed') {
    return table.rows.items.map((item) => ({ id: item.key, row: { label: item.label, group: item.group } }));
  }
  return (data.rows[table.key] ?? []).map((id, i) => ({ id, row: { label: String(i + 1) } }));
}

type Layout = {
  layout: 'portrait' | 'landscape';
  labelWidth: number;
  blocks: { columns: Column[]; widths: number[] }[];
};

const PAGE_WIDTH = { portrait: 595.28, landscape: 841.89 } as const;

/** The width a text needs so that no word of it is broken, at the table's font size. */
function longestWordWidth(doc: PDFKit.PDFDocument, text: string, font: 'regular' | 'bold'): number {
  doc.font(font).fontSize(FONT_SIZE);
  return Math.max(0, ...text.split(/\s+/).map((w) => doc.widthOfString(w))) + 2 * PADDING;
}

/**
 * How a table is laid out: portrait if its columns fit there, landscape if not; wider still, its
 * columns go into blocks that each fit the page. A column is at least wide enough for the longest
 * word of its header and of its values, so that no word is broken; the room left is shared out.
 */
function layoutOf(doc: PDFKit.PDFDocument, table: Table, cells: (c: Column) => string[]): Layout {
  const need = table.columns.map((c) =>
    Math.max(
      MIN_VALUE_WIDTH,
      longestWordWidth(doc, c.header, 'bold'),
      ...cells(c).map((v) => longestWordWidth(doc, v, 'regular')),
    ),
  );
  const labelFor = (layout: 'portrait' | 'landscape') =>
    table.rows.kind === 'fixed'
      ? Math.round((PAGE_WIDTH[layout] - 2 * MARGIN) * LABEL_SHARE)
      : ROW_NUMBER_WIDTH;
  const room = (layout: 'portrait' | 'landscape') => PAGE_WIDTH[layout] - 2 * MARGIN - labelFor(layout);
  const total = need.reduce((a, w) => a + w, 0);
  const layout = total <= room('portrait') ? 'portrait' : 'landscape';
  const blocks: Layout['blocks'] = [];
  let block: number[] = [];
  let used = 0;
  const close = () => {
    const spare = (room(layout) - used) / block.length;
    blocks.push({
      columns: block.map((i) => table.columns[i] as Column),
      widths: block.map((i) =>
        Math.min(Math.max(need[i] as number, MAX_VALUE_WIDTH), (need[i] as number) + spare),
      ),
    });
    block = [];
    used = 0;
  };
  for (const [i, w] of need.entries()) {
    const width = Math.min(w, room(layout));
    if (block.length > 0 && used + width > room(layout)) close();
    block.push(i);
    used += width;
  }
  if (block.length > 0) close();
  return { layout, labelWidth: labelFor(layout), blocks };
}

function drawTable(doc: PDFKit.PDFDocument, table: Table, data: FormData, values: Record<string, string>) {
  const rows = rowsOf(table, data);
  const shown = (c: Column, id: string) => formatCell(c, values[cellKey(table.key, id, c.key)] ?? null);
  const { layout, labelWidth, blocks } = layoutOf(doc, table, (c) => rows.map(({ id }) => shown(c, id)));
  for (const [b, { columns, widths: valueWidths }] of blocks.entries()) {
    if (layout === 'landscape' && (b === 0 || doc.page.layout !== 'landscape')) newPage(doc, layout);
    else doc.moveDown(1);
    const part =
      blocks.length > 1 ? ` (столбцы ${columnRange(table, columns)} из ${table.columns.length})` : '';
    doc
      .font('bold')
      .fontSize(10)
      .text(`${table.title}${part}`, MARGIN, doc.y, { width: pageWidth(doc) });
    doc.moveDown(0.3);
    const widths = [labelWidth, ...valueWidths];
    const header = [table.rows.kind === 'fixed' ? '' : '№', ...columns.map((c) => c.header)];
    drawRow(doc, header, widths, { bold: true, layout });
    if (rows.length === 0) drawRow(doc, ['Строк нет', ...columns.map(() => '')], widths, { layout, header });
    let group: string | undefined;
    for (const { id, row } of rows) {
      if (row.group && row.group !== group) {
        drawRow(doc, [row.group], [widths.reduce((a, w) => a + w, 0)], {
          bold: true,
          layout,
          header,
          widths,
        });
      }
      group = row.group;
      drawRow(doc, [row.label, ...columns.map((c) => shown(c, id))], widths, { layout, header, widths });
    }
  }
}

function columnRange(table: Table, columns: Column[]): string {
  const first = table.columns.indexOf(columns[0] as Column) + 1;
  return `${first}–${first + columns.length - 1}`;
}

const pageWidth = (doc: PDFKit.PDFDocument) => doc.page.width - 2 * MARGIN;

/** A4 every time: pdfkit's addPage falls back to Letter for any option left out. */
function newPage(doc: PDFKit.PDFDocument, layout: 'portrait' | 'landscape') {
  doc.addPage({
    size: 'A4',
    layout,
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER },
  });
}

type RowOptions = {
  bold?: boolean;
  layout: 'portrait' | 'landscape';
  /** The header row to repeat at the top of a new page, with its column widths. */
  header?: string[];
  widths?: number[];
};

/** One row of bordered cells; a row that does not fit starts a new page, under the header again. */
function drawRow(doc: PDFKit.PDFDocument, texts: string[], widths: number[], opts: RowOptions) {
  doc.font(opts.bold ? 'bold' : 'regular').fontSize(FONT_SIZE);
  const height = rowHeight(doc, texts, widths);
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    newPage(doc, opts.layout);
    if (opts.header) drawRow(doc, opts.header, opts.widths ?? widths, { bold: true, layout: opts.layout });
    doc.font(opts.bold ? 'bold' : 'regular').fontSize(FONT_SIZE);
  }
  const top = doc.y;
  let x = MARGIN;
  for (const [i, w] of widths.entries()) {
    doc.rect(x, top, w, height).lineWidth(0.5).stroke();
    const text = texts[i] ?? '';
    if (text)
      doc.text(text, x + PADDING, top + PADDING, {
        width: w - 2 * PADDING,
        align: i === 0 ? 'left' : 'center',
      });
    x += w;
  }
  doc.x = MARGIN;
  doc.y = top + height;
}

function rowHeight(doc: PDFKit.PDFDocument, texts: string[], widths: number[]): number {
  let height = doc.currentLineHeight();
  for (const [i, w] of widths.entries()) {
    const text = texts[i];
    if (text) height = Math.max(height, doc.heightOfString(text, { width: w - 2 * PADDING }));
  }
  return height + 2 * PADDING;
}

function signatureLines(doc: PDFKit.PDFDocument) {
  if (doc.y + 90 > doc.page.height - doc.page.margins.bottom) newPage(doc, 'portrait');
  doc.x = MARGIN;
  doc.moveDown(3);
  doc.font('regular').fontSize(10);
  doc.text('Руководитель  ______________________ / ______________________ /', MARGIN, doc.y);
  doc
    .fontSize(7)
    .text('(подпись)                                   (расшифровка подписи)', MARGIN + 80, doc.y + 2);
  doc.moveDown(2).fontSize(10).text('М.П.', MARGIN, doc.y);
}

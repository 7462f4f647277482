// Checks an XLSX before ExcelJS loads it, so that a "zip bomb" (a small upload that unpacks to
// hundreds of megabytes) is refused without ever being held in memory. First the sizes the archive
// declares; then every part is unpacked as a stream and thrown away chunk by chunk, counting what
// it really unpacks to (an archive may understate it), and, in the worksheets, the rows and cells.
// Whatever is over a limit stops the stream at once.
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { compressedTooMuch, type ImportLimits, tooManyCells, tooManyRows, unpacksTooBig } from './limits.js';
import { ImportFileError } from './report.js';
import { readZipDirectory, ZipFormatError, type ZipPart } from './zip-directory.js';

export const UNREADABLE_XLSX =
  'Не удалось прочитать книгу Excel: файл повреждён или это не XLSX. Сохраните его в Excel как «Книга Excel (.xlsx)»';

/** Parts smaller than this may compress as well as they like: only big ones can be bombs. */
const RATIO_FLOOR_BYTES = 1024 * 1024;

const SHEET = /^xl\/worksheets\/[^/]+\.xml$/;

export async function checkXlsx(bytes: Buffer, limits: ImportLimits): Promise<void> {
  const parts = directory(bytes);
  let declared = 0;
  for (const part of parts) {
    if (part.encrypted || (part.method !== 0 && part.method !== 8))
      throw new ImportFileError(UNREADABLE_XLSX);
    checkRatio(part.size, part.compressedSize, limits);
    declared += part.size;
  }
  if (declared > limits.unpackedBytes) throw unpacksTooBig(limits);

  let unpacked = 0;
  for (const part of parts) {
    const sheet = SHEET.test(part.name) ? new SheetCounter() : null;
    let produced = 0;
    for await (const chunk of unpack(bytes, part)) {
      produced += chunk.length;
      unpacked += chunk.length;
      if (unpacked > limits.unpackedBytes) throw unpacksTooBig(limits);
      checkRatio(produced, part.compressedSize, limits);
      // It said less: the archive is not what it claims to be.
      if (produced > part.size) throw new ImportFileError(UNREADABLE_XLSX);
      sheet?.feed(chunk);
      if (sheet) checkSheet(sheet, limits);
    }
    if (sheet) {
      sheet.end();
      checkSheet(sheet, limits);
    }
  }
}

function directory(bytes: Buffer): ZipPart[] {
  try {
    return readZipDirectory(bytes);
  } catch (err) {
    if (err instanceof ZipFormatError) throw new ImportFileError(UNREADABLE_XLSX);
    throw err;
  }
}

function checkRatio(size: number, compressedSize: number, limits: ImportLimits) {
  if (size >= RATIO_FLOOR_BYTES && size > limits.compressionRatio * Math.max(compressedSize, 1)) {
    throw compressedTooMuch(limits);
  }
}

function checkSheet(sheet: SheetCounter, limits: ImportLimits) {
  // The header is a row too.
  if (sheet.rows > limits.rows + 1) throw tooManyRows(limits);
  if (sheet.cells > limits.cells) throw tooManyCells(limits);
}

/** A part's bytes, unpacked a chunk at a time; damaged data is an unreadable file. */
async function* unpack(bytes: Buffer, part: ZipPart): AsyncGenerator<Buffer> {
  const packed = bytes.subarray(part.dataOffset, part.dataOffset + part.compressedSize);
  if (part.method === 0) {
    yield packed;
    return;
  }
  const inflate = Readable.from([packed]).pipe(zlib.createInflateRaw());
  try {
    for await (const chunk of inflate) yield chunk as Buffer;
  } catch {
    throw new ImportFileError(UNREADABLE_XLSX);
  } finally {
    inflate.destroy();
  }
}

/**
 * Counts, in a worksheet's XML as it streams, the rows that hold a value (a `<v>` or an inline
 * `<is>`: the rows ExcelJS's actualRowCount counts) and the cells (`<c>`, empty ones with a style
 * included: ExcelJS makes an object of each). Tags are ASCII, so the bytes are read as latin1, and
 * a tag cut between two chunks is carried over to the next.
 */
export class SheetCounter {
  rows = 0;
  cells = 0;
  private inRow = false;
  private rowHasValue = false;
  private carry = '';
  private static readonly TAG = /<(\/?)(?:[A-Za-z_][\w.-]*:)?(row|c|v|is)(?=[\s/>])/g;
  /** Longer than any tag name this looks for, prefix included. */
  private static readonly MAX_TAG = 256;

  feed(chunk: Buffer) {
    const text = this.carry + chunk.toString('latin1');
    // Everything before the last '<' is whole; a tag may start at it and go on in the next chunk.
    const last = text.lastIndexOf('<');
    const cut = last >= 0 && text.length - last < SheetCounter.MAX_TAG ? last : text.length;
    this.scan(text.slice(0, cut));
    this.carry = text.slice(cut);
  }

  end() {
    this.scan(this.carry);
    this.carry = '';
    this.closeRow();
  }

  private scan(text: string) {
    for (const [, closing, name] of text.matchAll(SheetCounter.TAG)) {
      if (name === 'row') {
        this.closeRow();
        this.inRow = closing !== '/';
      } else if (name === 'c') {
        if (closing !== '/') this.cells++;
      } else if (closing !== '/' && this.inRow) {
        this.rowHasValue = true;
      }
    }
  }

  private closeRow() {
    if (this.inRow && this.rowHasValue) this.rows++;
    this.inRow = false;
    this.rowHasValue = false;
  }
}

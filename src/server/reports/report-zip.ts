// «Скачать ZIP выбранных»: the chosen reports as a zip with one PDF a participant, named by the
// organization's code and short name, so that a coordinator can forward each school's report on
// its own. The PDFs are drawn and sent one after another: a hundred never wait in memory together.
// fflate writes the zip; the PDFs are stored as they are, since their content is compressed already.

import { PassThrough } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import { Zip, ZipPassThrough } from 'fflate';
import { ReportPdf } from './report-pdf.js';

/** Characters Windows refuses in a file name, and the control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes.
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
/** Names Windows keeps for devices, whatever the extension: «CON.pdf» cannot be created. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
/** Short enough that an unpacked folder's path stays within Windows' 260 characters. */
const MAX_NAME = 100;

/**
 * A file name that Windows' own «Извлечь все» and the usual archivers accept: no forbidden
 * characters, no trailing dots or spaces, no device name, at most MAX_NAME characters before
 * the extension. The zip marks the names as UTF-8, so Cyrillic stays Cyrillic.
 */
export function windowsFileName(base: string, extension: string): string {
  let name = base.normalize('NFC').replace(FORBIDDEN, '_').replace(/\s+/g, ' ').trim();
  name = [...name].slice(0, MAX_NAME).join('');
  name = name.replace(/[. ]+$/, '');
  if (name === '' || RESERVED.test(name.split('.')[0] ?? '')) name = `_${name}`;
  return `${name}.${extension}`;
}

export type ZipPart = {
  /** The entry's name before it is made safe and unique, without the extension. */
  name: string;
  draw: (pdf: ReportPdf) => void;
};

/**
 * The zip as a stream to send. Each part is drawn into its own PDF once the one before has gone
 * out (or at least into the socket's buffer), then the zip's directory ends it. A failure midway
 * destroys the stream: the browser sees the download fail rather than a broken archive. A browser
 * that goes away stops the drawing after the PDF in hand. `drawn` settles with how many were drawn.
 */
export function reportZip(parts: ZipPart[]): { stream: PassThrough; drawn: Promise<number> } {
  const out = new PassThrough();
  const zip = new Zip((err, chunk, final) => {
    if (err) {
      out.destroy(err);
      return;
    }
    out.write(chunk);
    if (final) out.end();
  });
  const drawn = (async () => {
    let n = 0;
    try {
      const used = new Set<string>();
      for (const part of parts) {
        if (out.destroyed) return n;
        await addPdf(zip, uniqueName(windowsFileName(part.name, 'pdf'), used), part.draw);
        n++;
        await drained(out);
      }
      zip.end();
    } catch (err) {
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    }
    return n;
  })();
  return { stream: out, drawn };
}

async function addPdf(zip: Zip, fileName: string, draw: (pdf: ReportPdf) => void) {
  const entry = new ZipPassThrough(fileName);
  zip.add(entry);
  const pdf = new ReportPdf(fileName);
  const written = new Promise<void>((resolve, reject) => {
    pdf.doc.on('data', (chunk: Buffer) => entry.push(chunk));
    pdf.doc.on('end', () => {
      entry.push(new Uint8Array(0), true);
      resolve();
    });
    pdf.doc.on('error', reject);
  });
  draw(pdf);
  pdf.finish();
  await written;
}

/** «770001 Школа.pdf», and «770001 Школа (2).pdf» should two entries come out the same. */
function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = name.replace(/\.pdf$/, ` (${n}).pdf`);
  used.add(candidate.toLowerCase());
  return candidate;
}

/** Waits while the stream holds more than its buffer, so a slow reader slows the drawing down. */
async function drained(out: PassThrough) {
  if (!out.writableNeedDrain) {
    // Lets the bytes written so far go out before the next PDF is drawn.
    await setImmediate();
    return;
  }
  await new Promise<void>((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

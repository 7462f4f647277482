// The attachments a publication accepts: by extension, with the Content-Type we serve them as
// (never the one the uploader's browser claimed), and a cheap look at the first bytes where the
// format has a signature, so that a renamed executable is not served as a PDF.
import type { ACCEPTED_EXTENSIONS } from '../../shared/publications.js';

export type FileType = { contentType: string; signature?: 'pdf' | 'zip' | 'ole' | 'png' | 'jpeg' | 'text' };

const FILE_TYPES: Record<(typeof ACCEPTED_EXTENSIONS)[number], FileType> = {
  pdf: { contentType: 'application/pdf', signature: 'pdf' },
  doc: { contentType: 'application/msword', signature: 'ole' },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    signature: 'zip',
  },
  xls: { contentType: 'application/vnd.ms-excel', signature: 'ole' },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    signature: 'zip',
  },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', signature: 'zip' },
  ods: { contentType: 'application/vnd.oasis.opendocument.spreadsheet', signature: 'zip' },
  zip: { contentType: 'application/zip', signature: 'zip' },
  txt: { contentType: 'text/plain; charset=utf-8', signature: 'text' },
  csv: { contentType: 'text/csv; charset=utf-8', signature: 'text' },
  png: { contentType: 'image/png', signature: 'png' },
  jpg: { contentType: 'image/jpeg', signature: 'jpeg' },
};

/** The type of an extension on the list (`jpeg` is accepted as another spelling of `jpg`). */
export function fileTypeOf(extension: string): FileType | undefined {
  const ext = extension === 'jpeg' ? 'jpg' : extension;
  return Object.hasOwn(FILE_TYPES, ext) ? FILE_TYPES[ext as keyof typeof FILE_TYPES] : undefined;
}

/** How many leading bytes `matchesSignature` needs to decide. */
export const SIGNATURE_BYTES = 8;

const SIGNATURES: Record<string, number[][]> = {
  pdf: [[0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  zip: [
    [0x50, 0x4b, 0x03, 0x04],
    [0x50, 0x4b, 0x05, 0x06], // an empty archive
  ],
  ole: [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  png: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  jpeg: [[0xff, 0xd8, 0xff]],
};

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Whether the file's first bytes fit its declared type. Text must not look binary (no NUL byte). */
export function matchesSignature(type: FileType, head: Buffer): boolean {
  if (!type.signature) return true;
  if (type.signature === 'text') return !head.includes(0);
  return (SIGNATURES[type.signature] ?? []).some((sig) => sig.every((byte, i) => head[i] === byte));
}

const TYPE_NAMES: Record<string, string> = {
  pdf: 'PDF',
  zip: 'ZIP-архив (или документ Office/OpenDocument)',
  ole: 'документ Microsoft Office 97–2003',
  png: 'изображение PNG',
  jpeg: 'изображение JPEG',
  text: 'текст',
};

export function signatureName(type: FileType): string {
  return TYPE_NAMES[type.signature ?? ''] ?? type.contentType;
}

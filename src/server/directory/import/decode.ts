// Turns the bytes of a CSV file into text. Russian offices save CSV in UTF-8 (with or without a
// BOM) or in Windows-1251, and the file says nothing about which: valid UTF-8 is taken as UTF-8,
// anything else as Windows-1251, and text that still looks like binary is refused rather than
// imported as mojibake.
import { ImportFileError } from './report.js';

export type Decoded = { text: string; encoding: 'utf-8' | 'windows-1251' };

export const WRONG_ENCODING =
  'Не удалось прочитать файл: кодировка не поддерживается или файл не является CSV. ' +
  'Сохраните его как «CSV UTF-8» или CSV в кодировке Windows-1251, либо как книгу Excel (XLSX)';

/**
 * C0 controls other than tab, LF and CR, and the C1 block, never occur in a real table but always
 * do in binary files and in text decoded with the wrong table. U+FFFD marks bytes that did not decode.
 */
function looksLikeBinary(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) return true;
  }
  return false;
}

export function decodeCsv(bytes: Buffer): Decoded {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new ImportFileError(
      'Файл сохранён в кодировке UTF-16, она не поддерживается. ' +
        'Сохраните его как «CSV UTF-8» или CSV в кодировке Windows-1251',
    );
  }
  let decoded: Decoded;
  try {
    decoded = { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // A UTF-8 signature followed by invalid UTF-8 is a damaged file, not Windows-1251.
    if (startsWith(bytes, [0xef, 0xbb, 0xbf])) throw new ImportFileError(WRONG_ENCODING);
    decoded = { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  }
  if (looksLikeBinary(decoded.text)) throw new ImportFileError(WRONG_ENCODING);
  // The UTF-8 decoder drops a leading BOM itself; strip one that survived (e.g. a doubled BOM).
  decoded.text = decoded.text.replace(/^\ufeff+/, '');
  return decoded;
}

export function startsWith(bytes: Buffer, signature: number[]): boolean {
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}

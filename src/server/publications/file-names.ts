// File names as uploaded and as downloaded: the uploaded name cleaned of paths and control
// characters, and an ASCII stand-in for the old `filename=` parameter of Content-Disposition
// (modern browsers read the UTF-8 `filename*=` one, RFC 5987/8187).
import { create as contentDisposition } from 'content-disposition';

/** The name as the user will see it, or '' when nothing usable is left. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/\p{Cc}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return clean === '.' || clean === '..' ? '' : clean;
}

// Russian letters in the order of CYRILLIC, each with its Latin form («-» for none).
const CYRILLIC = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя';
const LATIN = 'a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e iu ia'.split(' ');
const TRANSLIT: Record<string, string> = Object.fromEntries(
  [...CYRILLIC].map((ch, i) => [ch, LATIN[i] === '-' ? '' : (LATIN[i] ?? '')]),
);

/** «Расписание НИКО.pdf» → «Raspisanie NIKO.pdf»; whatever has no Latin form becomes «_». */
export function asciiFileName(name: string): string {
  let out = '';
  for (const ch of name) {
    const lower = ch.toLowerCase();
    const t = TRANSLIT[lower];
    if (t !== undefined) out += ch === lower ? t : t.charAt(0).toUpperCase() + t.slice(1);
    else out += /[\x20-\x7e]/.test(ch) && ch !== '"' && ch !== '\\' ? ch : '_';
  }
  return out;
}

export function attachmentDisposition(name: string): string {
  return contentDisposition(name, { type: 'attachment', fallback: asciiFileName(name) });
}

// One cell's value: how typed text becomes the stored canonical string, whether that string is
// valid for its column, and how it is shown. Values are kept as strings, so an invalid entry is
// stored as a draft exactly as typed, never dropped (docs/PRODUCT.md "Validation").

import { tooLongMessage } from '../messages.js';
import { pluralWord } from '../plural.js';
import type { Column } from './definition.js';

export type CellValue = string | null;

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const RU_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/** Typed or pasted text → the canonical stored string (null when empty). Unparseable text is kept as typed. */
export function normalizeInput(column: Column, raw: string | null | undefined): CellValue {
  if (raw == null) return null;
  const text = raw.replace(/\u00a0/g, ' ').trim();
  if (text === '') return null;
  switch (column.type) {
    case 'integer':
    case 'decimal': {
      // "1 234,5" as Excel in a Russian locale copies it → "1234.5"; a leading "+" is dropped.
      const compact = text
        .replace(/[\s\u202f]/g, '')
        .replace(',', '.')
        .replace(/^\+/, '');
      if (!DECIMAL.test(compact)) return text;
      return canonicalNumber(compact);
    }
    case 'boolean': {
      const t = text.toLowerCase();
      if (['да', 'true', '1', 'yes', 'д'].includes(t)) return 'true';
      if (['нет', 'false', '0', 'no', 'н'].includes(t)) return 'false';
      return text;
    }
    case 'date': {
      const ru = RU_DATE.exec(text);
      if (ru) return `${ru[3]}-${(ru[2] as string).padStart(2, '0')}-${(ru[1] as string).padStart(2, '0')}`;
      return text;
    }
    case 'choice': {
      const byLabel = column.options?.find((o) => o.label.toLowerCase() === text.toLowerCase());
      return byLabel ? byLabel.value : text;
    }
    case 'text':
      return raw.replace(/\r\n?/g, '\n').trim() === '' ? null : raw.replace(/\r\n?/g, '\n');
  }
}

function canonicalNumber(s: string): string {
  const negative = s.startsWith('-');
  const [intPart = '0', frac] = (negative ? s.slice(1) : s).split('.');
  const int = intPart.replace(/^0+(?=\d)/, '');
  const fraction = frac?.replace(/0+$/, '') ?? '';
  const body = fraction ? `${int}.${fraction}` : int;
  return negative && body !== '0' ? `-${body}` : body;
}

/** The Russian message for an invalid value, or null when the value is fine. */
export function checkCell(column: Column, value: CellValue): string | null {
  if (value === null) return column.required ? 'Заполните ячейку.' : null;
  switch (column.type) {
    case 'integer':
    case 'decimal': {
      if (column.type === 'integer' && !INTEGER.test(value)) {
        return DECIMAL.test(value) ? 'Введите целое число.' : 'Введите число.';
      }
      if (!DECIMAL.test(value)) return 'Введите число.';
      const scale = column.scale ?? 2;
      const digits = value.split('.')[1]?.length ?? 0;
      if (column.type === 'decimal' && digits > scale) {
        return `Не больше ${scale} ${pluralWord(scale, ['знака', 'знаков', 'знаков'])} после запятой.`;
      }
      const n = Number(value);
      if (column.min !== undefined && n < column.min)
        return `Значение не может быть меньше ${formatNumber(column.min)}.`;
      if (column.max !== undefined && n > column.max)
        return `Значение не может быть больше ${formatNumber(column.max)}.`;
      return null;
    }
    case 'text': {
      const max = column.maxLength ?? 1000;
      return value.length > max ? tooLongMessage(max) : null;
    }
    case 'boolean':
      return value === 'true' || value === 'false' ? null : 'Выберите «да» или «нет».';
    case 'choice':
      return column.options?.some((o) => o.value === value) ? null : 'Выберите значение из списка.';
    case 'date': {
      const m = ISO_DATE.exec(value);
      if (!m) return 'Введите дату в формате ДД.ММ.ГГГГ.';
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      const real =
        d.getUTCFullYear() === Number(m[1]) &&
        d.getUTCMonth() === Number(m[2]) - 1 &&
        d.getUTCDate() === Number(m[3]);
      return real ? null : 'Такой даты не существует.';
    }
  }
}

/** The number a valid numeric cell holds, for sums and rules; null when empty or not a number. */
export function numericValue(value: CellValue): number | null {
  if (value === null || !DECIMAL.test(value)) return null;
  return Number(value);
}

function formatNumber(n: number): string {
  return String(n).replace('.', ',');
}

/** How a stored value is shown to a person (and copied to the clipboard). */
export function formatCell(column: Column, value: CellValue): string {
  if (value === null) return '';
  switch (column.type) {
    case 'integer':
    case 'decimal':
      return DECIMAL.test(value) ? value.replace('.', ',') : value;
    case 'boolean':
      return value === 'true' ? 'да' : value === 'false' ? 'нет' : value;
    case 'date': {
      const m = ISO_DATE.exec(value);
      return m ? `${m[3]}.${m[2]}.${m[1]}` : value;
    }
    case 'choice':
      return column.options?.find((o) => o.value === value)?.label ?? value;
    case 'text':
      return value;
  }
}

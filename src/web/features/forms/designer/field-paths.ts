// Every designer field's id is made from its path in the definition ("tables[0].columns[2].min"),
// so that an error's path, from the browser's check or from the server, leads to its field.
import type { FormDefinition } from '../../../../shared/forms/definition.js';

/** "tables[0].columns[2].min" → "def-tables-0-columns-2-min". */
export function fieldId(path: string): string {
  const slug = path
    .replace(/[[\].$]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/[^A-Za-z0-9_-]/g, '_');
  return slug ? `def-${slug}` : 'def-root';
}

/** The path and each of its ancestors, nearest first: "a[0].b" → ["a[0].b", "a[0]", "a"]. */
export function pathAndAncestors(path: string): string[] {
  const out: string[] = [];
  let p = path;
  while (p) {
    out.push(p);
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
  }
  return out;
}

/**
 * Moves focus to the field of a path, or to the nearest enclosing part of the designer that has
 * one (an error about a whole list points at the list).
 */
export function focusPath(path: string): boolean {
  for (const p of pathAndAncestors(path)) {
    const element = document.getElementById(fieldId(p));
    if (element) {
      element.focus();
      element.scrollIntoView({ block: 'center' });
      return true;
    }
  }
  return false;
}

/** Focus after React has rendered the change that makes the element appear or move. */
export function focusSoon(id: string) {
  window.requestAnimationFrame(() => document.getElementById(id)?.focus());
}

const FIELD_NAMES: Record<string, string> = {
  title: 'название',
  description: 'описание',
  key: 'ключ',
  header: 'заголовок',
  type: 'тип',
  required: 'обязательность',
  min: 'минимум',
  max: 'максимум',
  scale: 'знаков после запятой',
  maxLength: 'максимальная длина',
  options: 'варианты',
  value: 'значение',
  label: 'подпись',
  sumOf: 'сумма',
  group: 'группа',
  rows: 'строки',
  items: 'строки',
  columns: 'столбцы',
  tables: 'таблицы',
  rules: 'правила',
  message: 'сообщение',
  forEachRow: 'для каждой строки',
  left: 'левая часть',
  right: 'правая часть',
  op: 'оператор',
};

/** Where a path is, in words: «таблица «Кадры», столбец «Число»: минимум». */
export function describePath(path: string, def: FormDefinition): string {
  const parts: string[] = [];
  const table = /^tables\[(\d+)\]/.exec(path);
  const t = table ? def.tables[Number(table[1])] : undefined;
  if (t) parts.push(`таблица «${t.title || t.key}»`);
  const column = /\.columns\[(\d+)\]/.exec(path);
  const c = column && t ? t.columns[Number(column[1])] : undefined;
  if (c) parts.push(`столбец «${c.header || c.key}»`);
  const row = /\.rows\.items\[(\d+)\]/.exec(path);
  const r = row && t?.rows.kind === 'fixed' ? t.rows.items[Number(row[1])] : undefined;
  if (r) parts.push(`строка «${r.label || r.key}»`);
  const rule = /^rules\[(\d+)\]/.exec(path);
  const u = rule ? def.rules[Number(rule[1])] : undefined;
  if (u) parts.push(`правило «${u.key}»`);
  const last = /([A-Za-z]+)(\[\d+\])?$/.exec(path)?.[1] ?? '';
  const field = FIELD_NAMES[last];
  const where = parts.join(', ') || 'форма';
  return field ? `${where}: ${field}` : where;
}

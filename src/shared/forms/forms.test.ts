// The validation engine: property tests that browser and server agree and that values
// round-trip, and examples of each message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NIKO_CONTEXT_FORM } from '../../server/demo/niko-form.js';
import { checkCell, formatCell, normalizeInput } from './cells.js';
import { checkDefinition } from './check-definition.js';
import type { Column } from './definition.js';
import { allCells } from './layout.js';
import { validateForm } from './validate.js';

const niko = (() => {
  const v = checkDefinition(NIKO_CONTEXT_FORM);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.definition;
})();

const integer: Column = { key: 'n', header: 'N', type: 'integer', min: 0, max: 5000 };
const decimal: Column = { key: 'd', header: 'D', type: 'decimal', scale: 2, min: -1000, max: 1000 };
const date: Column = { key: 'dt', header: 'Дата', type: 'date' };
const bool: Column = { key: 'b', header: 'Да/нет', type: 'boolean' };
const choice: Column = {
  key: 'c',
  header: 'Выбор',
  type: 'choice',
  options: [
    { value: 'city', label: 'Город' },
    { value: 'rural', label: 'Село' },
  ],
};
const text: Column = { key: 't', header: 'Текст', type: 'text', maxLength: 20 };

/** Canonical valid values of each column type. */
const validValue: Record<string, fc.Arbitrary<string>> = {
  n: fc.integer({ min: 0, max: 5000 }).map(String),
  d: fc.integer({ min: -100000, max: 100000 }).map((c) => String(c / 100)),
  dt: fc
    .date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  b: fc.constantFrom('true', 'false'),
  c: fc.constantFrom('city', 'rural'),
  t: fc
    .string({ minLength: 1, maxLength: 20 })
    .filter((s) => s.trim() !== '' && !/\r/.test(s) && s === s.trim()),
};

describe('cells', () => {
  it.each([integer, decimal, date, bool, choice, text])(
    '$type: any valid value round-trips through what a person sees',
    (column) => {
      fc.assert(
        fc.property(validValue[column.key]!, (v) => {
          expect(checkCell(column, v)).toBeNull();
          expect(normalizeInput(column, formatCell(column, v))).toBe(v);
        }),
      );
    },
  );

  it('accepts numbers as Excel in a Russian locale copies them', () => {
    expect(normalizeInput(decimal, '1 234,50')).toBe('1234.5');
    expect(normalizeInput(integer, '\u00a012\u00a0')).toBe('12');
    expect(normalizeInput(date, '1.9.2026')).toBe('2026-09-01');
    expect(normalizeInput(bool, 'Да')).toBe('true');
    expect(normalizeInput(choice, 'город')).toBe('city');
    expect(normalizeInput(integer, '   ')).toBeNull();
  });

  it('keeps wrong input as typed, with a Russian message', () => {
    expect(normalizeInput(integer, 'двенадцать')).toBe('двенадцать');
    expect(checkCell(integer, 'двенадцать')).toBe('Введите число.');
    expect(checkCell(integer, '12.5')).toBe('Введите целое число.');
    expect(checkCell(integer, '5001')).toBe('Значение не может быть больше 5000.');
    expect(checkCell(integer, '-1')).toBe('Значение не может быть меньше 0.');
    expect(checkCell(decimal, '1.234')).toBe('Не больше 2 знаков после запятой.');
    expect(checkCell(date, '2026-02-30')).toBe('Такой даты не существует.');
    expect(checkCell(date, '30/02/2026')).toBe('Введите дату в формате ДД.ММ.ГГГГ.');
    expect(checkCell(text, 'x'.repeat(21))).toBe('Не больше 20 символов.');
    expect(checkCell(choice, 'moon')).toBe('Выберите значение из списка.');
    expect(checkCell(bool, 'может быть')).toBe('Выберите «да» или «нет».');
    expect(checkCell({ ...integer, required: true }, null)).toBe('Заполните ячейку.');
  });
});

describe('the demo НИКО form', () => {
  it('has at least 150 fixed input cells', () => {
    expect(allCells(niko).filter((c) => !c.computed).length).toBeGreaterThanOrEqual(150);
  });

  it('computes sums as you type and checks rules', () => {
    const values = {
      'pupils.g1.boys': '12',
      'pupils.g1.girls': '10',
      'pupils.g1.ovz': '30',
      'pupils.g2.boys': '1,5',
    };
    const v = validateForm(niko, {
      values: Object.fromEntries(
        Object.entries(values).map(([k, x]) => [k, normalizeInput(integer, x) as string]),
      ),
      rows: {},
    });
    expect(v.computed['pupils.g1.total']).toBe('22');
    expect(v.computed['pupils.primary.boys']).toBe('12');
    expect(v.computed['pupils.all.total']).toBe('22');
    expect(v.cellErrors['pupils.g2.boys']).toBe('Введите целое число.');
    expect(v.ruleErrors.map((r) => [r.rule, r.row])).toContainEqual(['pupils_ovz_within_total', 'g1']);
    expect(v.tableErrors).toEqual([{ table: 'classes', message: 'Нужно не меньше 1 строки.' }]);
    expect(v.valid).toBe(false);
  });

  it('browser and server give the same verdict for any data, after it crosses the wire as JSON', () => {
    const cells = allCells(niko).filter((c) => !c.computed);
    const anyText = fc.oneof(
      fc.constant(''),
      fc.integer({ min: -10, max: 6000 }).map(String),
      fc.string({ maxLength: 8 }),
      fc.constantFrom('да', 'нет', '01.09.2026', '31.02.2026', '12,5', 'Город'),
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...cells.map((c) => c.key)), anyText, { maxKeys: 40 }),
        fc.array(fc.constantFrom('ra1b2', 'rc3d4', 're5f6'), { maxLength: 3 }),
        (typed, classRows) => {
          // The browser normalizes what was typed and validates; the server receives JSON and validates.
          const byKey = new Map(cells.map((c) => [c.key, c.column]));
          const values: Record<string, string> = {};
          for (const [k, raw] of Object.entries(typed)) {
            const v = normalizeInput(byKey.get(k)!, raw);
            if (v !== null) values[k] = v;
          }
          const data = { values, rows: { classes: [...new Set(classRows)] } };
          const browser = validateForm(niko, data);
          const server = validateForm(niko, JSON.parse(JSON.stringify(data)));
          expect(server).toEqual(browser);
          expect(browser.valid).toBe(
            Object.keys(browser.cellErrors).length +
              browser.ruleErrors.length +
              browser.tableErrors.length ===
              0,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('definition checks', () => {
  const base = (): any => JSON.parse(JSON.stringify(NIKO_CONTEXT_FORM));

  it('accepts the demo form', () => {
    expect(checkDefinition(base()).ok).toBe(true);
  });

  it('names the exact path of each error', () => {
    const def = base();
    def.tables[0].columns[2].key = 'boys';
    def.tables[1].columns[0].min = 10;
    def.tables[1].columns[0].max = 5;
    def.rules[0].left = ['pupils.$row.nope'];
    def.rules[7].right = ['teachers.nobody.total'];
    def.tables[5].rows.min = 30;
    const v = checkDefinition(def);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors).toEqual(
      expect.arrayContaining([
        {
          path: 'tables[0].columns[2].key',
          message: 'Ключ столбца «boys» повторяется (см. tables[0].columns[1].key).',
        },
        { path: 'tables[1].columns[0].min', message: 'Минимум больше максимума.' },
        { path: 'rules[0].left[0]', message: 'Ссылка «pupils.$row.nope»: нет столбца «nope».' },
        { path: 'rules[7].right[0]', message: 'Ссылка «teachers.nobody.total»: нет строки «nobody».' },
        { path: 'tables[5].rows.min', message: 'Минимум строк больше максимума.' },
      ]),
    );
  });

  it('reports schema errors with their paths', () => {
    const def = base();
    def.tables[2].columns[0].type = 'money';
    delete def.tables[3].title;
    const v = checkDefinition(def);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['tables[2].columns[0].type', 'tables[3].title']),
    );
  });

  it('refuses a sum over a non-numeric column and a rule on an unknown table', () => {
    const def: any = {
      title: 'T',
      tables: [
        {
          key: 't',
          title: 'T',
          columns: [
            { key: 'a', header: 'A', type: 'text' },
            { key: 's', header: 'S', type: 'integer', sumOf: ['a'] },
          ],
          rows: { kind: 'fixed', items: [{ key: 'r', label: 'R' }] },
        },
      ],
      rules: [{ key: 'x', message: 'm', forEachRow: 'zz', left: [1], op: '>=', right: [0] }],
    };
    const v = checkDefinition(def);
    expect(v.ok ? [] : v.errors).toEqual([
      {
        path: 'tables[0].columns[1].sumOf[0]',
        message: 'Столбец «a» нельзя суммировать: он не числовой или сам вычисляется.',
      },
      { path: 'rules[0].forEachRow', message: 'Нет таблицы «zz».' },
    ]);
  });
});

// The designer's pure parts: list edits, column type changes, field ids made from error paths, and
// reading a JSON file (loaded with value errors left for the designer; refused on structure).
import { describe, expect, it } from 'vitest';
import { NIKO_CONTEXT_FORM } from '../../../../server/demo/niko-form.js';
import { checkDefinition } from '../../../../shared/forms/check-definition.js';
import {
  blankDefinition,
  blankRule,
  blankTable,
  moveItem,
  uniqueKey,
  withColumnType,
} from './definition-edits.js';
import { readDefinitionFile } from './definition-file.js';
import { parseNumberText } from './designer-fields.js';
import { describePath, fieldId, pathAndAncestors } from './field-paths.js';
import { parseTerm } from './RuleTermsEditor.js';

describe('definition edits', () => {
  it('moves an item and ignores moves out of range', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });

  it('makes keys that do not clash, and a blank form that passes the check', () => {
    expect(uniqueKey('col', ['col_1', 'col_3'])).toBe('col_2');
    const def = blankDefinition();
    def.tables.push(blankTable(def.tables));
    expect(def.tables.map((t) => t.key)).toEqual(['table_1', 'table_2']);
    def.rules.push(blankRule(def));
    expect(def.rules[0]).toMatchObject({ left: ['table_1.row_1.col_1'], op: '>=', right: [0] });
    expect(checkDefinition(def).ok).toBe(true);
  });

  it('drops the fields a new column type does not take', () => {
    const column = {
      key: 'n',
      header: 'Число',
      type: 'decimal' as const,
      min: 0,
      max: 9,
      scale: 1,
      sumOf: ['a'],
    };
    expect(withColumnType(column, 'integer')).toEqual({
      key: 'n',
      header: 'Число',
      type: 'integer',
      min: 0,
      max: 9,
      sumOf: ['a'],
    });
    expect(withColumnType(column, 'text')).toEqual({ key: 'n', header: 'Число', type: 'text' });
    expect(withColumnType(column, 'choice').options).toHaveLength(1);
  });
});

describe('field paths', () => {
  it('turns an error path into the id of its field, and walks up to the enclosing parts', () => {
    expect(fieldId('tables[0].columns[2].min')).toBe('def-tables-0-columns-2-min');
    expect(fieldId('title')).toBe('def-title');
    expect(fieldId('')).toBe('def-root');
    expect(pathAndAncestors('tables[0].rows.items[3].sumOf[1]')).toEqual([
      'tables[0].rows.items[3].sumOf[1]',
      'tables[0].rows.items[3].sumOf',
      'tables[0].rows.items[3]',
      'tables[0].rows.items',
      'tables[0].rows',
      'tables[0]',
      'tables',
    ]);
  });

  it('says in words where a path is', () => {
    const def = checkDefinition(NIKO_CONTEXT_FORM);
    if (!def.ok) throw new Error('demo form is invalid');
    expect(describePath('tables[0].columns[1].min', def.definition)).toBe(
      'таблица «1. Численность обучающихся», столбец «Мальчики»: минимум',
    );
    expect(describePath('title', def.definition)).toBe('форма: название');
  });
});

describe('typed numbers and terms', () => {
  it('reads numbers as a Russian user types them', () => {
    expect(parseNumberText('1 234,5', false)).toEqual({ value: 1234.5 });
    expect(parseNumberText('', true)).toEqual({});
    expect(parseNumberText('-', false).error).toBe('Введите число.');
    expect(parseNumberText('1,5', true).error).toBe('Введите целое число.');
  });

  it('tells numbers from cell references', () => {
    expect(parseTerm(' 10 ')).toBe(10);
    expect(parseTerm('-0,5')).toBe(-0.5);
    expect(parseTerm('staff.$row.n')).toBe('staff.$row.n');
  });
});

describe('JSON files', () => {
  it('loads a definition, plain or wrapped as the API takes it', () => {
    const text = JSON.stringify(NIKO_CONTEXT_FORM);
    expect(readDefinitionFile(text)).toMatchObject({
      ok: true,
      definition: { title: NIKO_CONTEXT_FORM.title },
    });
    expect(readDefinitionFile(`\uFEFF${JSON.stringify({ definition: NIKO_CONTEXT_FORM })}`).ok).toBe(true);
  });

  it('loads a file whose values break the rules, so the designer can show them at their fields', () => {
    const def = structuredClone(NIKO_CONTEXT_FORM) as any;
    def.tables[0].columns[1].min = 100;
    def.tables[0].columns[1].max = 1;
    def.tables[0].key = 'Bad key';
    const file = readDefinitionFile(JSON.stringify(def));
    if (!file.ok) throw new Error(file.message);
    const verdict = checkDefinition(file.definition);
    expect(verdict.ok ? [] : verdict.errors.map((e) => e.path)).toEqual(['tables[0].key']);
    def.tables[0].key = 'pupils';
    const again = readDefinitionFile(JSON.stringify(def));
    const second = again.ok ? checkDefinition(again.definition) : null;
    expect(second?.ok ? [] : second?.errors).toContainEqual({
      path: 'tables[0].columns[1].min',
      message: 'Минимум больше максимума.',
    });
  });

  it('refuses what is not JSON or not shaped like a form, naming the paths', () => {
    expect(readDefinitionFile('{ not json')).toMatchObject({ ok: false, errors: [] });
    const def = structuredClone(NIKO_CONTEXT_FORM) as any;
    def.tables[1].columns[0].type = 'money';
    def.tables[0].colour = 'red';
    const file = readDefinitionFile(JSON.stringify(def));
    expect(file.ok).toBe(false);
    expect(file.ok ? [] : file.errors.map((e) => e.path)).toEqual(['tables[0]', 'tables[1].columns[0].type']);
  });
});

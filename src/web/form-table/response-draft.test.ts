// The form as edited in the browser, on the demo НИКО form: sums as one types, messages beside
// cells, and a spreadsheet block pasted over computed rows and columns and into a growing table.
import { describe, expect, it } from 'vitest';
import { NIKO_CONTEXT_FORM } from '../../server/demo/niko-form.js';
import type { ResponseForEditor } from '../../shared/api/responses.js';
import { checkDefinition } from '../../shared/forms/check-definition.js';
import type { FormDefinition } from '../../shared/forms/definition.js';
import { AutosaveQueue } from './autosave-queue.js';
import { TabSlotStore } from './autosave-storage.js';
import { memoryStorage } from './memory-storage.js';
import { ResponseDraft } from './response-draft.js';

const verdict = checkDefinition(NIKO_CONTEXT_FORM);
if (!verdict.ok) throw new Error('the demo form is invalid');
const definition: FormDefinition = verdict.definition;
const table = (key: string) => definition.tables.find((t) => t.key === key)!;

function openDraft(cells: ResponseForEditor['cells'] = {}) {
  let n = 0;
  const queue = new AutosaveQueue({
    store: new TabSlotStore(memoryStorage(), 1, 'tab'),
    transport: async () => ({ kind: 'retry', message: 'not in this test' }),
    newId: () => `id-${++n}`,
  });
  const response = { id: 1, definition, cells, canEdit: true, open: true } as ResponseForEditor;
  return new ResponseDraft(response, queue);
}

describe('ResponseDraft', () => {
  it('sums as the person types, on top of the server’s values', () => {
    const draft = openDraft({ 'pupils.g1.girls': { value: '11', version: 1 } });
    draft.edit('pupils.g1.boys', '12');
    expect(draft.computedOf('pupils.g1.total')).toBe('23');
    expect(draft.computedOf('pupils.primary.boys')).toBe('12');
    expect(draft.queue.pendingCount).toBe(1);
  });

  it('shows a wrong value at once, an empty required cell once touched or after «Сдать отчет»', () => {
    const draft = openDraft();
    draft.edit('pupils.g2.boys', 'десять');
    expect(draft.messageOf('pupils.g2.boys')).toBe('Введите число.');
    expect(draft.messageOf('school.info.responsible')).toBeNull();
    draft.edit('school.info.filled_on', null);
    expect(draft.messageOf('school.info.filled_on')).toBe('Заполните ячейку.');
    draft.revealAllErrors();
    expect(draft.messageOf('school.info.responsible')).toBe('Заполните ячейку.');
    expect(draft.errors().tableErrors).toEqual([{ table: 'classes', message: 'Нужно не меньше 1 строки.' }]);
  });

  it('puts a failed rule’s message beside its first cell', () => {
    const draft = openDraft();
    draft.editMany([
      ['pupils.g1.boys', '2'],
      ['pupils.g1.ovz', '5'],
    ]);
    expect(draft.messageOf('pupils.g1.ovz')).toMatch(/не может быть больше числа обучающихся/);
  });

  it('pastes a block over the computed row «Итого 1–4 классы» and the computed column «Всего»', () => {
    const draft = openDraft();
    expect(draft.paste(table('pupils'), 'g4', 'boys', '1\t2\r\n3\t4\r\n')).toBe(4);
    expect(draft.valueOf('pupils.g4.girls')).toBe('2');
    expect(draft.valueOf('pupils.g5.boys')).toBe('3');
    expect(draft.valueOf('pupils.primary.boys')).toBeNull();
    draft.paste(table('teachers'), 'highest', 'exp_20', '5\t6\t1 234');
    expect(draft.valueOf('teachers.highest.exp_20')).toBe('5');
    expect(draft.valueOf('teachers.highest.part_time')).toBe('6');
    expect(draft.valueOf('teachers.highest.young')).toBe('1234');
    expect(draft.paste(table('pupils'), 'g1', 'boys', '7')).toBeNull();
  });

  it('grows a dynamic table to fit the pasted lines, in their order, within its maximum', () => {
    const draft = openDraft();
    const [first] = draft.addRows(table('classes'), 1);
    draft.paste(table('classes'), first!, 'grade', '4 класс\tА\t25\r\n5\tБ\t26\r\n6\tВ\t27\r\n');
    const rows = draft.rowsOf(table('classes'));
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => draft.valueOf(`classes.${r}.grade`))).toEqual(['4', '5', '6']);
    expect(rows.map((r) => draft.valueOf(`classes.${r}.pupils`))).toEqual(['25', '26', '27']);
    draft.addRows(table('classes'), 50);
    expect(draft.rowsOf(table('classes'))).toHaveLength(20);
    draft.removeRow(table('classes'), first!);
    expect(draft.rowsOf(table('classes'))).toHaveLength(19);
  });
});

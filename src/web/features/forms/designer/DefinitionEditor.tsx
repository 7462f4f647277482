// The editable parts of a form definition: title and description, tables, rules.
import type { FormDefinition } from '../../../../shared/forms/definition.js';
import { Button } from '../../../ui/Button.js';
import {
  blankRule,
  blankTable,
  moveItem,
  removeAt,
  replaceAt,
  withoutUndefined,
} from './definition-edits.js';
import { DefTextArea, DefTextField } from './designer-fields.js';
import { fieldId, focusSoon } from './field-paths.js';
import { ItemActions } from './ItemActions.js';
import { RuleEditor } from './RuleEditor.js';
import { TableEditor } from './TableEditor.js';

type Props = { definition: FormDefinition; onChange: (definition: FormDefinition) => void };

export function DefinitionEditor({ definition: def, onChange }: Props) {
  const set = (patch: Partial<FormDefinition>) => onChange(withoutUndefined({ ...def, ...patch }));
  const addTableId = `${fieldId('tables')}-add`;
  const addRuleId = `${fieldId('rules')}-add`;
  return (
    <>
      <section aria-labelledby="designer-general">
        <h2 id="designer-general">Общие сведения</h2>
        <p className="field-hint">Ключи — латинские строчные буквы, цифры и «_», начинаются с буквы.</p>
        <DefTextField
          path="title"
          label="Название формы"
          value={def.title}
          onChange={(title) => set({ title })}
          maxLength={300}
        />
        <DefTextArea
          path="description"
          label="Описание формы"
          hint="Необязательно. Организация видит его над таблицами."
          value={def.description ?? ''}
          onChange={(description) => set({ description: description === '' ? undefined : description })}
          maxLength={5000}
        />
      </section>

      <section aria-labelledby="designer-tables" id={fieldId('tables')} tabIndex={-1}>
        <h2 id="designer-tables">Таблицы</h2>
        {def.tables.map((table, t) => (
          <TableEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: a table is known only by its position while its key is edited
            key={t}
            path={`tables[${t}]`}
            index={t}
            table={table}
            onChange={(next) => set({ tables: replaceAt(def.tables, t, next) })}
            actions={
              <ItemActions
                pathAt={(k) => `tables[${k}]`}
                index={t}
                count={def.tables.length}
                noun="таблицу"
                keepLast
                focusAfterRemove={addTableId}
                onMove={(to) => set({ tables: moveItem(def.tables, t, to) })}
                onRemove={() => set({ tables: removeAt(def.tables, t) })}
              />
            }
          />
        ))}
        <Button
          id={addTableId}
          onClick={() => {
            set({ tables: [...def.tables, blankTable(def.tables)] });
            focusSoon(fieldId(`tables[${def.tables.length}].key`));
          }}
        >
          Добавить таблицу
        </Button>
      </section>

      <section aria-labelledby="designer-rules" id={fieldId('rules')} tabIndex={-1}>
        <h2 id="designer-rules">Правила</h2>
        <p className="field-hint">
          Проверки, связывающие несколько ячеек, например «строка 1 ≥ сумма строк 1.1–1.3». Правило, все
          ячейки которого пусты, не проверяется.
        </p>
        {def.rules.map((rule, r) => (
          <RuleEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: a rule is known only by its position while its key is edited
            key={r}
            path={`rules[${r}]`}
            index={r}
            rule={rule}
            definition={def}
            onChange={(next) => set({ rules: replaceAt(def.rules, r, next) })}
            actions={
              <ItemActions
                pathAt={(k) => `rules[${k}]`}
                index={r}
                count={def.rules.length}
                noun="правило"
                focusAfterRemove={addRuleId}
                onMove={(to) => set({ rules: moveItem(def.rules, r, to) })}
                onRemove={() => set({ rules: removeAt(def.rules, r) })}
              />
            }
          />
        ))}
        <Button
          id={addRuleId}
          onClick={() => {
            set({ rules: [...def.rules, blankRule(def)] });
            focusSoon(fieldId(`rules[${def.rules.length}].key`));
          }}
        >
          Добавить правило
        </Button>
      </section>
    </>
  );
}

// One cross-cell rule: «левая часть» (a sum) compared with «правая часть» (a sum), checked once or
// in every row of a table, with the Russian message a person sees when it fails.
import { type ReactNode, useId, useMemo } from 'react';
import type { FormDefinition, Rule, RuleOperator } from '../../../../shared/forms/definition.js';
import { cellReferences, withoutUndefined } from './definition-edits.js';
import { DefSelectField, DefTextField } from './designer-fields.js';
import { fieldId } from './field-paths.js';
import { OPERATOR_OPTIONS } from './labels.js';
import { RuleTermsEditor } from './RuleTermsEditor.js';

type Props = {
  path: string;
  index: number;
  rule: Rule;
  definition: FormDefinition;
  onChange: (rule: Rule) => void;
  actions: ReactNode;
};

export function RuleEditor({ path, index, rule, definition, onChange, actions }: Props) {
  const suggestions = useId();
  const set = (patch: Partial<Rule>) => onChange(withoutUndefined({ ...rule, ...patch }));
  const refs = useMemo(() => cellReferences(definition, rule.forEachRow), [definition, rule.forEachRow]);
  const tableOptions = definition.tables.map((t) => ({ value: t.key, label: `${t.title} (${t.key})` }));
  if (rule.forEachRow && !tableOptions.some((o) => o.value === rule.forEachRow))
    tableOptions.push({ value: rule.forEachRow, label: `${rule.forEachRow} (не найдена)` });
  return (
    <fieldset id={fieldId(path)} tabIndex={-1} className="designer-item designer-rule">
      <legend>
        Правило {index + 1}: {rule.key}
      </legend>
      <datalist id={suggestions}>
        {refs.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <div className="designer-grid">
        <DefTextField
          path={`${path}.key`}
          label="Ключ правила"
          value={rule.key}
          onChange={(key) => set({ key })}
          code
        />
        <DefSelectField
          path={`${path}.forEachRow`}
          label="Проверять"
          value={rule.forEachRow ?? ''}
          options={[
            { value: '', label: 'один раз для всей формы' },
            ...tableOptions.map((o) => ({ value: o.value, label: `в каждой строке: ${o.label}` })),
          ]}
          onChange={(forEachRow) => set({ forEachRow: forEachRow || undefined })}
        />
      </div>
      <DefTextField
        path={`${path}.message`}
        label="Сообщение об ошибке"
        hint="Его увидит организация, если правило не выполнено."
        value={rule.message}
        onChange={(message) => set({ message })}
        maxLength={500}
      />
      <p className="field-hint">
        Слагаемое — ссылка на ячейку «таблица.строка.столбец» (в правиле для каждой строки —
        «таблица.$row.столбец») или число. Пустая ячейка считается нулём.
      </p>
      <div className="designer-rule-sides">
        <RuleTermsEditor
          path={`${path}.left`}
          legend="Левая часть (сумма)"
          terms={rule.left}
          suggestions={suggestions}
          onChange={(left) => set({ left })}
        />
        <DefSelectField
          path={`${path}.op`}
          label="Сравнение"
          value={rule.op}
          options={OPERATOR_OPTIONS}
          onChange={(op) => set({ op: op as RuleOperator })}
        />
        <RuleTermsEditor
          path={`${path}.right`}
          legend="Правая часть (сумма)"
          terms={rule.right}
          suggestions={suggestions}
          onChange={(right) => set({ right })}
        />
      </div>
      {actions}
    </fieldset>
  );
}

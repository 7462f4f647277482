// Russian names of the definition's values, as the designer's selects show them.
import type { ColumnType, RuleOperator } from '../../../../shared/forms/definition.js';
import type { SelectOption } from '../../../ui/Field.js';

export const COLUMN_TYPE_LABELS: Record<ColumnType, string> = {
  integer: 'целое число',
  decimal: 'дробное число',
  text: 'текст',
  choice: 'выбор из списка',
  date: 'дата',
  boolean: 'да/нет',
};

export const COLUMN_TYPE_OPTIONS: SelectOption[] = Object.entries(COLUMN_TYPE_LABELS).map(
  ([value, label]) => ({
    value,
    label,
  }),
);

export const OPERATOR_LABELS: Record<RuleOperator, string> = {
  '>=': '≥ больше или равно',
  '<=': '≤ меньше или равно',
  '=': '= равно',
  '>': '> больше',
  '<': '< меньше',
  '!=': '≠ не равно',
};

export const OPERATOR_OPTIONS: SelectOption[] = Object.entries(OPERATOR_LABELS).map(([value, label]) => ({
  value,
  label,
}));

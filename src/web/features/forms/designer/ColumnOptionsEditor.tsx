// The options of a «выбор из списка» column: the stored value and the label a person picks.
import type { Column } from '../../../../shared/forms/definition.js';
import { Button } from '../../../ui/Button.js';
import { removeAt, replaceAt, uniqueKey } from './definition-edits.js';
import { useDesignerErrors } from './designer-errors.js';
import { DefTextField } from './designer-fields.js';
import { fieldId, focusSoon } from './field-paths.js';

type Option = NonNullable<Column['options']>[number];

type Props = {
  path: string;
  options: Option[] | undefined;
  onChange: (options: Option[] | undefined) => void;
};

export function ColumnOptionsEditor({ path, options = [], onChange }: Props) {
  const error = useDesignerErrors().at(path);
  const addId = `${fieldId(path)}-add`;
  const add = () => {
    const taken = options.map((o) => o.value);
    const value = String(options.length + 1);
    const next = taken.includes(value) ? uniqueKey('v', taken) : value;
    onChange([...options, { value: next, label: `Вариант ${options.length + 1}` }]);
    focusSoon(fieldId(`${path}[${options.length}].value`));
  };
  return (
    <fieldset id={fieldId(path)} tabIndex={-1} className="designer-options">
      <legend>Варианты списка</legend>
      {error ? <div className="field-error">{error}</div> : null}
      {options.map((o, j) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an option is known only by its position while its value is edited
        <div key={j} className="designer-inline">
          <DefTextField
            path={`${path}[${j}].value`}
            label={`Значение ${j + 1}`}
            value={o.value}
            onChange={(value) => onChange(replaceAt(options, j, { ...o, value }))}
            maxLength={100}
            code
          />
          <DefTextField
            path={`${path}[${j}].label`}
            label={`Подпись ${j + 1}`}
            value={o.label}
            onChange={(label) => onChange(replaceAt(options, j, { ...o, label }))}
            maxLength={300}
          />
          <Button
            variant="danger"
            onClick={() => {
              onChange(removeAt(options, j));
              focusSoon(addId);
            }}
          >
            Удалить вариант {j + 1}
          </Button>
        </div>
      ))}
      <Button id={addId} onClick={add}>
        Добавить вариант
      </Button>
    </fieldset>
  );
}

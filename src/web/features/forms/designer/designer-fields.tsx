// The designer's inputs: the shared ui/Field components, with the id made from the field's path in
// the definition and the error for that path, so that the error list can lead to each of them.
import { type ReactNode, useState } from 'react';
import {
  CheckboxField,
  SelectField,
  type SelectOption,
  TextAreaField,
  TextField,
} from '../../../ui/Field.js';
import { useDesignerErrors } from './designer-errors.js';
import { fieldId } from './field-paths.js';

type TextProps = {
  path: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  maxLength?: number;
  /** Keys are typed in Latin letters: no spell check, no capitals. */
  code?: boolean;
  /** The id of a <datalist> of suggestions. */
  list?: string;
};

export function DefTextField({ path, label, value, onChange, hint, maxLength, code, list }: TextProps) {
  const errors = useDesignerErrors();
  return (
    <TextField
      id={fieldId(path)}
      label={label}
      hint={hint}
      value={value}
      onValueChange={onChange}
      error={errors.at(path)}
      maxLength={maxLength}
      list={list}
      spellCheck={code ? false : undefined}
      autoCapitalize={code ? 'off' : undefined}
      className={code ? 'input-code' : undefined}
    />
  );
}

export function DefTextArea({ path, label, value, onChange, hint, maxLength }: TextProps) {
  const errors = useDesignerErrors();
  return (
    <TextAreaField
      id={fieldId(path)}
      label={label}
      hint={hint}
      rows={2}
      value={value}
      maxLength={maxLength}
      error={errors.at(path)}
      onValueChange={onChange}
    />
  );
}

/** "1 234,5" or "-3" → a number; "" → undefined; anything else → an error to show while typing. */
export function parseNumberText(text: string, integer: boolean): { value?: number; error?: string } {
  const compact = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (compact === '') return {};
  if (!/^-?\d+(\.\d+)?$/.test(compact)) return { error: 'Введите число.' };
  const value = Number(compact);
  if (integer && !Number.isInteger(value)) return { error: 'Введите целое число.' };
  return { value };
}

type NumberProps = {
  path: string;
  label: ReactNode;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  integer?: boolean;
  hint?: ReactNode;
};

/**
 * A number, or empty for "not set". The text is kept as typed, so "-" or "1," on the way to a
 * number is not wiped out; only a complete number reaches the definition.
 */
export function DefNumberField({ path, label, value, onChange, integer = false, hint }: NumberProps) {
  const errors = useDesignerErrors();
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [shown, setShown] = useState(value);
  // The definition changed from elsewhere (a type change, a loaded file): show its value.
  if (shown !== value) {
    setShown(value);
    if (parseNumberText(text, integer).value !== value) setText(value === undefined ? '' : String(value));
  }
  const local = parseNumberText(text, integer).error;
  return (
    <TextField
      id={fieldId(path)}
      label={label}
      hint={hint}
      value={text}
      inputMode={integer ? 'numeric' : 'decimal'}
      error={local ?? errors.at(path)}
      onValueChange={(next) => {
        setText(next);
        const parsed = parseNumberText(next, integer);
        if (!parsed.error && parsed.value !== value) {
          setShown(parsed.value);
          onChange(parsed.value);
        }
      }}
    />
  );
}

type SelectProps = {
  path: string;
  label: ReactNode;
  value: string;
  options: SelectOption[];
  onChange: (value: string) => void;
  hint?: ReactNode;
};

export function DefSelectField({ path, label, value, options, onChange, hint }: SelectProps) {
  const errors = useDesignerErrors();
  return (
    <SelectField
      id={fieldId(path)}
      label={label}
      hint={hint}
      value={value}
      options={options}
      onValueChange={onChange}
      error={errors.at(path)}
    />
  );
}

type CheckboxProps = {
  path: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
};

export function DefCheckbox({ path, label, checked, onChange }: CheckboxProps) {
  return <CheckboxField id={fieldId(path)} label={label} checked={checked} onCheckedChange={onChange} />;
}

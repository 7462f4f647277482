// One side of a rule: the terms whose sum is compared, each a cell reference or a number.
import { useState } from 'react';
import { Button } from '../../../ui/Button.js';
import { TextField } from '../../../ui/Field.js';
import { removeAt, replaceAt } from './definition-edits.js';
import { useDesignerErrors } from './designer-errors.js';
import { fieldId, focusSoon } from './field-paths.js';

export type Term = string | number;

/** "12", "-1,5" → a number; anything else is a cell reference, as typed (without spaces around). */
export function parseTerm(text: string): Term {
  const t = text.trim();
  return /^-?\d+([.,]\d+)?$/.test(t) ? Number(t.replace(',', '.')) : t;
}

type Props = {
  path: string;
  legend: string;
  terms: Term[];
  /** The id of a <datalist> of the cell references the rule may use. */
  suggestions: string;
  onChange: (terms: Term[]) => void;
};

export function RuleTermsEditor({ path, legend, terms, suggestions, onChange }: Props) {
  const error = useDesignerErrors().at(path);
  const addId = `${fieldId(path)}-add`;
  return (
    <fieldset id={fieldId(path)} tabIndex={-1} className="designer-terms">
      <legend>{legend}</legend>
      {error ? <div className="field-error">{error}</div> : null}
      {terms.map((term, j) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a term is known only by its position
        <div key={j} className="designer-inline">
          <TermField
            path={`${path}[${j}]`}
            label={`Слагаемое ${j + 1}`}
            term={term}
            suggestions={suggestions}
            onChange={(next) => onChange(replaceAt(terms, j, next))}
          />
          <Button
            variant="danger"
            disabled={terms.length <= 1}
            onClick={() => {
              onChange(removeAt(terms, j));
              focusSoon(addId);
            }}
          >
            Удалить слагаемое {j + 1}
          </Button>
        </div>
      ))}
      <Button
        id={addId}
        onClick={() => {
          onChange([...terms, '']);
          focusSoon(fieldId(`${path}[${terms.length}]`));
        }}
      >
        Добавить слагаемое
      </Button>
    </fieldset>
  );
}

type TermFieldProps = {
  path: string;
  label: string;
  term: Term;
  suggestions: string;
  onChange: (term: Term) => void;
};

/** Keeps the text as typed ("1," on the way to "1,5"), passing on what it means. */
function TermField({ path, label, term, suggestions, onChange }: TermFieldProps) {
  const error = useDesignerErrors().at(path);
  const [text, setText] = useState(String(term));
  const [shown, setShown] = useState<Term>(term);
  if (shown !== term) {
    setShown(term);
    if (parseTerm(text) !== term) setText(String(term));
  }
  return (
    <TextField
      id={fieldId(path)}
      label={label}
      value={text}
      list={suggestions}
      error={error}
      spellCheck={false}
      autoCapitalize="off"
      className="input-code"
      onValueChange={(next) => {
        setText(next);
        const parsed = parseTerm(next);
        setShown(parsed);
        onChange(parsed);
      }}
    />
  );
}

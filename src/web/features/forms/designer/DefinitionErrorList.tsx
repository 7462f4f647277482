// The errors of the definition, each with its path and where that is in words, linked to its field.
import type { Ref } from 'react';
import type { DefinitionError } from '../../../../shared/forms/check-definition.js';
import type { FormDefinition } from '../../../../shared/forms/definition.js';
import { formatCount } from '../../../../shared/plural.js';
import { describePath, fieldId, focusPath } from './field-paths.js';

type Props = {
  title: string;
  errors: readonly DefinitionError[];
  definition: FormDefinition;
  /** «Сохранить» with errors brings focus here. */
  headingRef?: Ref<HTMLHeadingElement>;
  note?: string;
  /** Brings the designer's fields back (from the preview) before a link moves focus to one. */
  onReveal?: () => void;
};

export function DefinitionErrorList({ title, errors, definition, headingRef, note, onReveal }: Props) {
  if (errors.length === 0) return null;
  return (
    <section className="message message-error designer-errors" aria-labelledby="designer-errors-title">
      <h2 id="designer-errors-title" ref={headingRef} tabIndex={-1}>
        {title} ({formatCount(errors.length)})
      </h2>
      <ul>
        {errors.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: two errors may share a path and a message
          <li key={i}>
            <a
              href={`#${fieldId(e.path)}`}
              onClick={(event) => {
                event.preventDefault();
                onReveal?.();
                // After the fields are back on the page.
                window.requestAnimationFrame(() => focusPath(e.path));
              }}
            >
              {describePath(e.path, definition)}
            </a>{' '}
            <code>{e.path || '(вся форма)'}</code>: {e.message}
          </li>
        ))}
      </ul>
      {note ? <p className="designer-errors-note">{note}</p> : null}
    </section>
  );
}

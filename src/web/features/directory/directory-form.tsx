// What the directory's create/edit forms (organizations, users) share: checking in the browser
// first, then sending; the server's field errors shown next to their fields; the first field to
// fix focused; «Сохранить» busy while the request is under way.
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../app/api.js';
import { Button } from '../../ui/Button.js';
import { focusFirstError } from '../../ui/focus-first-error.js';

export type FieldErrors = Record<string, string>;

export function useDirectoryForm<V>(
  initial: V,
  checkLocally: (values: V) => FieldErrors,
  onSubmit: (values: V) => Promise<unknown>,
) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setError(null);
    const local = checkLocally(values);
    setErrors(local);
    if (Object.keys(local).length > 0) return focusFirstError(form);
    setBusy(true);
    try {
      // On success the page navigates away, so the button stays busy until it does.
      await onSubmit(values);
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) {
        setErrors(err.fieldErrors());
        focusFirstError(form);
      }
      setBusy(false);
    }
  }

  return { values, setValues, errors, error, busy, submit };
}

export function FormActions({ busy, cancelTo }: { busy: boolean; cancelTo: string }) {
  return (
    <div className="form-actions">
      <Button type="submit" variant="primary" busy={busy}>
        Сохранить
      </Button>
      <Link className="btn btn-secondary" to={cancelTo}>
        Отмена
      </Link>
    </div>
  );
}

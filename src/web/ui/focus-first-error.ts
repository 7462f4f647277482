// After a form is refused, take the user to the first field that needs fixing (its error is read
// out with it, through aria-describedby).
export function focusFirstError(form: HTMLFormElement | null) {
  // After React has rendered the errors.
  window.requestAnimationFrame(() => {
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}

// After a form is refused, take the user to the first field that needs fixing (its error is read
// out with it, through aria-describedby).
//
// Errors found in the browser are drawn by the next frame. Errors from the server's answer are set
// after an await, where React schedules the render as a task of its own, which may come after that
// frame: waiting a single frame then found nothing and left the focus on <body> (about one time in
// four). So it waits frame by frame, up to about half a second, for the errors to be drawn.
const MAX_FRAMES = 30;

export function focusFirstError(form: HTMLFormElement | null, framesLeft = MAX_FRAMES) {
  window.requestAnimationFrame(() => {
    if (!form?.isConnected) return;
    const field = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) field.focus();
    else if (framesLeft > 0) focusFirstError(form, framesLeft - 1);
  });
}

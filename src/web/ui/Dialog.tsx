// A modal dialog on the native <dialog>: showModal() makes the rest of the page inert, keeps Tab
// inside, and moves focus into the dialog: to the element marked data-autofocus, else the first control.
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';

type DialogProps = {
  title: string;
  /** Escape; the dialog stays open unless the owner unmounts it. */
  onCancel: () => void;
  children: ReactNode;
  /** Buttons at the bottom. */
  actions: ReactNode;
  role?: 'dialog' | 'alertdialog';
  testId?: string;
};

export function Dialog({ title, onCancel, children, actions, role = 'dialog', testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Focus goes back where it was when the dialog closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  // In <body>, so that no table cell or menu it was opened from passes its styles on.
  return createPortal(
    <dialog
      ref={ref}
      className="dialog"
      role={role}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      <div id={bodyId} className="dialog-body">
        {children}
      </div>
      <div className="dialog-actions">{actions}</div>
    </dialog>,
    document.body,
  );
}

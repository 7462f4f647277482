// Leaving the designer with unsaved changes asks first: a link inside the app through the router's
// blocker, a reload or a closed tab through the browser's own question.
import { useCallback, useEffect, useRef } from 'react';
import { type BlockerFunction, useBlocker } from 'react-router';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.js';

export function useLeaveGuard(dirty: boolean) {
  // A ref, not state: «Сохранить» releases the guard and navigates in the same tick.
  const guarded = useRef(dirty);
  useEffect(() => {
    guarded.current = dirty;
  }, [dirty]);
  const blocker = useBlocker(
    useCallback<BlockerFunction>(
      ({ currentLocation, nextLocation }) =>
        guarded.current && currentLocation.pathname !== nextLocation.pathname,
      [],
    ),
  );
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (guarded.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const dialog =
    blocker.state === 'blocked' ? (
      <ConfirmDialog
        title="Уйти без сохранения?"
        confirmLabel="Уйти"
        danger
        onConfirm={async () => blocker.proceed()}
        onDone={() => {}}
        onCancel={() => blocker.reset()}
      >
        <p>Изменения формы не сохранены и будут потеряны.</p>
      </ConfirmDialog>
    ) : null;

  return {
    dialog,
    /** Before a save that navigates away. */
    release: () => {
      guarded.current = false;
    },
    /** After a save that failed. */
    restore: () => {
      guarded.current = dirty;
    },
  };
}

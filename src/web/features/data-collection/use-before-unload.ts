// Leaving the page (closing the tab, reloading, typing another address) while changes are not yet
// on the server asks first. They would survive in the browser anyway; the question is a last
// chance to wait for them rather than to lose them on another computer.
import { useEffect } from 'react';
import type { AutosaveQueue } from '../../form-table/autosave-queue.js';

export function useBeforeUnload(queue: AutosaveQueue) {
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (queue.pendingCount === 0) return;
      e.preventDefault();
      // Older browsers ask only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [queue]);
}

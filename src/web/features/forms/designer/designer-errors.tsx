// The errors of the definition being designed, by path, for every field to show its own beside it.
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { DefinitionError } from '../../../../shared/forms/check-definition.js';

type ErrorLookup = {
  /** The message(s) for exactly this path. */
  at: (path: string) => string | undefined;
  /** Messages for this path and its indexed children ("sumOf", "sumOf[0]", …) in one line. */
  within: (path: string) => string | undefined;
};

const NO_ERRORS: ErrorLookup = { at: () => undefined, within: () => undefined };
const DesignerErrorsContext = createContext<ErrorLookup>(NO_ERRORS);

export function DesignerErrorsProvider({
  errors,
  children,
}: {
  errors: readonly DefinitionError[];
  children: ReactNode;
}) {
  const lookup = useMemo<ErrorLookup>(() => {
    const byPath = new Map<string, string[]>();
    for (const e of errors) byPath.set(e.path, [...(byPath.get(e.path) ?? []), e.message]);
    const join = (messages: string[]) => (messages.length ? [...new Set(messages)].join(' ') : undefined);
    return {
      at: (path) => join(byPath.get(path) ?? []),
      within: (path) =>
        join(
          [...byPath.entries()]
            .filter(([p]) => p === path || (p.startsWith(path) && /^\[\d+\]$/.test(p.slice(path.length))))
            .flatMap(([, m]) => m),
        ),
    };
  }, [errors]);
  return <DesignerErrorsContext.Provider value={lookup}>{children}</DesignerErrorsContext.Provider>;
}

export function useDesignerErrors(): ErrorLookup {
  return useContext(DesignerErrorsContext);
}

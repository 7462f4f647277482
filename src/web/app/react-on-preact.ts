// What `react` means in the built pages (the alias in vite.config.ts): Preact's React
// compatibility layer, plus the one React 19 hook a library we use imports and compat lacks.
import React from 'preact/compat';

// compat's types say `export =` (a CommonJS shape); its module is ESM with named exports, which
// this re-exports. Nothing in TypeScript imports this file: the pages import 'react' and its types.
// @ts-expect-error TS2498
export * from 'preact/compat';
export default React;

/**
 * React Router's `RouterProvider` calls `useOptimistic(state)` and sets the optimistic state only
 * when given `useTransitions`, which main.tsx does not pass; outside a transition React returns the
 * state it was given. So the state as it is, and a setter that is never called; a page of ours
 * that wants optimistic updates needs a real implementation here first.
 */
export function useOptimistic<S>(passthrough: S): [S, (action: unknown) => void] {
  return [passthrough, () => {}];
}

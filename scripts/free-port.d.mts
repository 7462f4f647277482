// Types for free-port.mjs (plain JavaScript, so that scripts/e2e.mjs runs it without tsx).
export function freePort(): Promise<number>;

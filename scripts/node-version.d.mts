// Types for node-version.mjs (plain JavaScript, so that an old Node can run it), for the tests.
export function minimumNode(engines?: string): string;
export function isAtLeast(version: string, minimum: string): boolean;
export function nodeTooOld(
  current: string,
  minimum: string,
  where?: { platform?: string; arch?: string; rerun?: string },
): string | undefined;
export function exitIfNodeTooOld(rerun?: string): void;

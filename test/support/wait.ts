// Waits for a condition instead of sleeping for a guessed time: polls until it holds, and fails
// with the condition's name if it never does within a generous deadline.
export async function waitFor(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// The start-up message main.ts prints once it listens, both ways: how its lines with addresses begin,
// and how a parent process (test/support/process.ts, bench/support/server.ts) reads them. So the
// server can listen on PORT=0 and METRICS_PORT=0 (the system picks a free port) and say which it
// got: picking a "free" port first and passing it on races with every other process on the machine.
import type { ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';

export const STARTUP_LINE = 'ЛК ФИС ОКО (НИКО) работает: ';
export const METRICS_LINE = 'Метрики Prometheus: ';

export type StartupAddresses = { url: string; metricsUrl: string | null };

/** The addresses in what a server has printed, once its whole start-up message is there (it ends with a blank line). */
export function startupAddresses(output: string): StartupAddresses | null {
  const start = output.indexOf(STARTUP_LINE);
  if (start < 0) return null;
  const end = output.indexOf('\n\n', start);
  if (end < 0) return null;
  const lines = output.slice(start, end).split('\n');
  const addressAfter = (prefix: string) =>
    lines
      .find((l) => l.startsWith(prefix))
      ?.slice(prefix.length)
      .trim();
  const url = addressAfter(STARTUP_LINE);
  if (!url) return null;
  const metrics = addressAfter(METRICS_LINE);
  return { url, metricsUrl: metrics ? metrics.replace(/\/metrics$/, '') : null };
}

/**
 * Resolves with the addresses as soon as the child prints its start-up message; rejects if it exits
 * first, or prints nothing of the kind within `timeoutMs` (a hang, not a pace: make it generous).
 * `output` is everything it printed, for the error.
 */
export function waitForStartup(
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
): Promise<StartupAddresses> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const decoder = new StringDecoder('utf8'); // a Cyrillic letter may be split between chunks
    const onData = (chunk: Buffer | string) => {
      seen += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      const addresses = startupAddresses(seen);
      if (addresses) settle(() => resolve(addresses));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      settle(() => reject(new Error(`server exited (${code ?? signal}) before it listened:\n${output()}`)));
    const timer = setTimeout(
      () =>
        settle(() => reject(new Error(`server did not start within ${timeoutMs / 1000} s:\n${output()}`))),
      timeoutMs,
    );
    function settle(then: () => void) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      then();
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    if (child.exitCode !== null || child.signalCode !== null) onExit(child.exitCode, child.signalCode);
  });
}

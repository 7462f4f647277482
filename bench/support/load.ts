// A closed-loop load generator: every worker sends its next request as soon as the previous one is
// answered, all workers at once, for a fixed time. One process, async, so that the client's own
// CPU stays small next to the server's.
import { Latencies } from './stats.js';

export type Step<W> = (worker: W) => Promise<{ units: number; ok: boolean }>;

export type Phase = {
  /** Units of work (cells, submissions) in requests answered inside the window. */
  units: number;
  requests: number;
  /** Every request of the phase, those answered after the window too: what CPU figures cover. */
  completed: number;
  errors: number;
  latencies: Latencies;
  seconds: number;
};

/** Runs `step` for every worker in a loop for `seconds`; `measure` false is a warm-up. */
export async function runLoad<W>(
  workers: W[],
  seconds: number,
  step: Step<W>,
  measure = true,
): Promise<Phase> {
  const latencies = new Latencies();
  let units = 0;
  let requests = 0;
  let completed = 0;
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    workers.map(async (w) => {
      while (performance.now() < end) {
        const start = performance.now();
        const r = await step(w);
        const finished = performance.now();
        completed++;
        // Only requests answered inside the window count, so throughput is not inflated.
        if (!measure || finished > end) continue;
        latencies.add(finished - start);
        requests++;
        if (r.ok) units += r.units;
        else errors++;
      }
    }),
  );
  return { units, requests, completed, errors, latencies, seconds };
}

/** Prints at most a few failures, so a broken run says why without flooding the terminal. */
let shown = 0;
export function reportFailure(what: string, detail: string) {
  if (shown++ < 5) process.stderr.write(`${what}: ${detail.slice(0, 300)}\n`);
}

/**
 * Open-loop load: each worker sends a request every `intervalMs` (from a random offset), whether or
 * not the server keeps up. Latency counts from the moment a request was due, so a server that
 * falls behind shows it in the figures instead of being sent fewer requests.
 */
export async function runPaced<W>(workers: W[], seconds: number, intervalMs: number, step: Step<W>) {
  const latencies = new Latencies();
  let units = 0;
  let requests = 0;
  let completed = 0;
  let errors = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    workers.map(async (w) => {
      let due = start + Math.random() * intervalMs;
      while (due < end) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const r = await step(w);
        const finished = performance.now();
        completed++;
        if (finished <= end) {
          latencies.add(finished - due);
          requests++;
          if (r.ok) units += r.units;
          else errors++;
        }
        due += intervalMs;
      }
    }),
  );
  return { units, requests, completed, errors, latencies, seconds } satisfies Phase;
}

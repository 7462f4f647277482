// The autosave load that `autosave` and `history` both measure: each organization sends
// POST /api/responses/:id/changes with BATCH changes (consecutive integer cells along the form,
// each one version up from what the last answer said, fresh UUID change ids) as soon as its
// previous batch is answered, then the same organizations at a steady offered rate.
import { randomUUID } from 'node:crypto';
import type { FormDefinition } from '../../src/shared/forms/definition.js';
import { inputCellMap } from '../../src/shared/forms/layout.js';
import type { Participant } from './fixtures.js';
import type { HttpClient, Session } from './http.js';
import { type Phase, reportFailure } from './load.js';
import { formatLatency, round } from './stats.js';

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
export const ORGS = Number(process.env.BENCH_ORGS ?? 500);
export const BATCH = Number(process.env.BENCH_BATCH ?? 8);
// The server's pg pool (DATABASE_POOL_SIZE, default 20); the baseline gets a pool of the same size.
export const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 20);
// After the closed loop, the same organizations at a steady offered rate, to see latency at load.
export const PACED_CELLS_PER_S = Number(process.env.BENCH_PACED_CELLS_PER_S ?? 3000);

/** One organization's view of its cells: the version each cell is at, as its browser knows it. */
export type Org = Participant & { session?: Session; versions: Map<string, number>; cursor: number };

/** The integer cells of the form, the ones the load writes. */
export function integerCells(definition: FormDefinition) {
  return [...inputCellMap(definition).values()].filter((c) => c.column.type === 'integer').map((c) => c.key);
}

/** The organizations of a collection, each starting at its own place along the form. */
export function orgsOf(participants: Participant[], keys: string[]): Org[] {
  return participants.map((p, i) => ({ ...p, versions: new Map(), cursor: (i * 17) % keys.length }));
}

/** The next batch: BATCH consecutive integer cells (a person typing along a row), each one version up. */
export function nextBatch(org: Org, keys: string[]) {
  const out: { id: string; cell: string; value: string; base: number }[] = [];
  for (let i = 0; i < BATCH; i++) {
    const cell = keys[(org.cursor + i) % keys.length]!;
    const base = org.versions.get(cell) ?? 0;
    out.push({ id: randomUUID(), cell, value: String((base + 1) % 5000), base });
  }
  org.cursor = (org.cursor + BATCH) % keys.length;
  return out;
}

export function serverStep(client: HttpClient, keys: string[]) {
  return async (org: Org) => {
    const changes = nextBatch(org, keys);
    const res = await client.request(
      'POST',
      `/api/responses/${org.responseId}/changes`,
      org.session!.headers,
      JSON.stringify({ changes }),
    );
    if (res.status !== 200) {
      reportFailure(`autosave ${res.status}`, res.text);
      return { units: 0, ok: false };
    }
    const { results } = JSON.parse(res.text) as {
      results: { cell: string; status: string; version: number }[];
    };
    let applied = 0;
    for (const r of results) {
      org.versions.set(r.cell, r.version);
      if (r.status === 'applied') applied++;
    }
    return { units: applied, ok: applied === changes.length };
  };
}

/** The paced phase's interval: each organization sends a batch this often. */
export const pacedIntervalMs = () => (ORGS * BATCH * 1000) / PACED_CELLS_PER_S;

export function report(name: string, p: Phase) {
  const s = p.latencies.summary();
  const cellsPerS = p.units / p.seconds;
  console.log(
    `${name}: ${round(cellsPerS, 0)} cells/s, ${round(p.requests / p.seconds, 0)} batches/s, ` +
      `errors ${p.errors}; latency ${formatLatency(s)}`,
  );
  return { cellsPerS, ...s };
}

export const pacedName = () =>
  `server, paced at ${PACED_CELLS_PER_S} cells/s offered (a batch per organization every ${round(pacedIntervalMs() / 1000, 2)} s; latency from when each was due)`;

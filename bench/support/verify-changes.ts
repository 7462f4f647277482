// After a fault run: every change the server acknowledged, looked up in what is stored.
//   found       acknowledged, and in cell_changes under its id with the same cell, value, version
//   lost        acknowledged, and not in cell_changes
//   mismatched  in cell_changes under its id, but with another cell, value or version
//   duplicated  change ids with more than one history line (a change applied twice)
// and, for every cell the run wrote: the history's versions run 1, 2, 3 … without a gap or a
// repeat, and response_cells holds the newest version and value the client was told about.
import pg from 'pg';
import type { AutosaveLedger } from './autosave-client.js';

export type Verdict = {
  acknowledged: number;
  found: number;
  lost: number;
  duplicated: number;
  mismatched: number;
  /** Applied, but the client never heard so (it gave up, or a 4xx refused the resend). */
  applied_unacknowledged: number;
  cells: number;
  /** Cells whose history has a gap or a repeated version. */
  broken_chains: number;
  /** Cells whose stored value or version is not the newest acknowledged one. */
  cell_mismatches: number;
};

type HistoryRow = {
  change_id: string;
  response_id: number;
  cell_key: string;
  new_value: string | null;
  version: number;
};

export async function verifyChanges(
  databaseUrl: string,
  ledger: AutosaveLedger,
  responseIds: number[],
): Promise<Verdict> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const history = (
      await c.query<HistoryRow>(
        `SELECT change_id::text, response_id, cell_key, new_value, version
           FROM cell_changes WHERE response_id = ANY($1::int[])`,
        [responseIds],
      )
    ).rows;
    const stored = (
      await c.query<{ response_id: number; cell_key: string; value: string | null; version: number }>(
        `SELECT response_id, cell_key, value, version FROM response_cells WHERE response_id = ANY($1::int[])`,
        [responseIds],
      )
    ).rows;
    return compare(ledger, history, stored);
  } finally {
    await c.end();
  }
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

function compare(
  ledger: AutosaveLedger,
  history: HistoryRow[],
  stored: { response_id: number; cell_key: string; value: string | null; version: number }[],
): Verdict {
  const byId = groupBy(history, (h) => h.change_id);
  let found = 0;
  let lost = 0;
  let mismatched = 0;
  const newestAck = new Map<string, { version: number; value: string | null }>();
  for (const [id, ack] of ledger.acks) {
    const key = `${ack.responseId}/${ack.cell}`;
    if ((newestAck.get(key)?.version ?? -1) < ack.version) newestAck.set(key, ack);
    const rows = byId.get(id);
    const row = rows?.[0];
    if (!row) lost++;
    else if (
      row.response_id !== ack.responseId ||
      row.cell_key !== ack.cell ||
      row.new_value !== ack.value ||
      row.version !== ack.version
    )
      mismatched++;
    else found++;
  }
  let duplicated = 0;
  let appliedUnacknowledged = 0;
  for (const [id, rows] of byId) {
    if (rows.length > 1) duplicated++;
    if (!ledger.acks.has(id)) appliedUnacknowledged++;
  }
  const versions = groupBy(history, (h) => `${h.response_id}/${h.cell_key}`);
  let brokenChains = 0;
  for (const rows of versions.values()) {
    const list = rows.map((r) => r.version).sort((a, b) => a - b);
    if (list.some((v, i) => v !== i + 1)) brokenChains++;
  }
  const storedCells = new Map(stored.map((s) => [`${s.response_id}/${s.cell_key}`, s]));
  let cellMismatches = 0;
  for (const [key, ack] of newestAck) {
    const s = storedCells.get(key);
    // A change applied after its answer was lost and never resent may be newer than the newest
    // acknowledged one: then the stored version is higher, and that is not a fault of the server.
    if (!s || s.version < ack.version || (s.version === ack.version && s.value !== ack.value))
      cellMismatches++;
  }
  return {
    acknowledged: ledger.acks.size,
    found,
    lost,
    duplicated,
    mismatched,
    applied_unacknowledged: appliedUnacknowledged,
    cells: versions.size,
    broken_chains: brokenChains,
    cell_mismatches: cellMismatches,
  };
}

export function formatVerdict(v: Verdict): string {
  return (
    `acknowledged ${v.acknowledged} changes: ${v.found} found as acknowledged, ${v.lost} lost, ` +
    `${v.mismatched} stored differently, ${v.duplicated} applied twice; ` +
    `${v.applied_unacknowledged} applied without the client hearing so; ` +
    `${v.cells} cells: ${v.broken_chains} with a broken history, ${v.cell_mismatches} not at their newest acknowledged value`
  );
}

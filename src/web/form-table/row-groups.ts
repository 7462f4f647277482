// Fixed rows that share a group are shown under one heading: consecutive rows of one group form
// a <tbody>, headed by the group's name.
import type { Table } from '../../shared/forms/definition.js';

export type RowSegment = { group: string | null; rows: string[] };

export function groupRows(table: Table, rows: string[]): RowSegment[] {
  if (table.rows.kind !== 'fixed') return [{ group: null, rows }];
  const groupOf = new Map(table.rows.items.map((r) => [r.key, r.group ?? null]));
  const segments: RowSegment[] = [];
  for (const row of rows) {
    const group = groupOf.get(row) ?? null;
    const last = segments.at(-1);
    if (last && last.group === group) last.rows.push(row);
    else segments.push({ group, rows: [row] });
  }
  return segments;
}

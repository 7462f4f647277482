// The form as the person edits it: the server's cells with their unsaved changes on top (the
// autosave queue), checked by the shared engine after every change. Plain TypeScript with a
// subscribe(), so each cell of the table re-renders only when what it shows changes.
import type { ResponseForEditor } from '../../shared/api/responses.js';
import { normalizeInput } from '../../shared/forms/cells.js';
import type { FormDefinition, Table } from '../../shared/forms/definition.js';
import { cellKey, rowIdsOf } from '../../shared/forms/layout.js';
import { newRowId, rowMarkerKey, toFormData } from '../../shared/forms/response-data.js';
import { type FormData, type FormVerdict, validateForm } from '../../shared/forms/validate.js';
import type { AutosaveQueue } from './autosave-queue.js';
import { parseClipboardBlock } from './paste-block.js';
import type { FormErrors } from './types.js';

export class ResponseDraft {
  readonly definition: FormDefinition;
  readonly responseId: number;
  private values: Record<string, string | null> = {};
  private data: FormData = { values: {}, rows: {} };
  private current: FormVerdict;
  /** Rule messages shown beside the first cell each failed rule names. */
  private ruleMessages = new Map<string, string>();
  private seenRevision = -1;
  /** Cells the person changed here: an empty required cell is pointed out once it was touched. */
  private readonly touched = new Set<string>();
  /** After «Сдать отчет» every error is shown, and the list «Ошибки в форме» with them. */
  showAllErrors = false;
  /** Errors «Сдать отчет» was refused with by the server, until the next edit. */
  serverErrors: FormErrors | null = null;
  /** Bumps whenever the errors may read differently. */
  errorsRevision = 0;
  /** The cell that last had focus, for «История». */
  currentCell: string | null = null;
  private readonly listeners = new Set<() => void>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    response: ResponseForEditor,
    readonly queue: AutosaveQueue,
  ) {
    this.definition = response.definition;
    this.responseId = response.id;
    queue.seed(response.cells);
    this.current = validateForm(this.definition, this.data);
    this.refresh();
  }

  /** The shared engine's verdict on what the person sees now. */
  get verdict(): FormVerdict {
    this.refresh();
    return this.current;
  }

  /** Starts listening to the queue; the queue itself outlives the page (queue-registry.ts). */
  attach(canEdit: boolean, open: boolean) {
    this.unsubscribe ??= this.queue.subscribe(() => {
      this.refresh();
      this.notify();
    });
    if (canEdit) this.queue.start();
    else if (!open) this.queue.markClosed();
  }

  detach() {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  // ── reading ──

  valueOf(key: string): string | null {
    this.refresh();
    return this.values[key] ?? null;
  }

  computedOf(key: string): string | null {
    return this.verdict.computed[key] ?? null;
  }

  rowsOf(table: Table): string[] {
    this.refresh();
    return rowIdsOf(table, this.data.rows);
  }

  messageOf(key: string): string | null {
    const own = this.verdict.cellErrors[key];
    if (own && (this.showAllErrors || this.values[key] != null || this.touched.has(key))) return own;
    return this.ruleMessages.get(key) ?? null;
  }

  /** What «Ошибки в форме» lists: the server's refusal, else the browser's own check. */
  errors(): FormErrors {
    return this.serverErrors ?? this.verdict;
  }

  // ── editing ──

  edit(key: string, value: string | null) {
    this.editMany([[key, value]]);
  }

  editMany(edits: [string, string | null][]) {
    for (const [key] of edits) this.touched.add(key);
    this.serverErrors = null;
    this.queue.editMany(edits);
  }

  addRows(table: Table, count: number): string[] {
    if (table.rows.kind !== 'dynamic') return [];
    const room = table.rows.max - this.rowsOf(table).length;
    // Ids sort by time: consecutive times keep a pasted block's rows in its order.
    const now = Date.now();
    const ids = Array.from({ length: Math.max(0, Math.min(count, room)) }, (_, i) => newRowId(now + i));
    this.editMany(ids.map((id) => [rowMarkerKey(table.key, id), '1']));
    return ids;
  }

  removeRow(table: Table, rowId: string) {
    this.edit(rowMarkerKey(table.key, rowId), null);
  }

  /**
   * A block copied from a spreadsheet, pasted at a cell: line by line, tab by tab, into the input
   * cells from there on (computed rows and columns are stepped over). A dynamic table grows to fit.
   * Returns how many cells were filled, or null when the text is a single value (pasted as usual).
   */
  paste(table: Table, rowId: string, columnKey: string, text: string): number | null {
    const block = parseClipboardBlock(text);
    if (!block) return null;
    const rows = this.rowsOf(table);
    const from = Math.max(0, rows.indexOf(rowId));
    const inputRows = rows.slice(from).filter((r) => !isSumRow(table, r));
    if (block.length > inputRows.length)
      inputRows.push(...this.addRows(table, block.length - inputRows.length));
    const columns = table.columns.slice(
      Math.max(
        0,
        table.columns.findIndex((c) => c.key === columnKey),
      ),
    );
    const inputColumns = columns.filter((c) => !c.sumOf);
    const edits: [string, string | null][] = [];
    block.forEach((line, i) => {
      const row = inputRows[i];
      if (!row) return;
      line.forEach((raw, j) => {
        const column = inputColumns[j];
        if (column) edits.push([cellKey(table.key, row, column.key), normalizeInput(column, raw)]);
      });
    });
    this.editMany(edits);
    return edits.length;
  }

  setCurrentCell(key: string) {
    if (this.currentCell === key) return;
    this.currentCell = key;
    this.notify();
  }

  revealAllErrors(server: FormErrors | null = null) {
    this.showAllErrors = true;
    this.serverErrors = server;
    this.errorsRevision++;
    this.notify();
  }

  // ── bookkeeping ──

  /** Reads the queue's values again when they changed; a cheap check otherwise, so every reader calls it. */
  private refresh() {
    if (this.queue.valuesRevision === this.seenRevision) return;
    this.seenRevision = this.queue.valuesRevision;
    this.errorsRevision++;
    this.values = this.queue.values();
    this.data = toFormData(this.definition, this.values);
    this.current = validateForm(this.definition, this.data);
    this.ruleMessages = new Map();
    for (const failure of this.current.ruleErrors) {
      const first = failure.cells[0];
      if (first && !this.ruleMessages.has(first)) this.ruleMessages.set(first, failure.message);
    }
  }

  private notify() {
    for (const l of this.listeners) l();
  }
}

/** A fixed row that sums other rows: computed, never typed or pasted into. */
export function isSumRow(table: Table, rowId: string): boolean {
  return table.rows.kind === 'fixed' && !!table.rows.items.find((r) => r.key === rowId)?.sumOf;
}

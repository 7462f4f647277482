// The pure parts of monitoring: the chart's days, the export messages, the share submitted, and
// the snapshot turned into cells for the read-only table.
import { describe, expect, it } from 'vitest';
import { NIKO_CONTEXT_FORM } from '../../../server/demo/niko-form.js';
import { FormDefinitionSchema } from '../../../shared/forms/definition.js';
import { toFormData } from '../../../shared/forms/response-data.js';
import { dayLabel, fillDays, moscowDay } from './chart-days.js';
import { exportMessage, exportSummary, fileSize } from './export-messages.js';
import { submittedPercent } from './percent.js';
import { snapshotCells, snapshotDraft } from './snapshot-draft.js';

describe('fillDays', () => {
  const startsAt = '2026-03-02T06:00:00Z'; // 09:00 МСК
  const endsAt = '2026-03-20T15:00:00Z';

  it('fills every day from the start to today with the running total', () => {
    const days = fillDays(
      [
        { day: '2026-03-03', submitted: 2, cumulative: 2 },
        { day: '2026-03-05', submitted: 3, cumulative: 5 },
      ],
      startsAt,
      endsAt,
      new Date('2026-03-06T10:00:00Z'),
    );
    expect(days.map((d) => [d.day, d.submitted, d.cumulative])).toEqual([
      ['2026-03-02', 0, 0],
      ['2026-03-03', 2, 2],
      ['2026-03-04', 0, 2],
      ['2026-03-05', 3, 5],
      ['2026-03-06', 0, 5],
    ]);
  });

  it('stops at the end of the collection and never loses a submission outside the dates', () => {
    const days = fillDays(
      [{ day: '2026-03-25', submitted: 1, cumulative: 1 }],
      startsAt,
      endsAt,
      new Date('2026-04-30T10:00:00Z'),
    );
    expect(days[0]?.day).toBe('2026-03-02');
    expect(days.at(-1)).toEqual({ day: '2026-03-25', submitted: 1, cumulative: 1 });
  });

  it('keeps a year of days at most, with the total reached before them', () => {
    const days = fillDays(
      [{ day: '2024-01-10', submitted: 4, cumulative: 4 }],
      '2024-01-01T06:00:00Z',
      '2027-01-01T06:00:00Z',
      new Date('2026-03-06T10:00:00Z'),
    );
    expect(days).toHaveLength(366);
    expect(days[0]?.cumulative).toBe(4);
  });

  it('reads days in Moscow time', () => {
    expect(moscowDay('2026-03-01T21:30:00Z')).toBe('2026-03-02');
    expect(dayLabel('2026-03-02')).toBe('02.03.2026');
  });
});

describe('export messages', () => {
  it('says what is happening in Russian', () => {
    expect(exportMessage({ status: 'queued', progress: 0, error: null })).toBe('Отчёт поставлен в очередь…');
    expect(exportMessage({ status: 'running', progress: 45, error: null })).toBe(
      'Отчёт готовится: 45\u00a0%',
    );
    expect(exportMessage({ status: 'done', progress: 100, error: null })).toBe('Отчёт готов');
    expect(exportMessage({ status: 'failed', progress: 10, error: 'Нет места.' })).toBe(
      'Не удалось подготовить отчёт: Нет места.',
    );
  });

  it('sums a finished report up with the right plural', () => {
    expect(exportSummary({ organizations: 1, sizeBytes: 500 })).toBe('1 организация, 500\u00a0Б');
    expect(exportSummary({ organizations: 3, sizeBytes: 2048 })).toBe('3 организации, 2\u00a0КБ');
    expect(exportSummary({ organizations: 312, sizeBytes: null })).toBe('312 организаций');
    expect(fileSize(1_500_000)).toBe('1,4\u00a0МБ');
  });
});

describe('submittedPercent', () => {
  it('rounds, but says 100 % only when everybody has submitted', () => {
    expect(submittedPercent({ submitted: 0, total: 0 })).toBe(0);
    expect(submittedPercent({ submitted: 1, total: 1000 })).toBe(1);
    expect(submittedPercent({ submitted: 999, total: 1000 })).toBe(99);
    expect(submittedPercent({ submitted: 40, total: 100 })).toBe(40);
    expect(submittedPercent({ submitted: 7, total: 7 })).toBe(100);
  });
});

describe('snapshot for the read-only table', () => {
  it('turns the submitted data back into the cells the table reads, dynamic rows included', () => {
    const definition = FormDefinitionSchema.parse(NIKO_CONTEXT_FORM);
    const dynamic = definition.tables.find((t) => t.rows.kind === 'dynamic');
    const cells: Record<string, string> = { 'pupils.g1.boys': '12', 'pupils.g1.girls': '11' };
    if (dynamic) cells[`${dynamic.key}.rk0000001.__row`] = '1';
    const data = toFormData(definition, cells);
    expect(snapshotCells(data)['pupils.g1.boys']).toEqual({ value: '12', version: 1 });
    const draft = snapshotDraft(7, definition, data);
    expect(draft.valueOf('pupils.g1.boys')).toBe('12');
    expect(draft.computedOf('pupils.g1.total')).toBe('23');
    if (dynamic) expect(draft.rowsOf(dynamic)).toEqual(['rk0000001']);
    draft.queue.dispose();
  });
});

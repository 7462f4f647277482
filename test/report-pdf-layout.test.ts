// The PDF layout of forms unlike the demo's: a table too wide for any page is split into blocks
// of columns that each repeat the row labels, on landscape A4; a table too long for a page carries
// its header onto the next one. Read back with PDF.js.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type ReportContent, ReportPdf } from '../src/server/reports/report-pdf.js';
import { type FormDefinition, FormDefinitionSchema } from '../src/shared/forms/definition.js';
import { readPdf } from './support/pdf.js';

const A4 = { width: 595.28, height: 841.89 };

async function render(definition: FormDefinition, values: Record<string, string>, rows = {}) {
  const report: ReportContent = {
    organization: {
      code: '250001',
      fullName: 'МБОУ СОШ № 1',
      municipality: 'Владивосток',
      region: 'Приморский край',
    },
    collectionTitle: 'Проверка',
    formTitle: 'Форма',
    formVersion: 3,
    submittedAt: new Date('2026-11-27T06:30:00Z'),
    timeZone: 'Asia/Vladivostok',
    definition,
    data: { values, rows },
  };
  const pdf = new ReportPdf('Проверка');
  const out = new PassThrough();
  pdf.doc.pipe(out);
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));
  pdf.addReport(report);
  pdf.finish();
  await ended;
  return readPdf(Buffer.concat(chunks));
}

describe('report PDF layout', () => {
  it('splits a table of 30 columns into landscape blocks, each with the row labels, losing no column', async () => {
    const columns = Array.from({ length: 30 }, (_, i) => ({
      key: `c${i + 1}`,
      header: `Показатель номер ${i + 1}`,
      type: 'integer' as const,
    }));
    const definition = FormDefinitionSchema.parse({
      title: 'Широкая',
      tables: [
        {
          key: 'wide',
          title: 'Широкая таблица',
          columns,
          rows: { kind: 'fixed', items: [{ key: 'only', label: 'Единственная строка' }] },
        },
      ],
    });
    const values = Object.fromEntries(columns.map((c, i) => [`wide.only.${c.key}`, String(1000 + i)]));
    const pdf = await render(definition, values);

    expect(pdf.sizes[0]).toEqual(A4);
    const landscape = pdf.sizes.slice(1);
    expect(landscape.length).toBeGreaterThan(0);
    for (const size of landscape) expect(size).toEqual({ width: A4.height, height: A4.width });
    const blocks = [...pdf.text.matchAll(/Широкая таблица \(столбцы (\d+)–(\d+) из 30\)/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(blocks.length).toBeGreaterThan(1);
    // The blocks follow each other and cover every column once.
    expect(blocks[0]?.[0]).toBe(1);
    expect(blocks.at(-1)?.[1]).toBe(30);
    for (let i = 1; i < blocks.length; i++) expect(blocks[i]?.[0]).toBe((blocks[i - 1]?.[1] ?? 0) + 1);
    expect(pdf.text.split('Единственная строка').length - 1).toBe(blocks.length);
    for (const [i, c] of columns.entries()) {
      expect(pdf.text).toContain(c.header);
      expect(pdf.text).toContain(String(1000 + i));
    }
  });

  it('carries a long table’s header onto every page it runs over, and numbers the rows', async () => {
    const definition = FormDefinitionSchema.parse({
      title: 'Длинная',
      tables: [
        {
          key: 'list',
          title: 'Список',
          columns: [{ key: 'name', header: 'Наименование мероприятия', type: 'text' }],
          rows: { kind: 'dynamic', min: 0, max: 200 },
        },
      ],
    });
    const ids = Array.from({ length: 150 }, (_, i) => `r${String(i).padStart(4, '0')}`);
    const values = Object.fromEntries(ids.map((id, i) => [`list.${id}.name`, `Мероприятие ${i + 1}`]));
    const pdf = await render(definition, values, { list: ids });
    expect(pdf.pages.length).toBeGreaterThan(2);
    for (const page of pdf.pages.slice(0, -1)) expect(page).toContain('Наименование мероприятия');
    expect(pdf.text).toContain('Мероприятие 150');
    expect(pdf.text).toContain(`Стр. ${pdf.pages.length} из ${pdf.pages.length}`);
    expect(pdf.text).toContain('UTC+10');
  });
});

// Seeds the demo publications (demo/publication-texts.ts) with real generated attachments,
// stored through the same file store the server serves them from.
import type { Db } from '../db/connection.js';
import { completeFile, insertPendingFile } from '../publications/file-queries.js';
import { extensionOf, fileTypeOf } from '../publications/file-types.js';
import { renderMarkdown } from '../publications/markdown.js';
import { insertPublication } from '../publications/queries.js';
import { writeChunks } from '../storage/database-store.js';
import { makePdf, makeXlsx } from './publication-materials.js';
import { type DemoAttachment, demoPublications, studyDates } from './publication-texts.js';

type Material = (now: Date, db: Db) => Promise<Buffer>;

const MATERIALS: Record<DemoAttachment['kind'], Material> = {
  'schedule-pdf': async (now) => {
    const d = studyDates(now);
    return makePdf('График проведения НИКО в 2026 году', [
      { heading: '1. Подготовка', lines: [`${d.briefing} — совещание с региональными координаторами.`] },
      {
        heading: '2. Сбор данных',
        lines: [
          `С ${d.collectionStart} 09:00 по ${d.collectionEnd} 18:00 (МСК) — заполнение формы в ЛК ФИС ОКО.`,
          'Сохранение данных осуществляется автоматически; завершите работу кнопкой «Сдать отчет».',
        ],
      },
      { heading: '3. Проверка', lines: [`До ${d.checkEnd} — проверка и уточнение данных координаторами.`] },
      { heading: '4. Результаты', lines: [`${d.results} — публикация результатов в ЛК ФИС ОКО.`] },
    ]);
  },
  'coordinator-pdf': async (now) => {
    const d = studyDates(now);
    return makePdf('Памятка координатора НИКО', [
      {
        heading: 'Перед сбором данных',
        lines: ['Проверьте списки участников и учётные записи организаций.', 'Сбросьте пароли по запросу.'],
      },
      {
        heading: 'Во время сбора данных',
        lines: [
          'Следите за статусами «Не приступило», «В работе», «Сдано».',
          `Напомните организациям о сроке: ${d.collectionEnd} 18:00 (МСК).`,
        ],
      },
    ]);
  },
  'form-xlsx': async () =>
    makeXlsx([
      {
        name: 'Образец',
        columns: [
          { header: '№ строки', width: 10 },
          { header: 'Показатель', width: 60 },
          { header: 'Значение', width: 14 },
        ],
        rows: [
          ['1', 'Численность обучающихся, всего', 812],
          ['1.1', 'в том числе в 1–4 классах', 356],
          ['1.2', 'в том числе в 5–9 классах', 371],
          ['1.3', 'в том числе в 10–11 классах', 85],
          ['2', 'Численность педагогических работников', 64],
        ],
      },
    ]),
  'codes-csv': async (_now, db) => {
    const orgs = await db
      .selectFrom('organizations')
      .select(['code', 'short_name'])
      .where('region_code', '=', '77')
      .orderBy('code')
      .limit(50)
      .execute();
    const lines = [
      'Код;Краткое наименование',
      ...orgs.map((o) => `${o.code};${o.short_name.replace(/;/g, ',')}`),
    ];
    return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
  },
};

async function* once(bytes: Buffer) {
  yield bytes;
}

export async function seedPublications(db: Db, now = new Date()): Promise<number> {
  const admin = await db.selectFrom('users').select('id').where('login', '=', 'admin').executeTakeFirst();
  const list = demoPublications(now);
  // Oldest first, so ids grow with publication time as they would in real use.
  for (const p of [...list].sort((a, b) => a.days - b.days)) {
    const id = await insertPublication(
      db,
      {
        title: p.title,
        bodyMarkdown: p.body,
        bodyHtml: renderMarkdown(p.body),
        audienceRoles: p.roles,
        audienceRegions: p.regions,
        publishAt: new Date(now.getTime() + p.days * 86_400_000),
      },
      admin?.id ?? null,
    );
    for (const a of p.attachments) {
      const bytes = await MATERIALS[a.kind](now, db);
      const contentType = fileTypeOf(extensionOf(a.name))?.contentType ?? 'application/octet-stream';
      const fileId = await insertPendingFile(db, { publicationId: id, name: a.name, contentType });
      await completeFile(db, fileId, await writeChunks(db, fileId, once(bytes)));
    }
  }
  return list.length;
}

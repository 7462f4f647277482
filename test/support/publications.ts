// Helpers for the publication tests: the demo publications by a short key, and counts of what
// is stored, to show that a refused request stored nothing.
import type { Db } from '../../src/server/db/connection.js';

/** The demo publications (src/server/demo/publication-texts.ts), by a key that matches the start of the title. */
export const DEMO = {
  schedule: 'График проведения',
  orgInstruction: 'Инструкция для образовательных организаций',
  coordinatorGuide: 'Методические рекомендации для региональных и муниципальных',
  moscowOrgs: 'Дополнительные сведения для образовательных организаций г. Москвы',
  moscowRegionMeeting: 'Совещание с координаторами НИКО Московской области',
  reminder: 'Напоминание: сбор данных',
  regionalAnalysis: 'Рекомендации региональным координаторам',
  scheduledResults: 'Предварительные итоги',
} as const;
export type DemoKey = keyof typeof DEMO;

export function keyOf(title: string): DemoKey | undefined {
  return (Object.keys(DEMO) as DemoKey[]).find((k) => title.startsWith(DEMO[k]));
}

export async function demoPublicationIds(db: Db) {
  const rows = await db.selectFrom('publications').select(['id', 'title']).execute();
  const ids = {} as Record<DemoKey, number>;
  for (const r of rows) {
    const k = keyOf(r.title);
    if (k) ids[k] = r.id;
  }
  return ids;
}

export async function storedCounts(db: Db) {
  const count = async (table: 'publications' | 'publication_files' | 'publication_file_chunks') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    publications: await count('publications'),
    files: await count('publication_files'),
    chunks: await count('publication_file_chunks'),
  };
}

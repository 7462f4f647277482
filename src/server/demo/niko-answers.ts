// Deterministic, valid answers to the demo НИКО form for organization number k, as stored cells.
// Used for demo responses «В работе» and «Сдано» and by the benchmarks.
import { cellKey } from '../../shared/forms/layout.js';
import { ROW_MARKER } from '../../shared/forms/response-data.js';
import { personName } from './names.js';

const SUBJECTS = ['rus', 'math', 'phys', 'chem', 'bio', 'hist', 'geo', 'soc', 'lang', 'inf'];
const EQUIPMENT = [
  'computer_class',
  'internet',
  'boards',
  'physics_lab',
  'chemistry_lab',
  'biology_lab',
  'library',
  'gym',
  'e_journal',
  'cctv',
];
const EXPERIENCE = ['exp_0_3', 'exp_3_5', 'exp_5_10', 'exp_10_20', 'exp_20'];

export function demoAnswers(k: number, filledOn: string): Record<string, string> {
  const cells: Record<string, string> = {};
  const put = (t: string, r: string, c: string, v: string | number) => {
    cells[cellKey(t, r, c)] = String(v);
  };
  for (let g = 1; g <= 11; g++) {
    const boys = 10 + ((k * 7 + g * 3) % 15);
    const girls = 10 + ((k * 5 + g * 11) % 15);
    put('pupils', `g${g}`, 'boys', boys);
    put('pupils', `g${g}`, 'girls', girls);
    put('pupils', `g${g}`, 'ovz', (k + g) % 3);
    put('pupils', `g${g}`, 'non_native', (k * g) % 4);
    put('pupils', `g${g}`, 'home', (k + g) % 5 === 0 ? 1 : 0);
    put('pupils', `g${g}`, 'classes', 1 + ((k + g) % 3));
  }
  ['highest', 'first', 'conformity', 'none'].forEach((row, i) => {
    const counts = EXPERIENCE.map((_, j) => 2 + ((k + i * 3 + j) % 4));
    for (const [j, col] of EXPERIENCE.entries()) put('teachers', row, col, counts[j] as number);
    const sum = counts.reduce((a, b) => a + b, 0);
    put('teachers', row, 'part_time', (k + i) % 2);
    put('teachers', row, 'young', Math.floor(sum / 3));
    put('teachers', row, 'pension', Math.floor(sum / 4));
  });
  SUBJECTS.forEach((s, i) => {
    put('subjects', s, 'total', 2 + ((k + i) % 4));
    put('subjects', s, 'highest', (k + i) % 2);
    put('subjects', s, 'first', 1);
  });
  EQUIPMENT.forEach((e, i) => {
    const present = (k + i) % 4 !== 0;
    put('equipment', e, 'present', present ? 'true' : 'false');
    if (present) put('equipment', e, 'year', 2015 + ((k + i) % 11));
  });
  put('school', 'info', 'settlement', ['city', 'town', 'rural'][k % 3] as string);
  put('school', 'info', 'language', 'ru');
  put('school', 'info', 'shifts', 1 + (k % 2));
  put('school', 'info', 'filled_on', filledOn);
  put('school', 'info', 'responsible', personName(k + 7));
  put(
    'school',
    'info',
    'phone',
    `+7 (495) 123-${String(1000 + (k % 9000)).slice(0, 2)}-${String(k % 100).padStart(2, '0')}`,
  );
  ['4', '8'].forEach((grade, i) => {
    const row = `r0demo${i}`;
    put('classes', row, ROW_MARKER, '1');
    put('classes', row, 'grade', grade);
    put('classes', row, 'letter', 'А');
    put('classes', row, 'pupils', 20 + ((k + i) % 10));
    put('classes', row, 'teacher', personName(k + 11 + i));
    put('classes', row, 'date', filledOn);
  });
  return cells;
}

/** A partly filled form: the first grades of table 1, as a school «В работе» would have. */
export function partialAnswers(k: number): Record<string, string> {
  const all = demoAnswers(k, '2026-11-20');
  const grades = 1 + (k % 5);
  return Object.fromEntries(
    Object.entries(all).filter(([key]) => {
      const m = /^pupils\.g(\d+)\./.exec(key);
      return !!m && Number(m[1]) <= grades;
    }),
  );
}

// The demo НИКО context-data form: pupils by grade and sex, teachers by qualification and
// experience, teachers by subject, equipment, facts about the school, and the participating
// classes (a table whose rows the school adds). 154 fixed input cells, sums and rules included.
import type { FormDefinitionInput } from '../../shared/forms/definition.js';

const GRADES = Array.from({ length: 11 }, (_, i) => i + 1);
const gradeGroup = (g: number) =>
  g <= 4
    ? 'Начальное общее образование'
    : g <= 9
      ? 'Основное общее образование'
      : 'Среднее общее образование';

const SUBJECTS: [string, string][] = [
  ['rus', 'Русский язык и литература'],
  ['math', 'Математика'],
  ['phys', 'Физика'],
  ['chem', 'Химия'],
  ['bio', 'Биология'],
  ['hist', 'История'],
  ['geo', 'География'],
  ['soc', 'Обществознание'],
  ['lang', 'Иностранный язык'],
  ['inf', 'Информатика'],
];

const EQUIPMENT: [string, string][] = [
  ['computer_class', 'Компьютерный класс'],
  ['internet', 'Доступ к сети Интернет не менее 50 Мбит/с'],
  ['boards', 'Интерактивные доски'],
  ['physics_lab', 'Кабинет физики с лабораторным оборудованием'],
  ['chemistry_lab', 'Кабинет химии с вытяжным шкафом'],
  ['biology_lab', 'Кабинет биологии'],
  ['library', 'Информационно-библиотечный центр'],
  ['gym', 'Спортивный зал'],
  ['e_journal', 'Электронный журнал'],
  ['cctv', 'Видеонаблюдение в аудиториях проведения'],
];

const count = (key: string, header: string, extra: object = {}) => ({
  key,
  header,
  type: 'integer' as const,
  min: 0,
  max: 5000,
  ...extra,
});

export const NIKO_CONTEXT_FORM: FormDefinitionInput = {
  title: 'НИКО: контекстные данные об образовательной организации',
  description: 'Заполните сведения по состоянию на 1 число месяца проведения исследования.',
  tables: [
    {
      key: 'pupils',
      title: '1. Численность обучающихся',
      columns: [
        count('total', 'Всего', { sumOf: ['boys', 'girls'] }),
        count('boys', 'Мальчики'),
        count('girls', 'Девочки'),
        count('ovz', 'Из них с ОВЗ'),
        count('non_native', 'Из них для кого русский язык не родной'),
        count('home', 'Из них на домашнем обучении'),
        count('classes', 'Число классов', { max: 50 }),
      ],
      rows: {
        kind: 'fixed',
        items: [
          ...GRADES.map((g) => ({ key: `g${g}`, label: `${g} класс`, group: gradeGroup(g) })),
          { key: 'primary', label: 'Итого 1–4 классы', sumOf: ['g1', 'g2', 'g3', 'g4'] },
          { key: 'all', label: 'Всего 1–11 классы', sumOf: GRADES.map((g) => `g${g}`) },
        ],
      },
    },
    {
      key: 'teachers',
      title: '2. Педагогические работники по квалификационной категории и стажу',
      columns: [
        count('exp_0_3', 'Стаж до 3 лет'),
        count('exp_3_5', 'от 3 до 5 лет'),
        count('exp_5_10', 'от 5 до 10 лет'),
        count('exp_10_20', 'от 10 до 20 лет'),
        count('exp_20', 'свыше 20 лет'),
        count('total', 'Всего', { sumOf: ['exp_0_3', 'exp_3_5', 'exp_5_10', 'exp_10_20', 'exp_20'] }),
        count('part_time', 'Из них совместители'),
        count('young', 'Из них моложе 35 лет'),
        count('pension', 'Из них пенсионного возраста'),
      ],
      rows: {
        kind: 'fixed',
        items: [
          { key: 'highest', label: 'Высшая квалификационная категория' },
          { key: 'first', label: 'Первая квалификационная категория' },
          { key: 'conformity', label: 'Соответствие занимаемой должности' },
          { key: 'none', label: 'Без категории' },
          {
            key: 'all',
            label: 'Всего педагогических работников',
            sumOf: ['highest', 'first', 'conformity', 'none'],
          },
        ],
      },
    },
    {
      key: 'subjects',
      title: '3. Учителя по предметам',
      columns: [
        count('total', 'Всего учителей'),
        count('highest', 'Из них высшей категории'),
        count('first', 'Из них первой категории'),
      ],
      rows: { kind: 'fixed', items: SUBJECTS.map(([key, label]) => ({ key, label })) },
    },
    {
      key: 'equipment',
      title: '4. Оснащённость',
      columns: [
        { key: 'present', header: 'Наличие', type: 'boolean', required: true },
        { key: 'year', header: 'Год последнего обновления', type: 'integer', min: 1990, max: 2026 },
      ],
      rows: { kind: 'fixed', items: EQUIPMENT.map(([key, label]) => ({ key, label })) },
    },
    {
      key: 'school',
      title: '5. Сведения об организации',
      columns: [
        {
          key: 'settlement',
          header: 'Тип населённого пункта',
          type: 'choice',
          required: true,
          options: [
            { value: 'city', label: 'Город' },
            { value: 'town', label: 'Посёлок городского типа' },
            { value: 'rural', label: 'Сельская местность' },
          ],
        },
        {
          key: 'language',
          header: 'Язык обучения',
          type: 'choice',
          options: [
            { value: 'ru', label: 'Русский' },
            { value: 'native', label: 'Родной язык' },
            { value: 'both', label: 'Русский и родной' },
          ],
        },
        { key: 'shifts', header: 'Число смен', type: 'integer', min: 1, max: 3 },
        { key: 'filled_on', header: 'Дата заполнения', type: 'date', required: true },
        { key: 'responsible', header: 'Ответственный (ФИО)', type: 'text', maxLength: 200, required: true },
        { key: 'phone', header: 'Телефон', type: 'text', maxLength: 30 },
      ],
      rows: { kind: 'fixed', items: [{ key: 'info', label: 'Сведения' }] },
    },
    {
      key: 'classes',
      title: '6. Классы, участвующие в исследовании',
      description: 'Добавьте строку для каждого класса-участника.',
      columns: [
        {
          key: 'grade',
          header: 'Класс',
          type: 'choice',
          required: true,
          options: ['4', '5', '6', '7', '8', '9', '10', '11'].map((g) => ({ value: g, label: `${g} класс` })),
        },
        { key: 'letter', header: 'Литера', type: 'text', maxLength: 3 },
        { key: 'pupils', header: 'Число обучающихся', type: 'integer', min: 1, max: 40, required: true },
        { key: 'teacher', header: 'Учитель (ФИО)', type: 'text', maxLength: 200 },
        { key: 'date', header: 'Дата проведения', type: 'date', required: true },
      ],
      rows: { kind: 'dynamic', min: 1, max: 20 },
    },
  ],
  rules: [
    ...(['ovz', 'non_native', 'home'] as const).map((col) => ({
      key: `pupils_${col}_within_total`,
      message: `«${{ ovz: 'Из них с ОВЗ', non_native: 'Из них для кого русский язык не родной', home: 'Из них на домашнем обучении' }[col]}» не может быть больше числа обучающихся класса.`,
      forEachRow: 'pupils',
      left: [`pupils.$row.${col}`],
      op: '<=' as const,
      right: ['pupils.$row.boys', 'pupils.$row.girls'],
    })),
    ...(
      [
        ['part_time', 'Совместителей'],
        ['young', 'Педагогов моложе 35 лет'],
        ['pension', 'Педагогов пенсионного возраста'],
      ] as const
    ).map(([col, who]) => ({
      key: `teachers_${col}_within_row`,
      message: `${who} не может быть больше, чем педагогов в строке.`,
      forEachRow: 'teachers',
      left: [`teachers.$row.${col}`],
      op: '<=' as const,
      right: ['exp_0_3', 'exp_3_5', 'exp_5_10', 'exp_10_20', 'exp_20'].map((c) => `teachers.$row.${c}`),
    })),
    {
      key: 'subjects_categories',
      message: 'Учителей высшей и первой категории не может быть больше, чем всего учителей предмета.',
      forEachRow: 'subjects',
      left: ['subjects.$row.highest', 'subjects.$row.first'],
      op: '<=',
      right: ['subjects.$row.total'],
    },
    {
      key: 'subjects_highest_within_teachers',
      message:
        'Учителей высшей категории по предметам не может быть больше, чем педагогов высшей категории в таблице 2.',
      left: SUBJECTS.map(([key]) => `subjects.${key}.highest`),
      op: '<=',
      right: ['teachers.highest.total'],
    },
  ],
};

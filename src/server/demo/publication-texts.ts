// The demo's publications in section «НИКО»: what a federal operator really sends out during a
// study, with dates placed around the seed time so the demo always looks current.
import { formatDate } from '../../shared/dates.js';

export type DemoAttachment = {
  name: string;
  kind: 'schedule-pdf' | 'coordinator-pdf' | 'form-xlsx' | 'codes-csv';
};

export type DemoPublication = {
  title: string;
  body: string;
  roles: string[];
  regions: string[];
  /** Days from the seed time: negative is already published, positive is scheduled. */
  days: number;
  attachments: DemoAttachment[];
};

const DAY = 86_400_000;

/**
 * The study's key dates, relative to the seed time, on the calendar of the demo collection
 * (demo/collections.ts: opened a week ago at 09:00, closes in two weeks at 18:00, Moscow time).
 */
export function studyDates(now: Date) {
  const at = (days: number) => {
    const d = new Date(now.getTime() + days * DAY);
    // Noon in Moscow of that UTC day, as the collection counts its days.
    return formatDate(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 9)));
  };
  return {
    briefing: at(-10),
    collectionStart: at(-7),
    collectionEnd: at(14),
    checkEnd: at(21),
    results: at(35),
  };
}

export function demoPublications(now: Date): DemoPublication[] {
  const d = studyDates(now);
  return [
    {
      title: 'График проведения Национального исследования качества образования (НИКО) в 2026 году',
      body: `Федеральная служба по надзору в сфере образования и науки информирует о графике проведения НИКО.

| Этап | Сроки |
|---|---|
| Совещание с региональными координаторами | ${d.briefing} |
| Сбор данных в ЛК ФИС ОКО | с ${d.collectionStart} по ${d.collectionEnd} |
| Проверка и уточнение данных | до ${d.checkEnd} |
| Публикация результатов | ${d.results} |

Подробный график — во вложении. Просим довести информацию до всех участников исследования.`,
      roles: [],
      regions: [],
      days: -20,
      attachments: [{ name: 'График проведения НИКО 2026.pdf', kind: 'schedule-pdf' }],
    },
    {
      title: 'Инструкция для образовательных организаций по заполнению формы сбора данных',
      body: `Уважаемые коллеги!

Для заполнения формы:

1. Откройте раздел «НИКО» и найдите блок «Сбор данных».
2. Нажмите «Заполнить» (или «Редактировать», если данные уже вводились).
3. Заполните все обязательные поля таблицы. **Данные сохраняются автоматически.**
4. Проверьте данные и нажмите «Сдать отчет».

Образец заполнения формы — во вложении. Вопросы направляйте региональному координатору.`,
      roles: ['organization'],
      regions: [],
      days: -14,
      attachments: [{ name: 'Образец заполнения формы НИКО.xlsx', kind: 'form-xlsx' }],
    },
    {
      title: 'Методические рекомендации для региональных и муниципальных координаторов',
      body: `Координаторам предлагается:

- до ${d.collectionStart} проверить списки участников в своём регионе (муниципалитете);
- в период сбора ежедневно отслеживать статусы «Не приступило», «В работе» и «Сдано» в блоке мониторинга;
- не позднее ${d.collectionEnd} связаться с организациями, которые не приступили к заполнению.

Памятка координатора — во вложении.`,
      roles: ['regional', 'municipal'],
      regions: [],
      days: -12,
      attachments: [{ name: 'Памятка координатора НИКО.pdf', kind: 'coordinator-pdf' }],
    },
    {
      title: 'Дополнительные сведения для образовательных организаций г. Москвы',
      body: `Образовательным организациям г. Москвы дополнительно к форме НИКО необходимо сверить коды организаций с перечнем во вложении.

При расхождении кодов обратитесь к региональному координатору до ${d.checkEnd}.`,
      roles: ['organization'],
      regions: ['77'],
      days: -8,
      attachments: [{ name: 'Перечень кодов организаций г. Москвы.csv', kind: 'codes-csv' }],
    },
    {
      title: 'Совещание с координаторами НИКО Московской области',
      body: `Приглашаем региональных и муниципальных координаторов Московской области на видеосовещание ${d.briefing} в 11:00 (МСК).

Повестка: порядок сбора данных, типичные ошибки заполнения, сроки проверки.`,
      roles: ['regional', 'municipal'],
      regions: ['50'],
      days: -13,
      attachments: [],
    },
    {
      title: `Напоминание: сбор данных НИКО завершается ${d.collectionEnd}`,
      body: `Напоминаем, что сбор данных в ЛК ФИС ОКО завершается **${d.collectionEnd} в 18:00 (МСК)**.

После этого внесение изменений будет невозможно. Если отчёт уже сдан, но данные изменились, сдайте отчёт повторно: сохраняется каждая сдача.`,
      roles: ['organization'],
      regions: [],
      days: -1,
      attachments: [],
    },
    {
      title: 'Рекомендации региональным координаторам по анализу результатов',
      body: `Для анализа результатов используйте «Экспорт результатов» в блоке мониторинга. Отчёт формируется по всем сданным данным вашего региона.

См. также [методические материалы ФИС ОКО](https://fisoko.obrnadzor.gov.ru).`,
      roles: ['regional'],
      regions: [],
      days: -2,
      attachments: [],
    },
    {
      title: 'Предварительные итоги НИКО 2026 года',
      body: `Предварительные итоги исследования будут доступны в личных кабинетах участников ${d.results}.`,
      roles: [],
      regions: [],
      days: 21,
      attachments: [],
    },
  ];
}

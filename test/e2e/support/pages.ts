// Every page of every role, for the checks that must hold on all of them (accessibility-pages.spec.ts:
// axe in the normal version and in «Версия для слабовидящих», named buttons; reflow.spec.ts: 320 px).
// A page is an address, the heading it shows once loaded and, for views that are not an address of
// their own («Список участников», a school's submitted data), what to open on it. The ids in the
// addresses are looked up through the API as the signed-in user.
import { type APIRequestContext, expect, type Page } from '@playwright/test';

export type Tour = {
  /** Who, as the test titles name them. */
  role: string;
  login: string;
  pages: PageOfRole[];
};

type Path = string | ((request: APIRequestContext) => Promise<string>);

export type PageOfRole = {
  name: string;
  /** The address, or how to find it (an id looked up through the API as the signed-in user). */
  path: Path;
  heading: string | RegExp;
  /** Opens a view within the page (with the mouse: keyboard.spec.ts is the keyboard's). */
  open?: (page: Page) => Promise<void>;
};

async function rows(request: APIRequestContext, url: string) {
  const res = await request.get(url);
  expect(res.status(), url).toBe(200);
  return ((await res.json()) as { rows: { id: number; open?: boolean; responseId?: number }[] }).rows;
}

/** The address `template` with `:id` the first row of `list`. */
function withFirstId(list: string, template: string): Path {
  return async (request) => {
    const [row] = await rows(request, list);
    if (!row) throw new Error(`${list} has no rows`);
    return template.replace(':id', String(row.id));
  };
}

/** The demo's open collection: journeys before may have made others, which then come first. */
const DEMO_TITLE = 'НИКО-2026: контекстные данные образовательной организации';

/** «Список участников» of the demo collection's monitoring block. */
async function openParticipants(page: Page) {
  const block = page.getByTestId('monitoring-block').filter({ hasText: DEMO_TITLE });
  await block.getByRole('button', { name: 'Список участников', exact: true }).click();
  await expect(block.getByTestId('participants-table').locator('tbody tr').first()).toBeVisible();
}

/** Then the data of the first school in the list (of one that has submitted, if `submitted`). */
function openSchoolData(submitted: boolean) {
  return async (page: Page) => {
    await openParticipants(page);
    const area = page.getByTestId('participants-area');
    const rows = area.getByTestId('participants-table').locator('tbody tr');
    if (submitted) {
      await area.getByLabel('Статус', { exact: true }).selectOption('submitted');
      await expect(
        rows
          .first()
          .locator('td')
          // «Сдано», perhaps with «изменено после передачи» under it (journeys before may have edited it).
          .filter({ hasText: /^Сдано/ }),
      ).toBeVisible();
    }
    await rows
      .first()
      .getByRole('button', { name: /^Просмотреть данные / })
      .click();
    const data = area.getByTestId('submitted-data');
    await expect(data.getByRole('heading', { name: /^Переданные данные: / })).toBeFocused();
    if (submitted) await expect(data.getByRole('table').first()).toBeVisible();
  };
}

const NIKO = { name: 'НИКО', path: '/niko', heading: 'НИКО' };
const PASSWORD = { name: 'Смена пароля', path: '/account/password', heading: 'Смена пароля' };
const NOT_FOUND = { name: 'a page that does not exist', path: '/no-such-page', heading: /./ };

const ORGANIZATION = withFirstId('/api/organizations?pageSize=1', '/directory/organizations/:id');
const USER = withFirstId('/api/users?pageSize=1', '/directory/users/:id');

/** The directory's pages that reading it gives (directory.read), but the regions (REGIONS). */
const DIRECTORY: PageOfRole[] = [
  { name: 'Муниципалитеты', path: '/directory/municipalities', heading: 'Муниципалитеты' },
  { name: 'Организации', path: '/directory/organizations', heading: 'Организации' },
  { name: 'an organization', path: ORGANIZATION, heading: /./ },
  { name: 'Пользователи', path: '/directory/users', heading: 'Пользователи' },
  { name: 'a user', path: USER, heading: /./ },
];
const REGIONS: PageOfRole[] = [
  { name: 'Регионы', path: '/directory/regions', heading: 'Регионы' },
  { name: 'a region', path: '/directory/regions/77', heading: /Москва/ },
];

export const TOURS: Tour[] = [
  {
    role: 'the federal operator',
    login: 'admin',
    pages: [
      NIKO,
      { name: 'Новая публикация', path: '/niko/publications/new', heading: 'Новая публикация' },
      {
        name: 'a publication’s editor',
        path: withFirstId('/api/publications?pageSize=1', '/niko/publications/:id/edit'),
        heading: /./,
      },
      ...REGIONS,
      ...DIRECTORY,
      { name: 'Новая организация', path: '/directory/organizations/new', heading: 'Новая организация' },
      {
        name: 'an organization’s editor',
        path: withFirstId('/api/organizations?pageSize=1', '/directory/organizations/:id/edit'),
        heading: 'Изменение организации',
      },
      { name: 'Новый пользователь', path: '/directory/users/new', heading: 'Новый пользователь' },
      {
        name: 'a user’s editor',
        path: withFirstId('/api/users?pageSize=1', '/directory/users/:id/edit'),
        heading: 'Изменение пользователя',
      },
      { name: 'Импорт', path: '/directory/import', heading: 'Импорт' },
      { name: 'Формы', path: '/forms', heading: 'Формы' },
      { name: 'Новая форма', path: '/forms/new', heading: 'Новая форма' },
      { name: 'a form version', path: withFirstId('/api/forms', '/forms/versions/:id'), heading: /./ },
      {
        name: 'a new version of a form',
        path: withFirstId('/api/forms', '/forms/versions/:id/new-version'),
        heading: /^Новая версия: /,
      },
      { name: 'Сборы данных', path: '/collections', heading: 'Сборы данных' },
      { name: 'Новый сбор данных', path: '/collections/new', heading: 'Новый сбор данных' },
      { name: 'a collection', path: withFirstId('/api/collections', '/collections/:id'), heading: /./ },
      { name: 'Журнал аудита', path: '/audit', heading: 'Журнал аудита' },
      PASSWORD,
      NOT_FOUND,
    ],
  },
  {
    role: 'a regional coordinator',
    login: 'reg77',
    pages: [
      NIKO,
      { ...NIKO, name: 'НИКО with «Список участников»', open: openParticipants },
      { ...NIKO, name: 'НИКО with a school’s submitted data', open: openSchoolData(true) },
      ...REGIONS,
      ...DIRECTORY,
      PASSWORD,
    ],
  },
  {
    role: 'a municipal coordinator',
    login: 'mun77001',
    pages: [
      NIKO,
      { ...NIKO, name: 'НИКО with «Список участников»', open: openParticipants },
      // No school of this district has submitted in the demo: the view says so.
      { ...NIKO, name: 'НИКО with a school’s data', open: openSchoolData(false) },
      ...REGIONS,
      ...DIRECTORY,
      PASSWORD,
    ],
  },
  {
    role: 'a school',
    login: 'sch770031',
    pages: [
      NIKO,
      {
        name: 'the form’s table',
        path: async (request) => {
          const open = (await rows(request, '/api/niko/data-collection')).find((c) => c.open);
          return `/niko/responses/${open?.responseId}`;
        },
        heading: /./,
      },
      PASSWORD,
      NOT_FOUND,
    ],
  },
];

/** Opens the page (and its view) and waits until it has loaded: its heading shown, nothing loading. */
export async function visit(page: Page, target: PageOfRole) {
  await page.goto(typeof target.path === 'string' ? target.path : await target.path(page.request));
  const heading = page.getByRole('heading', { level: 1 }).first();
  await expect(heading).toHaveText(target.heading);
  await expect(heading).not.toHaveText(/^(Нет доступа|Произошла ошибка)$/);
  await expect(page.locator('.loading')).toHaveCount(0);
  if (target.open) await target.open(page);
  await expect(page.locator('.loading')).toHaveCount(0);
}

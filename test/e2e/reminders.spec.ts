// Journey (issue 11 §2): reg77 presses «Напомнить» on the demo collection, sees how many schools of
// Moscow that have not started will receive it (and how many letters), sends it and finds it in
// «Отправленные напоминания». The letter reaches an SMTP server this test runs (the portal is told
// its port by playwright.config.ts). One of those schools signs in: the count is next to «НИКО» in
// the header and the notice is at the top of the page; «Скрыть» dismisses it. reg77 then sees it
// read. axe checks each view.
import { expect, test } from '@playwright/test';
import { parseMessage, startTestSmtp, type TestSmtp } from '../support/mail.js';
import { expectAccessible } from './support/axe.js';
import { apiSignIn, signIn } from './support/sign-in.js';

const DEMO_TITLE = 'НИКО-2026: контекстные данные образовательной организации';

// Against a server of someone else's (E2E_BASE_URL) there is no SMTP server of ours to check.
const ownServer = !process.env.E2E_BASE_URL;
let smtp: TestSmtp | undefined;
test.beforeAll(async () => {
  if (ownServer) smtp = await startTestSmtp(Number(process.env.E2E_SMTP_PORT));
});
test.afterAll(async () => smtp?.close());

test('reg77 reminds the schools that have not started; one of them reads and dismisses it', async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  // Who has not started yet, as the server counts them now (other journeys may have changed it).
  const reg = await apiSignIn(playwright, baseURL as string, 'reg77');
  const collection = (await (await reg.request.get('/api/collections')).json()).rows.find(
    (c: { title: string; open: boolean }) => c.open && c.title === DEMO_TITLE,
  );
  const notStarted = await (
    await reg.request.get(
      `/api/monitoring/collections/${collection.id}/participants?status=not_started&sort=code&pageSize=1`,
    )
  ).json();
  await reg.request.dispose();
  expect(notStarted.total).toBeGreaterThan(0);
  const school = `sch${notStarted.rows[0].code}`;

  // (1) «Напомнить»: the count before sending, then the dialog's own button sends it.
  await signIn(page, 'reg77');
  const block = page.locator(`[data-testid="monitoring-block"][data-collection-id="${collection.id}"]`);
  await block.getByRole('button', { name: 'Напомнить', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Напомнить' });
  await expect(dialog.getByRole('radio', { name: 'Всем, кто не приступил' })).toBeChecked();
  const count = dialog.getByTestId('reminder-count');
  await expect(count).toContainText(`Напоминание получат: ${notStarted.total} `);
  if (ownServer) await expect(count).toContainText('По электронной почте уйдет');
  await dialog.getByRole('radio', { name: 'Всем, кто не сдал отчет' }).check();
  await expect(count).toContainText(/Напоминание получат: \d+/);
  await dialog.getByRole('radio', { name: 'Всем, кто не приступил' }).check();
  await expect(count).toContainText(`Напоминание получат: ${notStarted.total} `);
  await dialog
    .getByLabel('Текст напоминания')
    .fill('Коллеги, приступите, пожалуйста, к заполнению формы НИКО.');
  await expectAccessible(page, 'the reminder dialog');
  await dialog.getByRole('button', { name: 'Отправить напоминание' }).click();
  await expect(dialog).toBeHidden();
  await expect(block.getByRole('status').filter({ hasText: 'Напоминание отправлено' })).toContainText(
    `Напоминание отправлено ${notStarted.total} `,
  );

  // (2) «Отправленные напоминания»: when, to whom, how many received and read it.
  await block.getByRole('button', { name: 'Отправленные напоминания' }).click();
  const sent = block.getByRole('region', { name: 'Отправленные напоминания' });
  const first = sent.locator('tbody tr').first();
  await expect(first).toContainText('Всем, кто не приступил');
  await expect(first).toContainText('Коллеги, приступите, пожалуйста');
  await expect(first.locator('td').nth(3)).toHaveText(String(notStarted.total));
  await expect(first.locator('td').nth(4)).toHaveText('0');
  await expectAccessible(page, 'the НИКО page of reg77 with «Отправленные напоминания»');

  // The letter reaches the school's mailbox, in Russian.
  if (smtp) {
    const mailbox = `${school}@niko.example`;
    const letter = () => smtp?.delivered.find((d) => d.to.includes(mailbox) && d.raw.length > 0);
    await expect.poll(() => Boolean(letter()), { timeout: 30_000 }).toBe(true);
    const m = parseMessage(letter()?.raw ?? '');
    expect(m.subject).toBe(`Напоминание: сбор данных «${DEMO_TITLE}»`);
    expect(m.text).toContain('Коллеги, приступите, пожалуйста, к заполнению формы НИКО.');
  }

  // (3) The school: the count in the header, the notice at the top of «НИКО», «Скрыть».
  const context = await browser.newContext();
  const schoolPage = await context.newPage();
  await signIn(schoolPage, school);
  const nav = schoolPage.getByRole('navigation', { name: 'Основное меню' });
  await expect(nav.getByRole('link', { name: /^НИКО\s+\d+ напоминани/ })).toBeVisible();
  const notices = schoolPage.getByRole('region', { name: 'Напоминания' });
  const notice = notices.getByTestId('notice').filter({ hasText: 'Коллеги, приступите' });
  await expect(notice).toContainText(`Сбор данных «${DEMO_TITLE}»`);
  await expect(notice).toContainText('Региональный координатор');
  await expectAccessible(schoolPage, 'the НИКО page of a school with a reminder');
  const before = await notices.getByTestId('notice').count();
  await notice.getByRole('button', { name: /^Скрыть напоминание от / }).click();
  await expect(notice).toBeHidden();
  if (before === 1) {
    await expect(notices).toBeHidden();
    await expect(nav.getByTestId('notice-count')).toBeHidden();
  } else {
    await expect(
      nav.getByRole('link', { name: new RegExp(`^НИКО\\s+${before - 1} напоминани`) }),
    ).toBeVisible();
  }
  // Signing in again: the dismissed notice stays hidden.
  await schoolPage.reload();
  await expect(schoolPage.getByRole('heading', { name: 'НИКО', level: 1 })).toBeVisible();
  await expect(schoolPage.getByText('Коллеги, приступите, пожалуйста')).toHaveCount(0);
  await context.close();

  // (4) reg77 sees the notice read (and dismissed) by one school.
  await page.reload();
  await block.getByRole('button', { name: 'Отправленные напоминания' }).click();
  const row = sent.locator('tbody tr').first();
  await expect(row.locator('td').nth(4)).toContainText('1');
  await expect(row.locator('td').nth(4)).toContainText('скрыли: 1');
});

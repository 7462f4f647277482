// Journey: sch770001 opens «НИКО», finds a publication collapsed, expands it and downloads its
// material, byte for byte. Then admin writes a publication with an attachment for the
// organizations of region 77 (preview, audience, file with its progress bar); sch770001 sees it
// and gets the very bytes uploaded, while sch500001 (region 50) does not see it. axe checks the
// «НИКО» page, the expanded publication and the editor.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { submitSignIn } from './support/sign-in.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function signIn(page: Page, login: string) {
  await submitSignIn(page, login);
  await expect(page.getByTestId('user-login')).toHaveText(login);
  await page.getByRole('link', { name: 'НИКО', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Публикации' })).toBeVisible();
}

/** Expands the publication titled `title` and downloads its material `fileName`; returns the bytes. */
async function expandAndDownload(page: Page, title: string | RegExp, fileName: string) {
  const item = page.getByRole('article', { name: title });
  const toggle = item.getByRole('button', { name: /^Развернуть: / });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  const link = item.getByRole('link', { name: new RegExp(fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
  await expect(link).toBeHidden();
  await toggle.click();
  await expect(item.getByRole('button', { name: /^Свернуть: / })).toHaveAttribute('aria-expanded', 'true');
  await expect(link).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe(fileName);
  return { item, link, bytes: fs.readFileSync(await download.path()) };
}

test('sch770001 reads a publication and downloads its material', async ({ page }) => {
  await signIn(page, 'sch770001');
  const title = /^График проведения Национального исследования качества образования/;
  const date = page.getByRole('article', { name: title }).locator('time');
  await expect(date).toHaveText(/^\d{2}\.\d{2}\.\d{4}$/);
  await expectAccessible(page, 'НИКО of sch770001');

  const { item, link, bytes } = await expandAndDownload(page, title, 'График проведения НИКО 2026.pdf');
  await expect(item).toContainText('Сбор данных в ЛК ФИС ОКО');
  await expect(link).toContainText(/\(\d+ КБ\)/);
  // The bytes are those the server holds for the file, and a real PDF.
  const served = await page.request.get((await link.getAttribute('href')) as string);
  expect(sha256(bytes)).toBe(sha256(await served.body()));
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  await expectAccessible(page, 'an expanded publication');

  await item.getByRole('button', { name: /^Свернуть: / }).click();
  await expect(link).toBeHidden();
});

test('admin publishes for the organizations of region 77; only they see it', async ({ page, browser }) => {
  const title = `Памятка для школ Москвы ${randomBytes(3).toString('hex')}`;
  const fileName = 'Памятка для школ Москвы.pdf';
  const fileBytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(300_000)]);

  await signIn(page, 'admin');
  await page.getByRole('link', { name: 'Новая публикация' }).click();
  await expect(page.getByRole('heading', { name: 'Новая публикация', level: 1 })).toBeVisible();
  await page.getByLabel('Название', { exact: true }).fill(title);
  await page
    .getByLabel('Текст публикации')
    .fill('Уважаемые коллеги!\n\n**Срок** — до конца недели.\n\n<script>alert(1)</script>');
  await page.getByRole('button', { name: 'Предпросмотр' }).click();
  const preview = page.getByRole('region', { name: 'Предпросмотр' });
  await expect(preview.locator('strong')).toHaveText('Срок');
  await expect(preview).toContainText('<script>alert(1)</script>');
  await page.getByLabel('Выбранные роли').check();
  await page.getByLabel('образовательные организации').check();
  await page.getByLabel('Выбранные регионы').check();
  await page.getByLabel('Регионы', { exact: true }).selectOption('77');
  await page
    .getByLabel('Добавить файлы')
    .setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: fileBytes });
  await expect(page.getByRole('progressbar', { name: `Загрузка файла ${fileName}` })).toBeVisible();
  await expectAccessible(page, 'the publication editor');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page).toHaveURL(/\/niko$/);
  await expect(page.getByRole('article', { name: title })).toBeVisible();

  const school = await browser.newPage();
  await signIn(school, 'sch770001');
  const { item, bytes } = await expandAndDownload(school, title, fileName);
  await expect(item.locator('strong')).toHaveText('Срок');
  expect(sha256(bytes)).toBe(sha256(fileBytes));
  await school.close();

  const other = await browser.newPage();
  await signIn(other, 'sch500001');
  await expect(other.getByRole('article').first()).toBeVisible();
  await expect(other.getByRole('article', { name: title })).toHaveCount(0);
  await other.getByLabel('Поиск по названию').fill(title);
  await other.getByRole('button', { name: 'Найти' }).click();
  await expect(other.getByText('Публикаций с таким названием нет.')).toBeVisible();
  await other.close();
});

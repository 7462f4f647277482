// Signing in, as the journeys need it: through the page (the journey itself), or through the API
// (to look things up or prepare data beside the journey). Every demo account's password is `demo`.
import { type APIRequestContext, expect, type Page, type PlaywrightWorkerArgs } from '@playwright/test';

/** Fills in «Логин» and «Пароль» and presses «Войти»; what follows is the caller's to check. */
export async function submitSignIn(page: Page, login: string, password = 'demo') {
  await page.goto('/');
  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
}

/** Signs in and waits for the «НИКО» page. */
export async function signIn(page: Page, login: string, password = 'demo') {
  await submitSignIn(page, login, password);
  await expect(page.getByRole('heading', { name: 'НИКО', level: 1 })).toBeVisible();
}

export type Api = { request: APIRequestContext; csrf: string };

/** A signed-in API client, with the CSRF token that state-changing requests must send. */
export async function apiSignIn(
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string,
  login: string,
): Promise<Api> {
  const request = await playwright.request.newContext({ baseURL });
  const { token } = await (await request.get('/api/auth/csrf')).json();
  const res = await request.post('/api/auth/login', {
    data: { login, password: 'demo' },
    headers: { 'X-CSRF-Token': token },
  });
  expect(res.status(), `login ${login}`).toBe(200);
  // The token is bound to the session: the signed-in client needs a new one.
  const signedIn = await (await request.get('/api/auth/csrf')).json();
  return { request, csrf: signedIn.token };
}

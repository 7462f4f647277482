// The Playwright journeys (test/e2e) in Debian's Chromium, against the built server
// (`node dist/server/main.js`) on a fresh embedded database in a temporary DATA_DIR.
// Run them with `npm run test:e2e`, which builds first and picks a free port (scripts/e2e.mjs).
// With E2E_BASE_URL set, they run against that server instead and none is started.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const external = process.env.E2E_BASE_URL;
const port = Number(process.env.E2E_PORT || 3100);
// Reminders go out as e-mail to an SMTP server the reminders journey runs on this port; while none
// listens, the portal's letters simply wait and are tried again (docs/DEPLOY.md, «E-mail»).
const smtpPort = Number(process.env.E2E_SMTP_PORT || port + 1);
process.env.E2E_SMTP_PORT = String(smtpPort);

// The runner loads this file first and its workers inherit the variable, so one folder serves the
// run; whichever process made it removes it on exit, after Playwright has stopped the server.
if (!external && !process.env.E2E_DATA_DIR) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'niko-e2e-'));
  process.env.E2E_DATA_DIR = dataDir;
  process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
}

const baseURL = external || `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          // No browser download is possible here: Debian's package (`apt-get install -y chromium`).
          executablePath: '/usr/bin/chromium',
          // Chromium takes a download's name from its Content-Disposition only where file names can be
          // UTF-8: under the C locale (a shell started with no LANG) a Cyrillic name became «download».
          env: { ...process.env, LC_ALL: 'C.UTF-8' },
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: external
    ? undefined
    : {
        command: 'node dist/server/main.js',
        url: `${baseURL}/readyz`,
        reuseExistingServer: false,
        timeout: 120_000,
        env: {
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: process.env.E2E_DATA_DIR ?? '',
          // Always the fresh embedded database with its demo data, even if DATABASE_URL is set.
          DATABASE_URL: '',
          SEED_DEMO: 'auto',
          LOG_LEVEL: 'warn',
          SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
          SMTP_FROM: 'ФИС ОКО <no-reply@fisoko.test>',
          EMAIL_POLL_MS: '200',
          EMAIL_RETRY_SECONDS: '1',
        },
        stdout: 'ignore',
        stderr: 'pipe',
        // SIGTERM lets the server close the database before the folder is removed.
        gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
      },
});

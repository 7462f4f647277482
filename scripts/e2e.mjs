// `npm run test:e2e [-- playwright options]`: the Playwright journeys against the built server (and
// `npm run screenshots`: the same with playwright.screenshots.config.ts).
// Builds first if needed, picks a free loopback port, and hands over to `playwright test`;
// playwright.config.ts starts the server on that port with a fresh temporary DATA_DIR.
// With E2E_BASE_URL set, the journeys run against that server instead, and nothing is built.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from './free-port.mjs';
import { exitIfNodeTooOld } from './node-version.mjs';

// Before anything that needs a newer Node is loaded: an older one stops here, with one line.
exitIfNodeTooOld('npm run test:e2e');
const { ensureBuild, root } = await import('./ensure-build.mjs');

const env = { ...process.env };
if (!env.E2E_BASE_URL) {
  ensureBuild();
  env.E2E_PORT ||= String(await freePort());
  // The port of the SMTP server test/e2e/reminders.spec.ts runs, which the portal is told to use.
  env.E2E_SMTP_PORT ||= String(await freePort());
}

const cli = path.join(root, 'node_modules/@playwright/test/cli.js');
const child = spawn(process.execPath, [cli, 'test', ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: 'inherit',
});
// Ctrl+C already reaches Playwright through the terminal's process group (a second SIGINT would make
// it skip stopping the server), so only SIGTERM is passed on; SIGINT just must not end us first.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});

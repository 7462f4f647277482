// `npm run screenshots`: the same browser and server as the journeys (playwright.config.ts), running
// test/screenshots/*.shots.ts, which save pictures of the main pages instead of checking them.
import { defineConfig } from '@playwright/test';
import journeys from './playwright.config.js';

export default defineConfig({
  ...journeys,
  testDir: 'test/screenshots',
  testMatch: '**/*.shots.ts',
  retries: 0,
});

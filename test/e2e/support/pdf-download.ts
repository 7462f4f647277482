// Clicks a link that downloads a PDF and reads what it says (its text per page, with PDF.js).
import fs from 'node:fs';
import type { Locator } from '@playwright/test';
import { readPdf } from '../../support/pdf.js';

export async function downloadPdf(link: Locator) {
  const [download] = await Promise.all([link.page().waitForEvent('download'), link.click()]);
  const pdf = await readPdf(fs.readFileSync(await download.path()));
  return { ...pdf, fileName: download.suggestedFilename() };
}

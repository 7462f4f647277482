// Accessibility check for a journey: runs axe-core on the current page and fails on any violation
// of impact "serious" or "critical", listing each rule, its help link and the offending elements.
// Lesser findings are attached to the test report without failing it.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';

const BLOCKING = new Set(['serious', 'critical']);

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

function formatViolations(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map(
          (n) => `    - ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`,
        )
        .join('\n');
      const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : '';
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
}

/** Fails the test if the page, as it is now, has serious or critical accessibility problems. */
export async function expectAccessible(page: Page, what = page.url()) {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  const minor = results.violations.filter((v) => !BLOCKING.has(v.impact ?? ''));
  if (minor.length) {
    await test.info().attach(`axe: minor findings on ${what}`, {
      body: formatViolations(minor),
      contentType: 'text/plain',
    });
  }
  expect(
    blocking.length,
    `axe found ${blocking.length} serious or critical accessibility violation(s) on ${what}:\n${formatViolations(blocking)}`,
  ).toBe(0);
}

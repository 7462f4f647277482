// Accessibility check for a journey: runs axe-core on the current page and fails on any violation
// of impact "serious" or "critical", listing each rule, its help link and the offending elements.
// Lesser findings are attached to the test report without failing it, unless the caller asks for
// every impact (`{ impacts: 'all' }`, as the checks of «Версия для слабовидящих» do).
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

type Options = {
  /** 'serious' (the default): serious and critical violations fail; 'all': every violation fails. */
  impacts?: 'serious' | 'all';
};

/** Fails the test if the page, as it is now, has serious or critical (or, asked, any) accessibility problems. */
export async function expectAccessible(page: Page, what = page.url(), { impacts = 'serious' }: Options = {}) {
  const results = await new AxeBuilder({ page }).analyze();
  const blocks = (v: Violation) => impacts === 'all' || BLOCKING.has(v.impact ?? '');
  const blocking = results.violations.filter(blocks);
  const minor = results.violations.filter((v) => !blocks(v));
  if (minor.length) {
    await test.info().attach(`axe: minor findings on ${what}`, {
      body: formatViolations(minor),
      contentType: 'text/plain',
    });
  }
  expect(
    blocking.length,
    `axe found ${blocking.length} ${impacts === 'all' ? '' : 'serious or critical '}accessibility violation(s) on ${what}:\n${formatViolations(blocking)}`,
  ).toBe(0);
}

// `npm run size` (scripts/size.mjs) must not pass by measuring nothing: a manifest without its
// entry or without the school's pages fails, and so does a chunk or a school page over budget.
// The real build is measured by CI (.ci/run, «Bundle size»); here the manifests are small fakes.
import { describe, expect, it } from 'vitest';
import {
  CHUNK_BUDGETS,
  checkSizes,
  type ManifestChunk,
  SCHOOL_BUDGET,
  SCHOOL_PAGES,
} from '../scripts/size.mjs';

const KB = 1000;

/** A manifest shaped like Vite's for this app: entry, library chunks, the school's pages. */
function manifest(): Record<string, ManifestChunk> {
  const m: Record<string, ManifestChunk> = {
    'index.html': {
      file: 'assets/index.js',
      name: 'index',
      isEntry: true,
      imports: ['_preact.js', '_router.js'],
    },
  };
  for (const name of Object.keys(CHUNK_BUDGETS)) m[`_${name}.js`] = { file: `assets/${name}.js`, name };
  for (const source of Object.values(SCHOOL_PAGES).flat()) {
    m[source] = {
      file: `assets/${source.replace(/.*\//, '')}.js`,
      name: 'page',
      isDynamicEntry: true,
      imports: ['index.html'],
    };
  }
  return m;
}

const sizes = (bytes: Record<string, number>) => (file: string) => bytes[file] ?? 1 * KB;

describe('npm run size', () => {
  it('passes a build within every budget, measuring each school page with the entry', () => {
    const result = checkSizes(manifest(), sizes({ 'assets/zod.js': 20 * KB }));
    expect(result.problems).toEqual([]);
    expect(result.schoolPages.map((p) => p.page)).toEqual(Object.keys(SCHOOL_PAGES));
    // Zod is a library chunk of the build but not imported by the school's pages.
    for (const page of result.schoolPages) {
      expect(page.rows.map((r) => r.file)).toContain('assets/index.js');
      expect(page.total).toBeGreaterThan(0);
    }
  });

  it('fails without an entry', () => {
    const m = manifest();
    delete m['index.html']?.isEntry;
    expect(checkSizes(m, sizes({})).problems.join('\n')).toMatch(/one entry, it has 0/);
  });

  it('fails when a school page is not a chunk of its own', () => {
    const m = manifest();
    const [source] = Object.values(SCHOOL_PAGES).flat();
    delete m[source as string];
    expect(checkSizes(m, sizes({})).problems.join('\n')).toContain(`no «${source}»`);
  });

  it('names the chunk over its budget', () => {
    const problems = checkSizes(
      manifest(),
      sizes({ 'assets/preact.js': (CHUNK_BUDGETS.preact ?? 0) + 1 }),
    ).problems;
    expect(problems.join('\n')).toMatch(/chunk assets\/preact\.js \(«preact»\) is .* its budget/);
  });

  it('fails when a school page goes past its budget', () => {
    const problems = checkSizes(manifest(), sizes({ 'assets/index.js': SCHOOL_BUDGET })).problems;
    expect(problems.join('\n')).toMatch(/a school's first load of «НИКО» is/);
  });

  it('fails when a school page pulls in the schema library', () => {
    const m = manifest();
    m['index.html']?.imports?.push('_zod.js');
    const problems = checkSizes(m, sizes({})).problems;
    expect(problems.join('\n')).toContain('loads assets/zod.js («zod»)');
  });
});

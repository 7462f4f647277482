// How the browser's code depends on itself: features (src/web/features/<area>) may use each other
// only without a loop (a loop once ran collections → forms → data-collection → collections and kept
// every feature in one chunk), and the shared places (src/web/ui, src/web/form-table) use no feature.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const web = path.resolve(import.meta.dirname, '../src/web');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`, type-only ones included.
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)'(\.[^']+)'/g;

/** The place a file belongs to: 'features/<area>', 'ui', 'form-table', 'app', … */
function placeOf(file: string): string {
  const [top, area] = path.relative(web, file).split(path.sep);
  return top === 'features' ? `features/${area}` : (top ?? '');
}

/** Every place → the other places its files import from (relative imports inside src/web). */
function placeGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(web)) {
    const from = placeOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = path.resolve(path.dirname(file), spec as string);
      if (!target.startsWith(web + path.sep)) continue;
      const to = placeOf(target);
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** The first loop found among the features, as the path that closes it; none gives undefined. */
function featureLoop(graph: Map<string, Set<string>>): string[] | undefined {
  const done = new Set<string>();
  const visit = (node: string, trail: string[]): string[] | undefined => {
    const at = trail.indexOf(node);
    if (at >= 0) return [...trail.slice(at), node];
    if (done.has(node)) return undefined;
    for (const next of graph.get(node) ?? []) {
      if (!next.startsWith('features/')) continue;
      const loop = visit(next, [...trail, node]);
      if (loop) return loop;
    }
    done.add(node);
    return undefined;
  };
  for (const node of graph.keys()) {
    if (!node.startsWith('features/')) continue;
    const loop = visit(node, []);
    if (loop) return loop;
  }
  return undefined;
}

describe('imports between the parts of the web app', () => {
  const graph = placeGraph();

  it('reads the imports it checks', () => {
    // A pattern that matched nothing would pass every check below.
    expect([...graph.keys()].filter((p) => p.startsWith('features/')).length).toBeGreaterThanOrEqual(8);
    expect(graph.get('features/niko')).toContain('features/publications');
    expect(graph.get('features/monitoring')).toContain('form-table');
  });

  it('has no loop between features', () => {
    expect(featureLoop(graph)?.join(' → ')).toBeUndefined();
  });

  it('finds a loop when there is one', () => {
    const looped = new Map(graph);
    looped.set(
      'features/data-collection',
      new Set([...(graph.get('features/data-collection') ?? []), 'features/collections']),
    );
    looped.set(
      'features/collections',
      new Set([...(graph.get('features/collections') ?? []), 'features/forms']),
    );
    looped.set(
      'features/forms',
      new Set([...(graph.get('features/forms') ?? []), 'features/data-collection']),
    );
    expect(featureLoop(looped)).toBeDefined();
  });

  it('keeps the shared places free of features', () => {
    for (const shared of ['ui', 'form-table']) {
      const features = [...(graph.get(shared) ?? [])].filter((p) => p.startsWith('features/'));
      expect({ shared, features }).toEqual({ shared, features: [] });
    }
  });
});

// The layers, enforced by reading the sources: routes call services, services call queries, and
// only query files hold SQL; the browser never decides by the role. The rules and which files
// they count as what are written out below; docs/ARCHITECTURE.md ("Layers") explains them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

function filesUnder(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(rel, ext));
    else if (ext.test(entry.name)) out.push(rel);
  }
  return out.sort();
}

/** The source without comments, so that a comment naming `sql` or a role is not taken for code. */
function code(file: string): string {
  const text = fs.readFileSync(path.resolve(ROOT, file), 'utf8');
  // Strings and template literals are kept (SQL lives in them); comments are dropped.
  return text.replace(
    /("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g,
    (m, str) => (str ? m : ''),
  );
}

/** Every module a file imports or re-exports, as written (static, side-effect and dynamic imports). */
function importsOf(file: string): string[] {
  const src = code(file);
  const found = [
    ...src.matchAll(/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g),
    ...src.matchAll(/\bimport\s*['"]([^'"]+)['"]/g),
    ...src.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return found.map((m) => m[1] as string);
}

const SERVER = filesUnder('src/server', /\.ts$/).filter((f) => !f.endsWith('.test.ts'));
const WEB = filesUnder('src/web', /\.tsx?$/).filter((f) => !f.endsWith('.test.ts'));

/**
 * Query files: the only server files that may build SQL.
 * - `queries.ts`, `*-queries.ts` and anything in a `queries/` folder, in any feature;
 * - `src/server/db/**`: connections, migrations, batches, advisory locks;
 * - `src/server/auth/rows/**`: the row policy, whose filters are SQL fragments every query applies;
 * - `src/server/demo/**`: the demo seeder, a command that writes fixtures straight into the tables
 *   and serves no request (src/server/demo/seed-cli.ts; tests call it to set up).
 * (The migrations themselves are .sql files under db/migrations.)
 */
function isQueryFile(file: string): boolean {
  const name = path.posix.basename(file);
  return (
    name === 'queries.ts' ||
    name.endsWith('-queries.ts') ||
    file.split('/').includes('queries') ||
    file.startsWith('src/server/db/') ||
    file.startsWith('src/server/auth/rows/') ||
    file.startsWith('src/server/demo/')
  );
}

const isQueryModule = (specifier: string) =>
  /(^|\/)queries(\.js)?$/.test(specifier) || /-queries\.js$/.test(specifier) || /\/queries\//.test(specifier);

/** SQL built in TypeScript: a raw `sql` template, or a Kysely statement. */
const SQL = /\bsql\s*(<[^>]*>)?\s*`|\.(selectFrom|insertInto|updateTable|deleteFrom)\(/;

describe('layers', () => {
  it('finds the files it checks', () => {
    expect(SERVER.filter((f) => f.endsWith('/routes.ts')).length).toBeGreaterThan(10);
    expect(SERVER.filter(isQueryFile).length).toBeGreaterThan(15);
    expect(WEB.length).toBeGreaterThan(50);
  });

  it('no routes.ts imports a query module, kysely, or builds SQL: routes call services', () => {
    const offences: string[] = [];
    for (const file of SERVER.filter((f) => path.posix.basename(f) === 'routes.ts')) {
      for (const spec of importsOf(file)) {
        if (isQueryModule(spec) || spec === 'kysely' || spec.startsWith('kysely/')) {
          offences.push(`${file} imports ${spec}`);
        }
      }
      if (SQL.test(code(file))) offences.push(`${file} builds SQL`);
    }
    expect(offences).toEqual([]);
  });

  it('no SQL outside query files', () => {
    const offences = SERVER.filter((f) => !isQueryFile(f) && SQL.test(code(f)));
    expect(offences).toEqual([]);
  });

  it('no web file compares a role: pages ask the session permissions and the rows’ abilities', () => {
    const ROLE_TEST =
      /\brole\s*[!=]==|[!=]==\s*[\w.?]*\brole\b|[!=]==\s*['"](federal|regional|municipal|organization)['"]|case\s+['"](federal|regional|municipal|organization)['"]/;
    const offences = WEB.filter((f) => ROLE_TEST.test(code(f)));
    expect(offences).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('read imports and SQL the way they are written', () => {
    const sample = 'src/server/architecture-sample.ts';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'architecture-'));
    try {
      const file = path.join(dir, 'routes.ts');
      fs.writeFileSync(
        file,
        [
          "import { listUsers } from './queries.js';",
          "import { sql } from 'kysely';",
          "export { x } from '../auth/session-queries.js';",
          "// db.selectFrom('users') in a comment is no SQL",
          'const q = sql<number>`SELECT 1`;',
        ].join('\n'),
      );
      expect(importsOf(file)).toEqual(['./queries.js', 'kysely', '../auth/session-queries.js']);
      expect(importsOf(file).filter(isQueryModule)).toEqual(['./queries.js', '../auth/session-queries.js']);
      expect(SQL.test(code(file))).toBe(true);
      // Without the template, what is left is a comment, which is no SQL.
      expect(SQL.test(code(file).replace('sql<number>`SELECT 1`', ''))).toBe(false);
      expect(isQueryFile(sample)).toBe(false);
      expect(isQueryFile('src/server/exports/queries.ts')).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

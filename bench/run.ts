// `npm run bench -- <name> [args…]` runs bench/<name>.ts. Without a name, or with an unknown one,
// it lists the benchmarks there are (files starting with `_` are helpers, not benchmarks).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
  .sort();

const name = process.argv[2];
if (!name || !available.includes(name)) {
  if (name) process.stderr.write(`Unknown benchmark: ${name}\n`);
  process.stderr.write(`Usage: npm run bench -- <name>\nAvailable: ${available.join(', ') || '(none)'}\n`);
  process.exit(name ? 2 : 1);
}
await import(pathToFileURL(path.join(here, `${name}.ts`)).href);

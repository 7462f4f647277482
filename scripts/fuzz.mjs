// `npm run fuzz -- --runs N [--slow-ms M] [--route "POST /api/…"]`: the API fuzzing suite
// (test/security/fuzz.test.ts) run long: N cases per route and role (default 200), failing also on
// any answer slower than M ms (default 2000). Prints a JSON summary as its last line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    'slow-ms': { type: 'string', default: '2000' },
    route: { type: 'string' },
  },
});
const summaryFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'niko-fuzz-')), 'summary.json');
const run = spawnSync('npx', ['vitest', 'run', 'test/security/fuzz.test.ts'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    FUZZ_RUNS: values.runs,
    FUZZ_SLOW_MS: values['slow-ms'],
    FUZZ_SUMMARY_FILE: summaryFile,
    ...(values.route ? { FUZZ_ROUTE: values.route } : {}),
  },
});
const summary = fs.existsSync(summaryFile) ? JSON.parse(fs.readFileSync(summaryFile, 'utf8')) : {};
fs.rmSync(path.dirname(summaryFile), { recursive: true, force: true });
console.log(JSON.stringify({ ...summary, passed: run.status === 0 }));
process.exit(run.status ?? 1);

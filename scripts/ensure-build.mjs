// Builds only when needed: when dist/ lacks the server or the web pages, or a source file is
// newer than dist/.build-stamp. Used by `npm start` and `npm run test:e2e`; `npm run build` ends
// with `node scripts/ensure-build.mjs --stamp`, so a manual build counts as fresh too.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (p) => path.join(root, p);
const STAMP = at('dist/.build-stamp');
const OUTPUTS = ['dist/server/main.js', 'dist/web/index.html'];
// Everything the build reads besides node_modules (tsconfig*.json are added below).
const INPUTS = ['src', 'vite.config.ts', 'package.json', 'package-lock.json', 'scripts/copy-assets.mjs'];

function mtime(p) {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return undefined;
  }
}

/** True as soon as one file under `p` (a file or a folder) changed after `since`. */
function changedSince(p, since) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return false;
  }
  if (!stat.isDirectory()) return stat.mtimeMs > since;
  return fs.readdirSync(p).some((entry) => changedSince(path.join(p, entry), since));
}

export function needsBuild() {
  if (OUTPUTS.some((p) => mtime(at(p)) === undefined)) return true;
  const built = mtime(STAMP);
  if (built === undefined) return true;
  const tsconfigs = fs.readdirSync(root).filter((f) => /^tsconfig.*\.json$/.test(f));
  return [...INPUTS, ...tsconfigs].some((p) => changedSince(at(p), built));
}

export function writeStamp(time = new Date()) {
  fs.mkdirSync(path.dirname(STAMP), { recursive: true });
  fs.writeFileSync(STAMP, `${time.toISOString()}\n`);
  fs.utimesSync(STAMP, time, time);
}

/** Runs `npm run build` if needed; on failure prints the build's output and exits. */
export function ensureBuild() {
  if (!needsBuild()) return;
  console.log('Сборка…');
  const startedAt = new Date();
  // The build's own output only matters when it fails.
  const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (build.status !== 0) {
    process.stdout.write(build.stdout ?? '');
    process.stderr.write(build.stderr ?? '');
    console.error(`Сборка не удалась${build.error ? `: ${build.error.message}` : '.'}`);
    process.exit(build.status ?? 1);
  }
  // Stamped with the time the build began, so a file saved during the build triggers the next one.
  writeStamp(startedAt);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--stamp')) writeStamp();
  else ensureBuild();
}

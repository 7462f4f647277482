// deploy/ must start a node the way `npm start` does: the systemd unit's ExecStart and the
// Dockerfile's CMD run node with the same arguments as package.json's start script (its V8 flags
// above all). Checked by the cluster benchmark, which runs deploy/haproxy.cfg itself.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Check } from './cross-node.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');

/** The arguments after `node` in a command line. */
function nodeArgs(command: string): string {
  return command.trim().replace(/^\S*node\s+/, '');
}

export function deployFilesCheck(): Check {
  const start = nodeArgs(JSON.parse(read('package.json')).scripts.start as string);
  const unit = nodeArgs(/^ExecStart=(.*)$/m.exec(read('deploy/niko@.service'))?.[1] ?? '');
  const cmd = /^CMD (\[.*\])$/m.exec(read('deploy/Dockerfile'))?.[1];
  const docker = cmd ? nodeArgs((JSON.parse(cmd) as string[]).join(' ')) : '';
  const ok = unit === start && docker === start;
  return {
    name: 'deploy/ starts nodes as npm start does',
    ok,
    nodes: [],
    detail: ok
      ? `node ${start}`
      : `package.json: node ${start}; niko@.service: node ${unit}; Dockerfile: node ${docker}`,
  };
}

// `npm start`: build if the build is missing or stale, then run the server in this very process,
// so signals, the exit code and the process id are the server's own. main.ts prints the address,
// the start-up time and the demo logins.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { exitIfNodeTooOld } from './node-version.mjs';

// Before anything that needs a newer Node is loaded: an older one stops here, with one line.
exitIfNodeTooOld('npm start');
const { ensureBuild, root } = await import('./ensure-build.mjs');
ensureBuild();
// Stack traces then point into src/*.ts (tsconfig.server.json emits source maps).
process.setSourceMapsEnabled(true);
await import(pathToFileURL(path.join(root, 'dist/server/main.js')).href);

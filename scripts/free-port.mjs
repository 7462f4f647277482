// A loopback port that was free a moment ago, for a program that must be told its port before it
// starts and cannot report the one it got: Playwright's web server (scripts/e2e.mjs), PostgreSQL
// and HAProxy in the benchmarks. Another process may take it in between; our own server never needs
// this: it listens on PORT=0 and prints its address (src/server/startup-message.ts).
import net from 'node:net';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

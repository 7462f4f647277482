// While the server shuts down, a request that still reaches it (on a connection that was busy
// when the shutdown began) gets 503 problem+json with Retry-After and `Connection: close`, so the
// client or the load balancer sends it again elsewhere; the request under way still finishes.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/wait.js';

let server: TestServer;
let closed: Promise<void> | undefined;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await (closed ?? server.close());
});

describe('during shutdown', () => {
  it('answers a request that arrives with 503 problem+json, after the one under way', async () => {
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let received = '';
    socket.on('data', (d) => {
      received += d;
    });
    const body = JSON.stringify({ login: 'nobody', password: 'wrong' });
    const client = server.client();
    const token = await client.csrfToken();
    // The first request is under way (the server has its headers, asks for its body) when the
    // shutdown begins.
    socket.write(
      'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${body.length}\r\nX-CSRF-Token: ${token}\r\nCookie: niko_csrf=${client.cookie('niko_csrf')}\r\n` +
        'Expect: 100-continue\r\n\r\n',
    );
    await waitFor(() => received.startsWith('HTTP/1.1 100 Continue\r\n\r\n'), 'the server read the headers');
    closed = server.close();
    await waitFor(() => !server.app.server.listening, 'the listener closed');
    // Its body, then a second request on the same connection.
    socket.write(`${body}GET /api/auth/session HTTP/1.1\r\nHost: x\r\n\r\n`);
    await new Promise((resolve) => socket.once('close', resolve));
    const answers = received.replace('HTTP/1.1 100 Continue\r\n\r\n', '').split(/(?=HTTP\/1\.1 )/);
    expect(answers).toHaveLength(2);
    // The one under way is answered as at any time.
    expect(answers[0]).toMatch(/^HTTP\/1\.1 401/);
    expect(answers[1]).toMatch(/^HTTP\/1\.1 503/);
    expect(answers[1]).toMatch(/content-type: application\/problem\+json/i);
    expect(answers[1]).toMatch(/retry-after: \d+/i);
    expect(answers[1]).toMatch(/connection: close/i);
    expect(answers[1]).toMatch(/временно недоступен/);
  });
});

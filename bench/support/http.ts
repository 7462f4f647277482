// A lean HTTP/1.1 client for load generation: node:http with one keep-alive socket per virtual
// user, so that a run measures the server and not connection set-up. Also the browser handshake
// (CSRF token + cookie, then sign-in) that every virtual user performs once before measuring.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export type HttpResult = {
  status: number;
  text: string;
  setCookie: string[];
  headers: http.IncomingHttpHeaders;
};

export type HttpClientOptions = {
  /** The loopback address to send from (127.0.0.2, …): another client IP as the server sees it. */
  localAddress?: string;
  /** A request without a whole answer after this long fails with `timeout` (as a browser's would). */
  timeoutMs?: number;
};

/** A request that got no answer in time; the request may still have been carried out. */
export class RequestTimeout extends Error {
  readonly code = 'timeout';
}

export class HttpClient {
  private readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(
    baseUrl: string,
    sockets: number,
    private readonly options: HttpClientOptions = {},
  ) {
    const u = new URL(baseUrl);
    this.host = u.hostname;
    this.port = Number(u.port);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<HttpResult> {
    return new Promise((resolve, reject) => {
      const h: Record<string, string | number> = { ...headers };
      if (body !== undefined) h['content-length'] = Buffer.byteLength(body);
      const { localAddress, timeoutMs } = this.options;
      const req = http.request(
        { host: this.host, port: this.port, method, path, headers: h, agent: this.agent, localAddress },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              text: chunks.length === 1 ? (chunks[0] as Buffer).toString() : Buffer.concat(chunks).toString(),
              setCookie: res.headers['set-cookie'] ?? [],
              headers: res.headers,
            }),
          );
          res.on('error', reject);
        },
      );
      if (timeoutMs) {
        const timer = setTimeout(
          () => req.destroy(new RequestTimeout(`no answer in ${timeoutMs} ms`)),
          timeoutMs,
        );
        req.on('close', () => clearTimeout(timer));
      }
      req.on('error', reject);
      req.end(body);
    });
  }

  close() {
    this.agent.destroy();
  }
}

/** A signed-in browser: its cookies and CSRF token, ready to send state-changing requests. */
export type Session = { login: string; headers: Record<string, string> };

function cookiesFrom(setCookie: string[], jar: Map<string, string>) {
  for (const c of setCookie) {
    const pair = c.split(';')[0] ?? '';
    const i = pair.indexOf('=');
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
}

export async function signIn(client: HttpClient, login: string, password: string): Promise<Session> {
  const jar = new Map<string, string>();
  const csrf = await client.request('GET', '/api/auth/csrf', {});
  if (csrf.status !== 200) throw new Error(`csrf for ${login}: ${csrf.status} ${csrf.text}`);
  cookiesFrom(csrf.setCookie, jar);
  const token = (JSON.parse(csrf.text) as { token: string }).token;
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await client.request(
    'POST',
    '/api/auth/login',
    { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookie() },
    JSON.stringify({ login, password }),
  );
  if (res.status !== 200) throw new Error(`sign-in of ${login}: ${res.status} ${res.text}`);
  cookiesFrom(res.setCookie, jar);
  // A CSRF token is bound to the session it was handed out in: the signed-in one needs its own.
  const own = await client.request('GET', '/api/auth/csrf', { cookie: cookie() });
  if (own.status !== 200) throw new Error(`csrf of ${login}'s session: ${own.status} ${own.text}`);
  cookiesFrom(own.setCookie, jar);
  const sessionToken = (JSON.parse(own.text) as { token: string }).token;
  return {
    login,
    headers: { 'content-type': 'application/json', 'x-csrf-token': sessionToken, cookie: cookie() },
  };
}

/** Signs every login in, `parallel` at a time (sign-in is deliberately slow: argon2id). */
export async function signInAll(
  client: HttpClient,
  logins: string[],
  password: string,
  parallel = 16,
): Promise<Session[]> {
  const out: Session[] = new Array(logins.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < logins.length) {
        const i = next++;
        out[i] = await signIn(client, logins[i] as string, password);
      }
    }),
  );
  return out;
}

/** Downloads a file: when its first byte came, when its last did, and its bytes. */
export function download(baseUrl: string, path: string, session: Session) {
  return new Promise<{ status: number; firstByteMs: number; totalMs: number; bytes: Buffer }>(
    (resolve, reject) => {
      const t = performance.now();
      let firstByteMs = 0;
      const req = http.get(
        `${baseUrl}${path}`,
        { headers: { cookie: session.headers.cookie as string } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => {
            if (chunks.length === 0) firstByteMs = performance.now() - t;
            chunks.push(c);
          });
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              firstByteMs,
              totalMs: performance.now() - t,
              bytes: Buffer.concat(chunks),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
    },
  );
}

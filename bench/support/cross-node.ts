// Checks, through HAProxy's round-robin (no stickiness), that what a browser relies on works
// whichever node answers: the CSRF token handed out by one node is accepted by another, a session
// made on one is known to all and ended for all, the login limits count across nodes (and count the
// address HAProxy saw, not a forged X-Forwarded-For), and an export asked of one node is prepared by
// some node's worker and downloaded from any.
import { BENCH_PASSWORD } from './fixtures.js';
import { HttpClient, type HttpResult, type Session, signIn } from './http.js';

export type Check = { name: string; ok: boolean; nodes: string[]; detail: string };

const servedBy = (r: HttpResult) => String(r.headers['x-served-by'] ?? '?');

/** One sign-in attempt by a fresh browser (no cookies): csrf, then login; the login's status and nodes. */
async function attempt(client: HttpClient, login: string, password: string, forwardedFor?: string) {
  const extra: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
  const csrf = await client.request('GET', '/api/auth/csrf', extra);
  const token = (JSON.parse(csrf.text) as { token: string }).token;
  const cookie = csrf.setCookie.map((c) => c.split(';')[0]).join('; ');
  const res = await client.request(
    'POST',
    '/api/auth/login',
    { ...extra, 'content-type': 'application/json', 'x-csrf-token': token, cookie },
    JSON.stringify({ login, password }),
  );
  return { status: res.status, nodes: [servedBy(csrf), servedBy(res)] };
}

async function sessionsAndCsrf(proxyUrl: string, login: string, responseId: number): Promise<Check> {
  const client = new HttpClient(proxyUrl, 1);
  try {
    // signIn takes the token from one request and signs in with the next: two nodes in turn.
    const session: Session = await signIn(client, login, BENCH_PASSWORD);
    const nodes: string[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const write = await client.request('POST', '/api/auth/keepalive', session.headers, '{}');
      const read = await client.request('GET', `/api/responses/${responseId}`, {
        cookie: session.headers.cookie as string,
      });
      nodes.push(servedBy(write), servedBy(read));
      statuses.push(write.status, read.status);
    }
    const out = await client.request('POST', '/api/auth/logout', session.headers, '{}');
    const after: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await client.request('GET', '/api/auth/session', {
        cookie: session.headers.cookie as string,
      });
      after.push(r.status);
      nodes.push(servedBy(r));
    }
    const distinct = [...new Set(nodes)].sort();
    const ok =
      statuses.every((s) => s === 200) &&
      out.status === 200 &&
      after.every((s) => s === 401) &&
      distinct.length >= 2;
    return {
      name: 'sessions and CSRF',
      ok,
      nodes: distinct,
      detail: `6 keep-alives (POST with the CSRF token) and 6 reads: ${[...new Set(statuses)].join('/')}; after signing out on ${servedBy(out)}: ${after.join(', ')} on the others`,
    };
  } finally {
    client.close();
  }
}

async function loginLimits(
  proxyUrl: string,
  logins: string[],
  perLogin: number,
  perIp: number,
): Promise<Check[]> {
  // Other client addresses than the load's (127.0.0.1), so that its sign-ins are not locked out.
  const byLogin = new HttpClient(proxyUrl, 1, { localAddress: '127.0.0.2' });
  const byIp = new HttpClient(proxyUrl, 1, { localAddress: '127.0.0.3' });
  try {
    const first = logins[0] as string;
    const tries = [];
    for (let i = 0; i <= perLogin; i++) tries.push(await attempt(byLogin, first, 'wrong-password-1'));
    const statuses = tries.map((t) => t.status);
    const loginOk = statuses.slice(0, perLogin).every((s) => s === 401) && statuses[perLogin] === 429;
    // A different login and a different forged X-Forwarded-For each time: only the address HAProxy
    // saw (127.0.0.3) can tie them together.
    const forged = [];
    for (let i = 0; i <= perIp; i++) {
      const login = logins[1 + (i % (logins.length - 1))] as string;
      forged.push(await attempt(byIp, login, 'wrong-password-1', `198.51.100.${i + 1}`));
    }
    const forgedStatuses = forged.map((t) => t.status);
    const ipOk = forgedStatuses.slice(0, perIp).every((s) => s === 401) && forgedStatuses[perIp] === 429;
    const nodesOf = (list: { nodes: string[] }[]) => [...new Set(list.flatMap((t) => t.nodes))].sort();
    return [
      {
        name: 'login limit per login',
        ok: loginOk && nodesOf(tries).length >= 2,
        nodes: nodesOf(tries),
        detail: `${perLogin + 1} wrong passwords for ${first}: ${statuses.join(', ')}`,
      },
      {
        name: 'login limit per address, X-Forwarded-For forged',
        ok: ipOk && nodesOf(forged).length >= 2,
        nodes: nodesOf(forged),
        detail: `${perIp + 1} wrong passwords for different logins, each with another forged X-Forwarded-For: ${forgedStatuses.join(', ')}`,
      },
    ];
  } finally {
    byLogin.close();
    byIp.close();
  }
}

async function exportWorker(proxyUrl: string, adminLogin: string, collectionId: number): Promise<Check> {
  const client = new HttpClient(proxyUrl, 1);
  try {
    const s = await signIn(client, adminLogin, BENCH_PASSWORD);
    const asked = await client.request(
      'POST',
      `/api/monitoring/collections/${collectionId}/exports`,
      s.headers,
      '{}',
    );
    const job = JSON.parse(asked.text) as { id: number };
    const nodes = [servedBy(asked)];
    const t = performance.now();
    let status = '';
    let size = 0;
    while (performance.now() - t < 120_000) {
      const r = await client.request('GET', `/api/exports/${job.id}`, { cookie: s.headers.cookie as string });
      nodes.push(servedBy(r));
      const body = JSON.parse(r.text) as { status: string; sizeBytes?: number };
      status = body.status;
      size = body.sizeBytes ?? 0;
      if (status === 'done' || status === 'failed') break;
      await new Promise((res) => setTimeout(res, 200));
    }
    const seconds = (performance.now() - t) / 1000;
    const file = await client.request('GET', `/api/exports/${job.id}/download`, {
      cookie: s.headers.cookie as string,
    });
    nodes.push(servedBy(file));
    const ok =
      asked.status === 202 &&
      status === 'done' &&
      file.status === 200 &&
      Number(file.headers['content-length']) === size;
    return {
      name: 'export worker',
      ok,
      nodes: [...new Set(nodes)].sort(),
      detail: `asked on ${nodes[0]}, ${status} after ${seconds.toFixed(1)} s of polling, downloaded from ${servedBy(file)}: ${file.status}, Content-Length ${file.headers['content-length']} of ${size} bytes`,
    };
  } finally {
    client.close();
  }
}

export async function crossNodeChecks(
  proxyUrl: string,
  opts: {
    logins: string[];
    responseId: number;
    adminLogin: string;
    collectionId: number;
    perLogin: number;
    perIp: number;
  },
): Promise<Check[]> {
  const [first, ...rest] = opts.logins;
  return [
    await sessionsAndCsrf(proxyUrl, first as string, opts.responseId),
    ...(await loginLimits(proxyUrl, rest, opts.perLogin, opts.perIp)),
    await exportWorker(proxyUrl, opts.adminLogin, opts.collectionId),
  ];
}

// A tiny browser stand-in for tests: keeps cookies, fetches the CSRF token like the web app
// does, and sends JSON or multipart requests to the real server over HTTP.
export type Response<T = any> = { status: number; headers: Headers; body: T; text: string };

export class Client {
  private cookies = new Map<string, string>();
  private csrf: string | null = null;

  constructor(readonly baseUrl: string) {}

  cookie(name: string) {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string) {
    this.cookies.set(name, value);
  }

  async request<T = any>(
    method: string,
    path: string,
    opts: {
      json?: unknown;
      body?: BodyInit;
      headers?: Record<string, string>;
      csrf?: boolean;
      /** false: leave a JSON answer as text (the fuzzer reads only the status). */
      parse?: boolean;
    } = {},
  ): Promise<Response<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    const unsafe = method !== 'GET' && method !== 'HEAD';
    // Fetch the token first: it also sets the secret cookie that must go with this request.
    if (unsafe && opts.csrf !== false) headers['x-csrf-token'] ??= await this.csrfToken();
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body = opts.body;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = (pair ?? '').indexOf('=');
      const name = (pair ?? '').slice(0, i);
      const value = (pair ?? '').slice(i + 1);
      if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    // Like the web app: a CSRF token is bound to the session, so signing in or out needs a new one.
    if (res.ok && (path === '/api/auth/login' || path === '/api/auth/logout')) this.csrf = null;
    const text = await res.text();
    let parsed: unknown = text;
    if (opts.parse !== false && (res.headers.get('content-type') ?? '').includes('json') && text)
      parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  async csrfToken(): Promise<string> {
    if (!this.csrf) {
      const res = await this.request<{ token: string }>('GET', '/api/auth/csrf');
      // A refused fetch (503 while the database is away) must not leave the client without a
      // token, sending writes that are then refused as forged instead of failing where it broke.
      if (res.status !== 200) throw new Error(`GET /api/auth/csrf: ${res.status} ${res.text.slice(0, 200)}`);
      this.csrf = res.body.token;
    }
    return this.csrf;
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, json?: unknown) {
    return this.request<T>('POST', path, { json: json ?? {} });
  }
  patch<T = any>(path: string, json: unknown) {
    return this.request<T>('PATCH', path, { json });
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
  upload<T = any>(
    path: string,
    file: { name: string; content: Uint8Array<ArrayBuffer> | string; type?: string },
    fields: Record<string, string> = {},
  ) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const bytes = typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content;
    form.append('file', new Blob([bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
    return this.request<T>('POST', path, { body: form });
  }

  async login(login: string, password = 'demo') {
    const res = await this.post('/api/auth/login', { login, password });
    if (res.status !== 200) throw new Error(`login ${login} failed: ${res.status} ${res.text}`);
    return this;
  }
}

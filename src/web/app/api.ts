// The one way the pages talk to the server: JSON over fetch (or, for an upload whose progress the
// page shows, over XMLHttpRequest: fetch reports no upload progress), the CSRF token on every
// write, and application/problem+json turned into an ApiError whose `detail` is a Russian message
// for the user. Every request, whichever carries it, goes through `request` and so through the
// same hooks: unauthorized, password change required, activity, and the CSRF retry.

export type FieldError = { path: string; message: string };

type ProblemBody = {
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
  [key: string]: unknown;
};

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** The whole answer, for endpoints that put more than a message in an error (the import report). */
  readonly body: ProblemBody;
  /** How long the server asked to wait before trying again (Retry-After on 429 and 503), if it said. */
  readonly retryAfterSeconds: number | null;

  constructor(status: number, body: ProblemBody, retryAfterSeconds: number | null = null) {
    const detail = body.detail ?? fallbackDetail(status);
    super(detail);
    this.status = status;
    this.title = body.title ?? 'error';
    this.detail = detail;
    this.errors = Array.isArray(body.errors) ? body.errors : [];
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Field errors keyed by the field's name: the server says `body/login` or `newPassword`. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) {
      const name = e.path.split(/[/.]/).filter(Boolean).pop() ?? '';
      if (name && !(name in out)) out[name] = e.message;
    }
    return out;
  }
}

function fallbackDetail(status: number): string {
  if (status === 0) return 'Нет связи с сервером. Проверьте подключение к сети и повторите попытку.';
  if (status >= 500) return 'Внутренняя ошибка сервера. Попробуйте ещё раз позже.';
  return 'Запрос не выполнен.';
}

export type ApiHooks = {
  /** The session is gone (401). */
  onUnauthorized?: () => void;
  /** A one-time password must be changed before anything else (403 password_change_required). */
  onPasswordChangeRequired?: () => void;
  /** A request that slides the session's idle expiry has succeeded. */
  onActivity?: () => void;
};

let hooks: ApiHooks = {};
export function setApiHooks(next: ApiHooks) {
  hooks = next;
}

// These two only read the session; they do not extend it (src/server/auth/routes.ts).
const PASSIVE_PATHS = ['/api/auth/session', '/api/auth/csrf'];

/** Milliseconds the server's clock is ahead of ours, from the Date header; small skews count as none. */
let serverClockOffsetMs = 0;
export function serverClockOffset(): number {
  return serverClockOffsetMs;
}
function noteServerDate(response: Response) {
  const header = response.headers.get('date');
  const serverNow = header ? Date.parse(header) : Number.NaN;
  if (Number.isNaN(serverNow)) return;
  const offset = serverNow - Date.now();
  // The header has one-second precision: anything this small is rounding, not skew.
  serverClockOffsetMs = Math.abs(offset) < 2000 ? 0 : offset;
}

// The server binds a token to the session it was handed out in (or to the signed-out state), so it
// is forgotten whenever the session changes: after signing in or out, and when the session is gone.
let csrfToken: Promise<string> | null = null;
const SESSION_CHANGING_PATHS = ['/api/auth/login', '/api/auth/logout'];

function getCsrfToken(): Promise<string> {
  if (!csrfToken) {
    csrfToken = request<{ token: string }>('/api/auth/csrf', { method: 'GET' }, { retryCsrf: false }).then(
      (r) => r.token,
      (err: unknown) => {
        csrfToken = null;
        throw err;
      },
    );
  }
  return csrfToken;
}

function isCsrfRefusal(err: unknown) {
  return err instanceof ApiError && err.status === 403 && err.title === 'csrf';
}

export type RequestOptions = {
  /** The login form handles its own 401 («Неверный логин или пароль.»). */
  skipAuthRedirect?: boolean;
  retryCsrf?: boolean;
  /** The answer is a file: resolve to a `DownloadedFile` instead of parsing JSON. */
  asFile?: boolean;
};

/** A file a write answered with (a POST that sends its result once), for the page to save. */
export type DownloadedFile = { blob: Blob; fileName: string | null; headers: Headers };

/** The name in Content-Disposition: `filename*=UTF-8''…` first, else the plain `filename="…"`. */
function fileNameOf(response: Response): string | null {
  const header = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // Falls back to the plain name.
    }
  }
  return /filename="([^"]*)"/i.exec(header)?.[1] ?? null;
}

/** What carries a request to the server and brings its answer back. */
type Transport = (
  path: string,
  init: RequestInit & { method: string; headers: Headers },
) => Promise<Response>;

const viaFetch: Transport = (path, init) => fetch(path, { ...init, credentials: 'same-origin' });

/** XMLHttpRequest, reporting the share of the body sent (0–1) as it goes. */
function viaXhr(onProgress: (share: number) => void): Transport {
  return (path, init) =>
    new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(init.method, path);
      for (const [name, value] of init.headers) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) onProgress(1);
        const empty = xhr.status === 204 || xhr.status === 205 || xhr.status === 304;
        resolve(
          new Response(empty ? null : xhr.responseText, {
            status: xhr.status,
            headers: headersOf(xhr.getAllResponseHeaders()),
          }),
        );
      };
      xhr.onerror = () => reject(new TypeError('network'));
      xhr.send((init.body ?? null) as XMLHttpRequestBodyInit | null);
    });
}

function headersOf(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

async function request<T>(
  path: string,
  init: RequestInit,
  options: RequestOptions = {},
  transport: Transport = viaFetch,
): Promise<T> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json, application/problem+json');
  if (method !== 'GET' && method !== 'HEAD') headers.set('X-CSRF-Token', await getCsrfToken());

  let response: Response;
  try {
    response = await transport(path, { ...init, method, headers });
  } catch {
    throw new ApiError(0, { title: 'network' });
  }
  noteServerDate(response);

  const bare = path.split('?')[0] ?? '';
  if (response.ok) {
    if (SESSION_CHANGING_PATHS.includes(bare)) csrfToken = null;
    if (!PASSIVE_PATHS.includes(bare)) hooks.onActivity?.();
    if (response.status === 204) return undefined as T;
    if (options.asFile) {
      const file: DownloadedFile = {
        blob: await response.blob(),
        fileName: fileNameOf(response),
        headers: response.headers,
      };
      return file as T;
    }
    return (await response.json()) as T;
  }

  const error = new ApiError(response.status, await readProblem(response), retryAfterOf(response));
  if (isCsrfRefusal(error) && options.retryCsrf !== false) {
    // The session changed since the token was fetched, or its cookie expired: fetch a fresh one
    // and try once more.
    csrfToken = null;
    return request<T>(path, init, { ...options, retryCsrf: false }, transport);
  }
  if (error.status === 401) csrfToken = null;
  if (error.status === 401 && !options.skipAuthRedirect) hooks.onUnauthorized?.();
  if (error.status === 403 && error.title === 'password_change_required') hooks.onPasswordChangeRequired?.();
  throw error;
}

/** Retry-After as seconds: a number of seconds, or an HTTP date. */
function retryAfterOf(response: Response): number | null {
  const header = response.headers.get('retry-after');
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

async function readProblem(response: Response): Promise<ProblemBody> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return {};
  try {
    const body: unknown = await response.json();
    return body && typeof body === 'object' ? (body as ProblemBody) : {};
  } catch {
    return {};
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** `/api/x?a=1`, leaving out empty values so that "all" filters do not reach the server. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function jsonInit(method: string, body: unknown): RequestInit {
  if (body === undefined) return { method };
  return { method, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } };
}

export const api = {
  get: <T>(path: string, query?: Query, options?: RequestOptions) =>
    request<T>(withQuery(path, query), { method: 'GET' }, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>(path, jsonInit('POST', body), options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>(path, jsonInit('PATCH', body), options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>(path, jsonInit('PUT', body), options),
  delete: (path: string, options?: RequestOptions) => request<void>(path, { method: 'DELETE' }, options),
  /** A POST whose answer is a file, sent once (one-time passwords): the page saves it. */
  postForFile: (path: string, body: unknown, options?: RequestOptions) =>
    request<DownloadedFile>(path, jsonInit('POST', body), { ...options, asFile: true }),
  /** multipart/form-data: the browser sets the boundary, so no Content-Type here. */
  upload: <T>(path: string, form: FormData, options?: RequestOptions) =>
    request<T>(path, { method: 'POST', body: form }, options),
  /** One file as multipart `file`, reporting the share sent (0–1) as it goes. */
  uploadWithProgress: <T>(
    path: string,
    file: File,
    onProgress: (share: number) => void,
    options?: RequestOptions,
  ) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<T>(path, { method: 'POST', body: form }, options, viaXhr(onProgress));
  },
};

/** The message to show for any error thrown by a request or a page. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  return 'Что-то пошло не так. Обновите страницу и попробуйте ещё раз.';
}

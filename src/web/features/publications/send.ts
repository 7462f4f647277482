// The two requests app/api.ts does not make: DELETE, and an upload whose progress the page can
// show (fetch reports no upload progress; XMLHttpRequest does). Errors come back as the same
// ApiError, with the server's Russian `detail`.
import { ApiError, api } from '../../app/api.js';

let token: Promise<string> | null = null;
function csrfToken(): Promise<string> {
  token ??= api.get<{ token: string }>('/api/auth/csrf').then(
    (r) => r.token,
    (err: unknown) => {
      token = null;
      throw err;
    },
  );
  return token;
}

async function problemOf(status: number, text: string): Promise<ApiError> {
  try {
    return new ApiError(status, JSON.parse(text));
  } catch {
    return new ApiError(status, {});
  }
}

export async function sendDelete(url: string): Promise<void> {
  const res = await fetch(url, {
    method: 'DELETE',
    headers: { 'X-CSRF-Token': await csrfToken(), Accept: 'application/json, application/problem+json' },
    credentials: 'same-origin',
  }).catch(() => null);
  if (!res) throw new ApiError(0, { title: 'network' });
  if (!res.ok) throw await problemOf(res.status, await res.text());
}

/** Sends one file as multipart `file`, reporting the share sent (0–1) as it goes. */
export async function uploadFile<T>(
  url: string,
  file: File,
  onProgress: (share: number) => void,
): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const csrf = await csrfToken();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = async () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(JSON.parse(xhr.responseText) as T);
      } else {
        reject(await problemOf(xhr.status, xhr.responseText));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, { title: 'network' }));
    xhr.send(form);
  });
}

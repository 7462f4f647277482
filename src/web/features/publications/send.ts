// The two requests app/api.ts does not make: DELETE, and an upload whose progress the page can
// show (fetch reports no upload progress; XMLHttpRequest does). Errors come back as the same
// ApiError, with the server's Russian `detail`.
import { ApiError, withCsrfToken } from '../../app/api.js';

async function problemOf(status: number, text: string): Promise<ApiError> {
  try {
    return new ApiError(status, JSON.parse(text));
  } catch {
    return new ApiError(status, {});
  }
}

export function sendDelete(url: string): Promise<void> {
  return withCsrfToken(async (csrf) => {
    const res = await fetch(url, {
      method: 'DELETE',
      headers: { 'X-CSRF-Token': csrf, Accept: 'application/json, application/problem+json' },
      credentials: 'same-origin',
    }).catch(() => null);
    if (!res) throw new ApiError(0, { title: 'network' });
    if (!res.ok) throw await problemOf(res.status, await res.text());
  });
}

/** Sends one file as multipart `file`, reporting the share sent (0–1) as it goes. */
export function uploadFile<T>(url: string, file: File, onProgress: (share: number) => void): Promise<T> {
  return withCsrfToken((csrf) => sendFile<T>(url, file, csrf, onProgress));
}

function sendFile<T>(url: string, file: File, csrf: string, onProgress: (share: number) => void): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
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

// Files chosen in the editor: checked at once against the same rules the server applies, then
// sent one request per file so that each shows its own progress.
import { useState } from 'react';
import type { PublicationFile } from '../../../shared/api/publications.js';
import { ACCEPTED_EXTENSIONS, MAX_FILE_BYTES } from '../../../shared/publication-rules.js';
import { api, errorMessage } from '../../app/api.js';

export type Upload = {
  key: string;
  file: File;
  progress: number;
  state: 'waiting' | 'sending' | 'done' | 'failed';
  error?: string;
};

/** The server's message for a file it would refuse, or null. */
export function fileProblem(file: File): string | null {
  const dot = file.name.lastIndexOf('.');
  const ext = dot < 0 ? '' : file.name.slice(dot + 1).toLowerCase();
  const accepted = (ACCEPTED_EXTENSIONS as readonly string[]).includes(ext === 'jpeg' ? 'jpg' : ext);
  if (!accepted) {
    return `Файлы ${ext ? `типа .${ext}` : 'без расширения'} не принимаются. Допустимые типы: ${ACCEPTED_EXTENSIONS.join(', ')}.`;
  }
  if (file.size > MAX_FILE_BYTES) return 'Файл больше 50 МБ.';
  if (file.size === 0) return 'Файл пустой (0 байт): выберите файл с содержимым.';
  return null;
}

let counter = 0;

export function useUploads() {
  const [items, setItems] = useState<Upload[]>([]);
  const update = (key: string, patch: Partial<Upload>) =>
    setItems((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  function add(files: FileList | File[]) {
    const next = [...files].map((file): Upload => {
      const problem = fileProblem(file);
      counter += 1;
      return {
        key: `u${counter}`,
        file,
        progress: 0,
        state: problem ? 'failed' : 'waiting',
        error: problem ?? undefined,
      };
    });
    setItems((list) => [...list, ...next]);
  }

  const remove = (key: string) => setItems((list) => list.filter((u) => u.key !== key));

  /** Sends every waiting file in turn; true when none failed. */
  async function sendAll(publicationId: number): Promise<boolean> {
    let ok = true;
    for (const u of items) {
      if (u.state === 'failed') ok = false;
      if (u.state !== 'waiting') continue;
      update(u.key, { state: 'sending', progress: 0 });
      try {
        await api.uploadWithProgress<PublicationFile>(
          `/api/publications/${publicationId}/files`,
          u.file,
          (progress) => update(u.key, { progress }),
        );
        update(u.key, { state: 'done', progress: 1 });
      } catch (err) {
        ok = false;
        update(u.key, { state: 'failed', error: errorMessage(err) });
      }
    }
    return ok;
  }

  return { items, add, remove, sendAll };
}

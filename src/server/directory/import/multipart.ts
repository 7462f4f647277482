// Reads an import request: the `file` part into memory (the size limit is the multipart plugin's
// fileSize) and the optional `mode` field, which browsers may send before or after the file.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { multipartError } from '../../http/multipart.js';
import { Problem } from '../../http/problem.js';
import { IMPORT_MODES } from './report.js';
import type { Upload } from './service.js';

const Mode = z.enum(IMPORT_MODES);

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} МБ`;
  if (n >= 1024) return `${Math.round(n / 1024)} КБ`;
  return `${n} байт`;
}

export async function readUpload(request: FastifyRequest, limitBytes: number): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new Problem(
      415,
      'unsupported_media_type',
      'Отправьте файл формой multipart/form-data в поле «file».',
    );
  }
  let file: { fileName: string; bytes: Buffer } | undefined;
  let truncated = false;
  let mode: string | undefined;
  // Read every part even after an oversized file, so that the client gets the answer rather than
  // a connection reset while it is still sending.
  // throwFileSizeLimit is honoured by parts() at run time, but its typings only list busboy's options.
  const options = { throwFileSizeLimit: false } as Parameters<FastifyRequest['parts']>[0];
  try {
    for await (const part of request.parts(options)) {
      if (part.type === 'file') {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        if (part.fieldname !== 'file') continue;
        truncated ||= part.file.truncated;
        file = { fileName: part.filename ?? '', bytes: Buffer.concat(chunks) };
      } else if (part.fieldname === 'mode') {
        mode = String(part.value);
      }
    }
  } catch (err) {
    throw multipartError(err);
  }
  if (truncated) {
    throw new Problem(
      413,
      'payload_too_large',
      `Файл больше допустимого размера (${formatBytes(limitBytes)}): разделите его на несколько файлов.`,
    );
  }
  if (!file) {
    throw Problem.badRequest('Приложите файл для импорта.', [
      { path: 'file', message: 'Обязательное поле.' },
    ]);
  }
  const parsed = Mode.safeParse(mode ?? 'all');
  if (!parsed.success) {
    const message = 'Режим импорта: all (все строки или ничего) или valid-only (только корректные строки).';
    throw Problem.badRequest(message, [{ path: 'mode', message }]);
  }
  return { ...file, mode: parsed.data };
}

// Reads the `file` part of a «Загрузить из Excel» request into memory. The multipart plugin stops a
// file at IMPORT_LIMIT_BYTES (app.ts), as for the directory import; what it unpacks to is checked
// next, streaming, by the import's zip-bomb guard (upload-read.ts).
import type { FastifyRequest } from 'fastify';
import { formatBytes } from '../directory/import/multipart.js';
import { multipartError } from '../http/multipart.js';
import { Problem } from '../http/problem.js';
import { UploadRefusal } from './upload-refusal.js';

export async function readFormUpload(request: FastifyRequest, limitBytes: number): Promise<Buffer> {
  if (!request.isMultipart()) {
    throw new Problem(
      415,
      'unsupported_media_type',
      'Отправьте файл формой multipart/form-data в поле «file».',
    );
  }
  let file: Buffer | undefined;
  let truncated = false;
  // Every part is read, even after an oversized file, so that the client hears the answer rather
  // than a connection reset while it is still sending. throwFileSizeLimit is honoured by parts()
  // at run time, but its typings only list busboy's options.
  const options = { throwFileSizeLimit: false } as Parameters<FastifyRequest['parts']>[0];
  try {
    for await (const part of request.parts(options)) {
      if (part.type !== 'file') continue;
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      if (part.fieldname !== 'file') continue;
      truncated ||= part.file.truncated;
      file = Buffer.concat(chunks);
    }
  } catch (err) {
    throw multipartError(err);
  }
  if (truncated) {
    throw new UploadRefusal(
      'file_too_large',
      `Файл больше допустимого размера (${formatBytes(limitBytes)}). Загрузите файл формы, скачанный на этой странице.`,
      413,
    );
  }
  if (!file) {
    throw Problem.badRequest('Выберите файл формы (.xlsx), скачанный кнопкой «Скачать форму в Excel».', [
      { path: 'file', message: 'Обязательное поле.' },
    ]);
  }
  return file;
}

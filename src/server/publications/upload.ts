// Receives one attachment from a multipart request and hands its content on as a stream of
// pieces, checked as they pass: the name and extension before any byte, the signature on the
// first bytes, the size limit and emptiness at the end. Nothing is buffered beyond one piece.
// Whatever is refused, the rest of the request is still read (and discarded) so that the client
// gets our answer instead of a reset connection.
import { finished } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { ACCEPTED_EXTENSIONS, MAX_FILE_BYTES } from '../../shared/publications.js';
import { multipartError } from '../http/multipart.js';
import { Problem } from '../http/problem.js';
import { cleanFileName } from './file-names.js';
import {
  extensionOf,
  type FileType,
  fileTypeOf,
  matchesSignature,
  SIGNATURE_BYTES,
  signatureName,
} from './file-types.js';

export type IncomingFile = { name: string; type: FileType; content: AsyncIterable<Buffer> };

// Room for the multipart envelope around the file (boundaries, part headers) when judging a
// request by its Content-Length before reading it.
const ENVELOPE_BYTES = 64 * 1024;

export const tooLarge = () => new Problem(413, 'payload_too_large', 'Файл больше 50 МБ.');

/**
 * Hands the request's `file` part to `accept` (which stores it), and returns what `accept`
 * returned once the whole request has been read. If the request then turns out bad (a second
 * file, a broken body), `discard` undoes what `accept` stored.
 */
export async function receiveUpload<T>(
  request: FastifyRequest,
  accept: (file: IncomingFile) => Promise<T>,
  discard: (stored: T) => Promise<void>,
): Promise<T> {
  if (!request.isMultipart()) {
    throw new Problem(
      415,
      'unsupported_media_type',
      'Отправьте файл формой multipart/form-data в поле «file».',
    );
  }
  // A request that announces more than the limit is refused before a byte of it is read.
  if (Number(request.headers['content-length']) > MAX_FILE_BYTES + ENVELOPE_BYTES) throw tooLarge();
  let outcome: { value: T } | { error: unknown } | undefined;
  // throwFileSizeLimit is honoured by parts() at run time, but its typings only list busboy's options.
  const options = {
    limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, parts: 6 },
    throwFileSizeLimit: false,
  } as Parameters<FastifyRequest['parts']>[0];
  try {
    for await (const part of request.parts(options)) {
      if (part.type !== 'file') continue;
      if (!outcome && part.fieldname === 'file') {
        outcome = await (async () => accept(incoming(part)))().then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );
      }
      part.file.resume();
      await finished(part.file).catch(() => {});
    }
  } catch (err) {
    if (outcome && 'value' in outcome) await discard(outcome.value);
    throw multipartError(err);
  }
  if (!outcome) {
    throw Problem.badRequest('Приложите файл.', [{ path: 'file', message: 'Обязательное поле.' }]);
  }
  // A file cut off mid-part fails `accept` with the parser's error, and may end the parts quietly.
  if ('error' in outcome) throw multipartError(outcome.error);
  return outcome.value;
}

function incoming(part: MultipartFile): IncomingFile {
  const name = cleanFileName(part.filename ?? '');
  if (!name) throw fileProblem(400, 'У файла нет имени.');
  if (name.length > 255) throw fileProblem(400, 'Имя файла длиннее 255 символов: сократите его.');
  const ext = extensionOf(name);
  const type = fileTypeOf(ext);
  if (!type) {
    throw fileProblem(
      415,
      `Файлы ${ext ? `типа .${ext}` : 'без расширения'} не принимаются. Допустимые типы: ${ACCEPTED_EXTENSIONS.join(', ')}.`,
    );
  }
  return { name, type, content: checkedContent(part, ext, type) };
}

async function* checkedContent(part: MultipartFile, ext: string, type: FileType): AsyncGenerator<Buffer> {
  let head: Buffer | null = Buffer.alloc(0);
  let size = 0;
  // Not destroyed when we stop early: receiveUpload still drains it so the client gets the answer.
  for await (const piece of part.file.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += piece.length;
    if (head) {
      head = Buffer.concat([head, piece]);
      if (head.length < SIGNATURE_BYTES) continue;
      checkSignature(type, ext, head);
      yield head;
      head = null;
    } else {
      yield piece;
    }
  }
  if (part.file.truncated) throw tooLarge();
  if (size === 0) throw fileProblem(400, 'Файл пустой (0 байт): выберите файл с содержимым.');
  if (head) {
    checkSignature(type, ext, head);
    yield head;
  }
}

function checkSignature(type: FileType, ext: string, head: Buffer) {
  if (!matchesSignature(type, head)) {
    throw fileProblem(
      415,
      `Содержимое файла не соответствует расширению .${ext}: ожидался ${signatureName(type)}.`,
    );
  }
}

function fileProblem(status: 400 | 415, message: string) {
  const code = status === 415 ? 'unsupported_media_type' : 'bad_request';
  return new Problem(status, code, message, { errors: [{ path: 'file', message }] });
}

// What a broken multipart body turns into. busboy (under @fastify/multipart) reports a missing or
// absurd boundary and a body cut off as plain Errors, with neither an HTTP status nor a code;
// left alone they would answer 500. The routes that read files pass their errors through here.
import { Problem } from './problem.js';

export function brokenMultipart() {
  return Problem.badRequest('Запрос multipart/form-data повреждён или оборван. Отправьте файл ещё раз.');
}

/**
 * An error met while reading a multipart body, as the client should hear it: the parser's own
 * errors become 400; HTTP errors (limits, our Problems) and the server's (the database's, the
 * system's, all with a `code`) stay as they are.
 */
export function multipartError(err: unknown): unknown {
  if (!(err instanceof Error) || err instanceof Problem) return err;
  if ('statusCode' in err || 'code' in err) return err;
  return brokenMultipart();
}

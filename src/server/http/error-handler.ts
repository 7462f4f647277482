// Renders every error as application/problem+json (RFC 9457) with a Russian `detail`.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { brokenMultipart } from './multipart.js';
import { isDatabaseUnavailable, isPgError, pgErrorToProblem } from './pg-errors.js';
import { type FieldError, Problem } from './problem.js';

const FASTIFY_CODES: Record<string, Problem> = {
  FST_ERR_CTP_BODY_TOO_LARGE: new Problem(413, 'payload_too_large', 'Слишком большой запрос.'),
  FST_REQ_FILE_TOO_LARGE: new Problem(413, 'payload_too_large', 'Файл слишком большой.'),
  FST_PARTS_LIMIT: new Problem(413, 'payload_too_large', 'Слишком много частей в запросе.'),
  FST_FILES_LIMIT: new Problem(413, 'payload_too_large', 'Слишком много файлов в запросе.'),
  FST_FIELDS_LIMIT: new Problem(
    413,
    'payload_too_large',
    'Слишком много полей в запросе: отправьте только файл и его параметры.',
  ),
  FST_PROTO_VIOLATION: Problem.badRequest('Недопустимое имя поля в запросе.'),
  FST_MP_PREMATURE_CLOSE: brokenMultipart(),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: new Problem(
    415,
    'unsupported_media_type',
    'Неподдерживаемый тип содержимого.',
  ),
  FST_ERR_CTP_EMPTY_JSON_BODY: new Problem(400, 'bad_request', 'Пустое тело запроса.'),
  FST_ERR_CTP_INVALID_JSON_BODY: new Problem(400, 'bad_request', 'Тело запроса не является корректным JSON.'),
  FST_CSRF_INVALID_TOKEN: new Problem(
    403,
    'csrf',
    'Запрос отклонён защитой от подделки (CSRF). Обновите страницу.',
  ),
  FST_CSRF_MISSING_SECRET: new Problem(
    403,
    'csrf',
    'Запрос отклонён защитой от подделки (CSRF). Обновите страницу.',
  ),
};

function toProblem(err: FastifyError): Problem {
  if (err instanceof Problem) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors: FieldError[] = err.validation.map((v) => ({
      path: `${err.validationContext ?? ''}${v.instancePath}`,
      message: v.message ?? 'Неверное значение.',
    }));
    return Problem.badRequest('Запрос содержит ошибки.', errors);
  }
  const known = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (known) return known;
  if (err instanceof SyntaxError && err.statusCode === 400)
    return FASTIFY_CODES.FST_ERR_CTP_INVALID_JSON_BODY as Problem;
  if (isDatabaseUnavailable(err)) return Problem.unavailable();
  if (isPgError(err)) {
    const p = pgErrorToProblem(err);
    if (p) return p;
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new Problem(err.statusCode, 'bad_request', 'Некорректный запрос.');
  }
  return new Problem(500, 'internal', 'Внутренняя ошибка сервера. Попробуйте ещё раз позже.');
}

export function sendProblem(reply: import('fastify').FastifyReply, problem: Problem) {
  if (typeof problem.extra.retryAfterSeconds === 'number') {
    reply.header('Retry-After', String(problem.extra.retryAfterSeconds));
  }
  return reply
    .status(problem.status)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: `about:blank#${problem.code}`,
      title: problem.code,
      status: problem.status,
      detail: problem.message,
      ...problem.extra,
    });
}

export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const problem = toProblem(err);
    if (problem.status === 503)
      request.log.warn({ err: { message: err.message, code: err.code } }, 'database unavailable');
    else if (problem.status >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ code: problem.code, status: problem.status }, problem.message);
    return sendProblem(reply, problem);
  });
}

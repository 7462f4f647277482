// One error type with stable codes. Services throw Problem; http/error-handler.ts renders every
// error, ours or Fastify's or Postgres's, as application/problem+json with a Russian message.

export type FieldError = { path: string; message: string };

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  static badRequest(message: string, errors?: FieldError[]) {
    return new Problem(400, 'bad_request', message, errors ? { errors } : {});
  }
  static unauthorized(message = 'Требуется вход в систему.') {
    return new Problem(401, 'unauthorized', message);
  }
  static forbidden(message = 'Недостаточно прав для этого действия.') {
    return new Problem(403, 'forbidden', message);
  }
  /** Also the answer for an object outside the user's scope: it must look exactly like a missing one. */
  static notFound(message = 'Объект не найден.') {
    return new Problem(404, 'not_found', message);
  }
  static conflict(message: string, extra: Record<string, unknown> = {}) {
    return new Problem(409, 'conflict', message, extra);
  }
  static unprocessable(message: string, extra: Record<string, unknown> = {}) {
    return new Problem(422, 'unprocessable', message, extra);
  }
  /** The database cannot be reached just now; the client should try again after `retryAfterSeconds`. */
  static unavailable(retryAfterSeconds = 5) {
    return new Problem(
      503,
      'unavailable',
      'Сервис временно недоступен. Повторите попытку через несколько секунд.',
      { retryAfterSeconds },
    );
  }
  static tooManyRequests(message: string, retryAfterSeconds: number) {
    return new Problem(429, 'too_many_requests', message, { retryAfterSeconds });
  }
}

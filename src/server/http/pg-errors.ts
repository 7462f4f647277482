// Postgres constraint violations, translated once into Problems the user can act on.
import { Problem } from './problem.js';

type PgError = { code?: string; constraint?: string; detail?: string };

const CONSTRAINT_MESSAGES: Record<string, string> = {
  users_login_idx: 'Пользователь с таким логином уже существует.',
  organizations_code_key: 'Организация с таким кодом уже существует.',
  municipalities_code_key: 'Муниципалитет с таким кодом уже существует.',
  users_scope_matches_role: 'Область доступа не соответствует роли пользователя.',
};

export function isPgError(err: unknown): err is PgError {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as PgError).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((err as PgError).code ?? '')
  );
}

export function pgErrorToProblem(err: PgError): Problem | null {
  const known = err.constraint ? CONSTRAINT_MESSAGES[err.constraint] : undefined;
  switch (err.code) {
    case '23505': // unique_violation
      return Problem.conflict(known ?? 'Такая запись уже существует.');
    case '23503': // foreign_key_violation
      return Problem.unprocessable(known ?? 'Ссылка на несуществующую запись.');
    case '23514': // check_violation
    case '23502': // not_null_violation
      return Problem.unprocessable(known ?? 'Значение нарушает ограничения данных.');
    case '22001': // string_data_right_truncation
      return Problem.badRequest('Значение слишком длинное.');
    case '22P02': // invalid_text_representation
      return Problem.badRequest('Неверный формат значения.');
    default:
      return null;
  }
}

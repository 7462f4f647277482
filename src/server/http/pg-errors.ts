// Postgres constraint violations and refused values, translated once into Problems the user can act on.
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
    // The last line behind http/text-guard.ts and the bounded ids of the schemas: an input that
    // got past them is still the client's mistake, not the server's.
    case '22021': // character_not_in_repertoire: a NUL in text
    case '22P05': // untranslatable_character: a NUL in jsonb
      return Problem.badRequest('Текст содержит недопустимый символ (нулевой байт или битый символ).');
    case '22003': // numeric_value_out_of_range
      return Problem.badRequest('Число вне допустимого диапазона.');
    default:
      return null;
  }
}

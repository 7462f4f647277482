// Postgres constraint violations and refused values, translated once into Problems the user can act on.
import { Problem } from './problem.js';

type PgError = { code?: string; constraint?: string; detail?: string };

const CONSTRAINT_MESSAGES: Record<string, string> = {
  users_login_idx: 'Пользователь с таким логином уже существует.',
  organizations_code_key: 'Организация с таким кодом уже существует.',
  municipalities_code_key: 'Муниципалитет с таким кодом уже существует.',
  users_scope_matches_role: 'Область доступа не соответствует роли пользователя.',
};

/**
 * The database is down, restarting, failing over, or gave up on a statement that a retry may well
 * get through: answered 503 with Retry-After, which the browser's autosave queue waits out and
 * resends. Never a 500: nothing is wrong with the request.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    // 08: connection exception; 57P01-03: shut down or starting; 53300: too many connections;
    // 57014: statement timeout; 55P03: lock timeout; 25P03: idle-in-transaction timeout;
    // 40001/40P01: serialization failure or deadlock, which a retry resolves; 25006: a read-only
    // database (after a failover, DATABASE_URL leads to a demoted primary or a standby).
    if (/^08/.test(code) || RETRYABLE_PG_CODES.has(code)) return true;
    if (NETWORK_CODES.has(code)) return true;
  }
  return typeof message === 'string' && LOST_CONNECTION_MESSAGES.some((m) => message.startsWith(m));
}

const RETRYABLE_PG_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '57014',
  '55P03',
  '25P03',
  '40001',
  '40P01',
  '25006',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
// What pg and pg-pool say when a connection is gone or cannot be had; they set no code.
const LOST_CONNECTION_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
];

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

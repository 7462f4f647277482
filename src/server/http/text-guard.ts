// Refuses, for every route at once, text that PostgreSQL cannot store: a NUL character (U+0000;
// text and jsonb refuse it with 22021 / 22P05) and a lone UTF-16 surrogate (no UTF-8 form: the
// driver would silently store U+FFFD instead). Every string of the path parameters, the query and
// a JSON body is checked, object keys too, before the route's schema runs, so no route can forget.
// Files are another way in: the import checks their cells itself (directory/import/xlsx.ts).
import type { FastifyInstance } from 'fastify';
import { type FieldError, Problem } from './problem.js';

// A NUL, or a high surrogate not followed by a low one, or a low one not preceded by a high one.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the NUL is exactly what it looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

type Found = { path: string[]; char: string };

/** The first character of `text` that PostgreSQL cannot store, or null. */
export function unstorableChar(text: string): string | null {
  return UNSTORABLE.exec(text)?.[0] ?? null;
}

/** A place in the walked value: its key and its parent, so that a path is built only when needed. */
type Place = { key: string; parent: Place | null; depth: number };

function pathOf(place: Place | null): string[] {
  const path: string[] = [];
  for (let p = place; p; p = p.parent) path.push(p.key);
  return path.reverse();
}

/** No request the portal understands nests deeper than this; deeper JSON is refused outright. */
export const MAX_JSON_DEPTH = 32;

/**
 * The first string (or key) in `value` with an unstorable character, walked without recursion
 * and without copying paths (a body nested 100,000 deep cost seconds per level of copying).
 * `tooDeep` when it nests deeper than MAX_JSON_DEPTH.
 */
export function findUnstorableText(value: unknown): Found | 'tooDeep' | null {
  const stack: { value: unknown; place: Place | null }[] = [{ value, place: null }];
  while (stack.length) {
    const item = stack.pop() as { value: unknown; place: Place | null };
    if (typeof item.value === 'string') {
      const char = unstorableChar(item.value);
      if (char) return { path: pathOf(item.place), char };
    } else if (item.value && typeof item.value === 'object') {
      const depth = (item.place?.depth ?? 0) + 1;
      if (depth > MAX_JSON_DEPTH) return 'tooDeep';
      for (const [key, child] of Object.entries(item.value)) {
        const place = { key, parent: item.place, depth };
        const char = unstorableChar(key);
        if (char) return { path: pathOf(place), char };
        stack.push({ value: child, place });
      }
    }
  }
  return null;
}

/** What the character is, for a Russian message: «нулевой байт (U+0000)». */
export function describeUnstorable(char: string) {
  return char === '\u0000' ? 'нулевой байт (U+0000)' : 'одиночный суррогат UTF-16 (битый символ)';
}

/** `changes/0/value`, with the offending characters of a key made visible. */
function shownPath(path: string[]) {
  return path.map((p) => p.replace(new RegExp(UNSTORABLE, 'g'), '�')).join('/');
}

export function unstorableTextProblem(context: string, found: Found): Problem {
  const field = shownPath(found.path);
  const what = describeUnstorable(found.char);
  const error: FieldError = { path: `${context}/${field}`, message: `Недопустимый символ: ${what}.` };
  const where = field ? `Поле «${field}»` : 'Запрос';
  return Problem.badRequest(`${where} содержит недопустимый символ: ${what}. Удалите его и повторите.`, [
    error,
  ]);
}

export function installTextGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const parts = { params: request.params, querystring: request.query, body: request.body };
    for (const [context, value] of Object.entries(parts)) {
      const found = findUnstorableText(value);
      if (found === 'tooDeep') throw Problem.badRequest('Запрос содержит слишком глубоко вложенные данные.');
      if (found) throw unstorableTextProblem(context, found);
    }
  });
}

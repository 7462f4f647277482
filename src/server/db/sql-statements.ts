// Splits an SQL file into its statements, for migrations that run outside a transaction: sent as
// one query, several statements would run as one implicit transaction, where CREATE INDEX
// CONCURRENTLY is refused. A semicolon ends a statement unless it is inside a quoted string or
// identifier, a dollar-quoted body, or a comment.

/** Where the quoted or commented text that starts at `i` ends (the index just after it), or undefined. */
function skipQuoted(text: string, i: number): number | undefined {
  const c = text[i];
  const next = text[i + 1];
  if (c === '-' && next === '-') {
    const end = text.indexOf('\n', i);
    return end === -1 ? text.length : end + 1;
  }
  if (c === '/' && next === '*') return skipBlockComment(text, i);
  if (c === "'" || c === '"') return skipString(text, i, isEscapeString(text, i));
  if (c === '$') {
    const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i))?.[0];
    // $1 is a parameter, not a quote; a tag only starts a body where an identifier cannot go on.
    if (tag && !/[A-Za-z0-9_]/.test(text[i - 1] ?? '')) {
      const end = text.indexOf(tag, i + tag.length);
      return end === -1 ? text.length : end + tag.length;
    }
  }
  return undefined;
}

/** Block comments nest in PostgreSQL. */
function skipBlockComment(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return text.length;
}

/** E'…' strings take backslash escapes; in the others a quote is escaped by doubling it. */
function isEscapeString(text: string, i: number): boolean {
  return text[i] === "'" && /(^|[^A-Za-z0-9_])[eE]$/.test(text.slice(Math.max(0, i - 2), i));
}

function skipString(text: string, start: number, backslashes: boolean): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    if (backslashes && text[i] === '\\') i += 2;
    else if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}

/** The statements of `text`, trimmed, without empty ones (comments alone are dropped too). */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let hasCode = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const skipped = skipQuoted(text, i);
    if (skipped !== undefined) {
      // A comment alone does not make a statement; a string does.
      if (!(c === '-' || c === '/')) hasCode = true;
      i = skipped;
      continue;
    }
    if (c === ';') {
      if (hasCode) out.push(text.slice(start, i).trim());
      start = i + 1;
      hasCode = false;
    } else if (!/\s/.test(c)) hasCode = true;
    i++;
  }
  if (hasCode) out.push(text.slice(start).trim());
  return out;
}

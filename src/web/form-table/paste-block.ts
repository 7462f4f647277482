// A block copied from Excel or LibreOffice Calc arrives as text: cells split by tabs, lines by
// "\r\n" (with one at the very end), and a cell holding a tab, a line break or a quote wrapped
// in quotes with inner quotes doubled.

/** The block's lines and cells, or null when the text is one plain value (pasted as usual). */
export function parseClipboardBlock(text: string): string[][] | null {
  if (!/[\t\r\n]/.test(text)) return null;
  const lines: string[][] = [];
  let line: string[] = [];
  let i = 0;
  const s = text.replace(/\r\n?/g, '\n');
  while (i <= s.length) {
    let cell: string;
    if (s[i] === '"') {
      const quoted = readQuoted(s, i);
      if (quoted) {
        cell = quoted.value;
        i = quoted.end;
      } else {
        ({ cell, i } = readPlain(s, i));
      }
    } else {
      ({ cell, i } = readPlain(s, i));
    }
    line.push(cell);
    const sep = s[i];
    i++;
    if (sep !== '\t') {
      lines.push(line);
      line = [];
      if (sep === undefined || i >= s.length) break;
    }
  }
  return lines;
}

function readPlain(s: string, from: number): { cell: string; i: number } {
  let i = from;
  while (i < s.length && s[i] !== '\t' && s[i] !== '\n') i++;
  return { cell: s.slice(from, i), i };
}

/** A quoted cell ends at a lone quote followed by a tab, a line break or the end; else it is not quoted. */
function readQuoted(s: string, from: number): { value: string; end: number } | null {
  let value = '';
  let i = from + 1;
  while (i < s.length) {
    if (s[i] === '"') {
      if (s[i + 1] === '"') {
        value += '"';
        i += 2;
        continue;
      }
      const next = s[i + 1];
      return next === undefined || next === '\t' || next === '\n' ? { value, end: i + 1 } : null;
    }
    value += s[i];
    i++;
  }
  return null;
}

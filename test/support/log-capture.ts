// The app's log lines as a test sees them: a pino stream that keeps every line it is given.
export function logCapture(level = 'info') {
  const lines: { level: number; msg?: string; [k: string]: unknown }[] = [];
  return {
    logger: { level, stream: { write: (line: string) => lines.push(JSON.parse(line)) } },
    lines,
    /** Lines at level error (50) or fatal (60) since `from`. */
    errorsSince: (from: number) => lines.slice(from).filter((l) => l.level >= 50),
  };
}

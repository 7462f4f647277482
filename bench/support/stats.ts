// Latency figures: nearest-rank percentiles over every measured request.

export class Latencies {
  private values: number[] = [];

  add(ms: number) {
    this.values.push(ms);
  }

  get count() {
    return this.values.length;
  }

  /** Nearest-rank percentile, p in 0–100. */
  percentile(p: number): number {
    if (this.values.length === 0) return Number.NaN;
    const sorted = Float64Array.from(this.values).sort();
    const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
    return sorted[rank - 1] as number;
  }

  summary() {
    const sorted = Float64Array.from(this.values).sort();
    const at = (p: number) =>
      sorted.length
        ? (sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] as number)
        : Number.NaN;
    const mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : Number.NaN;
    return { count: sorted.length, mean, p50: at(50), p90: at(90), p99: at(99), max: at(100) };
  }
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export function formatLatency(s: ReturnType<Latencies['summary']>): string {
  const f = (x: number) => `${x.toFixed(1)} ms`;
  return `p50 ${f(s.p50)}, p90 ${f(s.p90)}, p99 ${f(s.p99)}, max ${f(s.max)}, mean ${f(s.mean)} (${s.count} requests)`;
}

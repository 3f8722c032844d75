/** Summary figures of repeated measurements (milliseconds or any unit). */
export interface Stats {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] as number;
}

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times, and returns the durations in ms. */
export async function measure(input: { runs: number; warmup: number; fn: () => Promise<unknown> }): Promise<number[]> {
  for (let i = 0; i < input.warmup; i++) await input.fn();
  const times: number[] = [];
  for (let i = 0; i < input.runs; i++) {
    const start = performance.now();
    await input.fn();
    times.push(performance.now() - start);
  }
  return times;
}

export const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

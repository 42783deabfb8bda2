// Timing and formatting helpers shared by the benchmark cases.

/** A timing in µs per iteration: median and p90 of the per-batch means. */
export interface Timing {
  readonly median: number;
  readonly p90: number;
  readonly batches: number;
  readonly itersPerBatch: number;
}

export interface MeasureOptions {
  /** Time spent calling the function before measuring (JIT warm-up, caches). */
  readonly warmupMs?: number;
  /** Target duration of one batch; the iteration count per batch is calibrated to it. */
  readonly batchMs?: number;
  /** Number of measured batches. */
  readonly batches?: number;
}

const DEFAULTS = { warmupMs: 300, batchMs: 40, batches: 15 } as const;

const nowNs = (): bigint => process.hrtime.bigint();
const usSince = (t0: bigint): number => Number(nowNs() - t0) / 1000;

function summarize(perIter: number[], itersPerBatch: number): Timing {
  const s = [...perIter].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number;
  return { median: at(0.5), p90: at(0.9), batches: s.length, itersPerBatch };
}

/** Iterations per batch for a function costing `usPerIter`. */
function itersFor(usPerIter: number, batchMs: number): number {
  return Math.max(1, Math.round((batchMs * 1000) / Math.max(usPerIter, 1e-3)));
}

/** Times a synchronous function: warm-up, calibration, then `batches` batches of equal length. */
export function measure(fn: () => unknown, options: MeasureOptions = {}): Timing {
  const { warmupMs, batchMs, batches } = { ...DEFAULTS, ...options };
  let n = 0;
  const w0 = nowNs();
  while (n < 3 || usSince(w0) < warmupMs * 1000) {
    fn();
    n++;
  }
  // Calibrate on a short run after the warm-up, doubling until it lasts at least 5 ms.
  let k = 1;
  let us = 0;
  for (;;) {
    const t0 = nowNs();
    for (let i = 0; i < k; i++) fn();
    us = usSince(t0);
    if (us >= 5000) break;
    k *= 2;
  }
  const iters = itersFor(us / k, batchMs);
  const perIter: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = nowNs();
    for (let i = 0; i < iters; i++) fn();
    perIter.push(usSince(t0) / iters);
  }
  return summarize(perIter, iters);
}

/**
 * `measure` for a function returning a Promise (each call is awaited before the next). Kept apart
 * from `measure`: awaiting every call would add more than a sub-µs `sess.run` costs.
 */
export async function measureAsync(fn: () => Promise<unknown>, options: MeasureOptions = {}): Promise<Timing> {
  const { warmupMs, batchMs, batches } = { ...DEFAULTS, ...options };
  let n = 0;
  const w0 = nowNs();
  while (n < 3 || usSince(w0) < warmupMs * 1000) {
    await fn();
    n++;
  }
  let k = 1;
  let us = 0;
  for (;;) {
    const t0 = nowNs();
    for (let i = 0; i < k; i++) await fn();
    us = usSince(t0);
    if (us >= 5000) break;
    k *= 2;
  }
  const iters = itersFor(us / k, batchMs);
  const perIter: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = nowNs();
    for (let i = 0; i < iters; i++) await fn();
    perIter.push(usSince(t0) / iters);
  }
  return summarize(perIter, iters);
}

/** A timing divided by a count (µs per op from µs per run). */
export function scale(t: Timing, divisor: number): Timing {
  return { ...t, median: t.median / divisor, p90: t.p90 / divisor };
}

/** µs with 3 significant digits (0.123, 1.23, 12.3, 123, 1234). */
export function fmtUs(us: number): string {
  if (us >= 100) return us.toFixed(0);
  if (us >= 10) return us.toFixed(1);
  if (us >= 1) return us.toFixed(2);
  return us.toFixed(3);
}

export function fmtTiming(t: Timing): string {
  return `${fmtUs(t.median)} (p90 ${fmtUs(t.p90)})`;
}

export function fmtBytes(b: number): string {
  return `${Math.round(b).toLocaleString('en-US')} B`;
}

/** A plain text table: columns padded to their widest cell, numbers right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], rightAlign: readonly boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (rightAlign[i] ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** A message for a thrown value, first line only. */
export function reason(e: unknown): string {
  const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return msg.split('\n')[0] ?? msg;
}

// Sampling for the suite: a warm-up, then `samples` timed samples whose median is reported. A
// sample is one or more calls (calibrated to last at least `minSampleMs`), so sub-µs calls are
// timed over many iterations and 100-ms calls one at a time. A workload whose first call takes
// longer than 3 × `maxCallMs` (the first call compiles, traces or tiers up, so it gets a margin), or
// whose second call takes longer than `maxCallMs`, is not sampled: it would push the run past its
// time budget, and the caller prints it as n/a with that reason.

export interface SampleOptions {
  readonly samples?: number;
  readonly warmupMs?: number;
  readonly minSampleMs?: number;
  readonly maxCallMs?: number;
}

/** Milliseconds per call: one entry per sample. */
export interface Sampled {
  readonly samples: number[];
  readonly callsPerSample: number;
}

export class OverBudget extends Error {
  constructor(readonly callMs: number, readonly limitMs: number) {
    super(`one call took ${(callMs / 1000).toFixed(1)} s (the per-case limit is ${(limitMs / 1000).toFixed(1)} s, to keep the run near 5 minutes)`);
  }
}

const DEFAULTS = { samples: 5, warmupMs: 300, minSampleMs: 20, maxCallMs: 2000 } as const;
const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/**
 * Throws OverBudget if a first call (which compiles, traces or tiers up) took longer than the
 * sampler accepts. A case whose setup already makes the first call (to check its result) calls
 * this itself, so that a workload far over the limit costs one call, not two.
 */
export function checkFirstCall(ms: number, options: SampleOptions = {}): void {
  const maxCallMs = options.maxCallMs ?? DEFAULTS.maxCallMs;
  if (ms > 3 * maxCallMs) throw new OverBudget(ms, maxCallMs);
}

/** Samples a function that returns a value or a Promise (awaited; a sync function is not). */
export async function sample(fn: () => unknown, options: SampleOptions = {}): Promise<Sampled> {
  const o = { ...DEFAULTS, ...options };
  // First call (compiles, tiers up): its result says whether calls are awaited (a sync function
  // is timed without a microtask per call). The second call's time decides whether the case fits.
  let t0 = nowMs();
  const r0 = fn();
  const isAsync = r0 instanceof Promise;
  if (isAsync) await r0;
  const first = nowMs() - t0;
  checkFirstCall(first, o);
  t0 = nowMs();
  if (isAsync) await fn();
  else fn();
  const second = nowMs() - t0;
  if (second > o.maxCallMs) throw new OverBudget(second, o.maxCallMs);
  const run = isAsync
    ? async (k: number) => {
        for (let i = 0; i < k; i++) await fn();
      }
    : (k: number) => {
        for (let i = 0; i < k; i++) fn();
      };
  // Warm-up: at least one more call, and at least warmupMs.
  t0 = nowMs();
  let n = 0;
  while (n < 1 || nowMs() - t0 < o.warmupMs) {
    await run(1);
    n++;
  }
  const perCall = (nowMs() - t0) / n;
  const calls = Math.max(1, Math.ceil(o.minSampleMs / Math.max(perCall, 1e-4)));
  const samples: number[] = [];
  for (let s = 0; s < o.samples; s++) {
    const t = nowMs();
    await run(calls);
    samples.push((nowMs() - t) / calls);
  }
  return { samples, callsPerSample: calls };
}

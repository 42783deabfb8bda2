// One implementation at one thread count, in its own process (a peer's thread count is fixed when
// it loads, and peak RSS is per process): `node build/bench/suite/child.js <impl> <threads> [case…]`.
// Progress goes to stderr. Each finished case is written to stdout at once as a line
// `case <json Measurement>` (so a process stopped from outside keeps what it measured), and the
// last line is `result <json ChildResult>`. Cases run cheapest first, and once the process has
// used its share of the run (TG_BENCH_CHILD_BUDGET_S, default 60 s) the remaining ones are not
// started and print n/a, so that one slow implementation cannot take the run past ~5 minutes.
import { type Prepared, type Setup, NotAvailable } from './cases.js';
import type { Impl, Measurement } from './report.js';
import { byCost } from './rows.js';
import { OverBudget, sample } from './sample.js';

export interface ChildResult {
  readonly impl: Impl;
  readonly threads: number;
  readonly measurements: Measurement[];
  /** Backend allocations per run of the MLP training step after its first run, where counted. */
  readonly trainAllocations?: { readonly runs: number; readonly allocations: number };
  readonly maxRssBytes: number;
  readonly detail: string;
}

const why = (e: unknown) => (e instanceof NotAvailable || e instanceof OverBudget ? e.message : `failed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`.split('\n')[0] as string);

async function loadCases(impl: Impl, threads: number): Promise<{ cases: Record<string, Setup>; detail: string; summary?: () => string }> {
  switch (impl) {
    case 'ours-cpu':
    case 'ours-wasm': {
      const m = await import('./ours.js');
      await m.loadCpuStats();
      return { cases: m.oursCases(impl === 'ours-cpu' ? 'cpu' : 'wasm', threads), detail: impl === 'ours-cpu' ? 'cpu backend (one thread)' : `wasm backend, pool of ${threads}` };
    }
    case 'tfjs-cpu':
    case 'tfjs-wasm':
      return (await import('./tfjs.js')).tfjsCases(impl === 'tfjs-cpu' ? 'cpu' : 'wasm', threads);
    case 'jax-wasm':
      return (await import('./jax.js')).jaxCases(threads);
    case 'ort-native':
      return (await import('./ort.js')).ortCases(threads);
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const budgetS = Number(process.env.TG_BENCH_CHILD_BUDGET_S ?? 60);
  const [implArg, threadsArg, ...args] = process.argv.slice(2);
  const only = byCost(args);
  const impl = implArg as Impl;
  const threads = Number(threadsArg);
  const measurements: Measurement[] = [];
  let trainAllocations: ChildResult['trainAllocations'];
  let loaded: Awaited<ReturnType<typeof loadCases>>;
  try {
    loaded = await loadCases(impl, threads);
  } catch (e) {
    const reason = `could not load: ${why(e)}`;
    for (const row of only) measurements.push({ row, impl, threads, na: reason });
    const r: ChildResult = { impl, threads, measurements, maxRssBytes: process.resourceUsage().maxRSS * 1024, detail: reason };
    process.stdout.write(`result ${JSON.stringify(r)}\n`);
    return;
  }
  const record = (m: Measurement) => {
    measurements.push(m);
    process.stdout.write(`case ${JSON.stringify(m)}\n`);
  };
  for (const row of only) {
    const setup = loaded.cases[row];
    if (!setup) {
      record({ row, impl, threads, na: 'not measured for this runtime (see README)' });
      continue;
    }
    if (Date.now() - started > budgetS * 1000) {
      record({ row, impl, threads, na: `not run: this implementation's share of the run (${budgetS} s) was spent on cheaper cases` });
      continue;
    }
    process.stderr.write(`  ${impl} ${threads}T ${row} …\n`);
    let p: Prepared | undefined;
    try {
      p = await setup();
      const counted = row === 'mlp-train' ? p.allocations : undefined;
      let runs = 0;
      const inner = p.fn;
      const fn = counted
        ? () => {
            runs++;
            return inner();
          }
        : inner;
      const a0 = counted?.();
      const s = await sample(fn);
      record({ row, impl, threads, samples: s.samples, ...(p.note ? { note: p.note } : {}) });
      if (counted && a0 !== undefined) trainAllocations = { runs, allocations: counted() - a0 };
    } catch (e) {
      record({ row, impl, threads, na: why(e) });
    } finally {
      try {
        await p?.dispose?.();
      } catch {
        // A failed dispose does not change the figure.
      }
    }
  }
  const r: ChildResult = { impl, threads, measurements, trainAllocations, maxRssBytes: process.resourceUsage().maxRSS * 1024, detail: loaded.summary?.() ?? loaded.detail };
  process.stdout.write(`result ${JSON.stringify(r)}\n`);
  // Peers may keep worker threads alive.
  process.exit(0);
}

await main();

// `npm run bench` (main part): tensorgraph and its peers side by side in one run (issue 6, scope 1).
// Each implementation at each thread count runs in its own process (bench/suite/child.ts); this
// process measures the FMA peak and the stream time, gathers the results, prints the table and
// writes bench/results/latest.json. Options: --impls a,b (a subset of implementations),
// --rows s (only cases whose id contains s), --out file (the JSON's path); --from file.json prints
// the report of a saved run again (with this version's table and criterion) and measures nothing.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildResult } from './suite/child.js';
import { fmaPeak, streamMs } from './suite/peak.js';
import { type Impl, IMPL_LABELS, IMPLS, type Measurement, type Reference, type RunDoc, type RunMeta, compare, formatRun, toJson } from './suite/report.js';
import { CHAIN_N, ROWS } from './suite/rows.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const progress = (line: string) => process.stderr.write(`${line}\n`);
// A safety net only: a child stops starting cases after its budget (child.ts).
const CHILD_TIMEOUT_MS = 240_000;

/** Implementation × thread count, in the order they run. */
const CONFIGS: readonly [Impl, number][] = [
  ['ours-wasm', 1],
  ['ours-wasm', 2],
  ['ours-cpu', 1],
  ['tfjs-wasm', 1],
  ['tfjs-wasm', 2],
  ['tfjs-cpu', 1],
  ['jax-wasm', 1],
  ['jax-wasm', 2],
  ['ort-native', 1],
  ['ort-native', 2],
];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Runs one child; a crash or a timeout becomes n/a for each of its cases. */
function runChild(impl: Impl, threads: number, rows: readonly string[]): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', path.join(here, 'suite', 'child.js'), impl, String(threads), ...rows], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const lines = out.split('\n');
      const result = lines.find((l) => l.startsWith('result '));
      if (result) return resolve(JSON.parse(result.slice(7)) as ChildResult);
      // Stopped or crashed: keep the cases it finished, n/a for the rest.
      const done = lines.filter((l) => l.startsWith('case ')).map((l) => JSON.parse(l.slice(5)) as Measurement);
      const why = signal === 'SIGKILL' ? `its process ran past ${CHILD_TIMEOUT_MS / 1000} s and was stopped` : `its process exited with ${signal ?? `code ${code}`}`;
      const rest = rows.filter((row) => !done.some((m) => m.row === row)).map((row) => ({ row, impl, threads, na: why }));
      resolve({ impl, threads, measurements: [...done, ...rest], maxRssBytes: 0, detail: why });
    });
  });
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const impls = (arg('impls')?.split(',') as Impl[] | undefined) ?? [...IMPLS];
  const rowFilter = arg('rows');
  const rows = ROWS.filter((r) => r.id !== 'peak-rss' && (!rowFilter || r.id.includes(rowFilter))).map((r) => r.id);
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load0 = os.loadavg();
  progress(`suite: ${cpu}, ${os.availableParallelism()} logical CPUs, Node ${process.version}, load average ${load0.map((x) => x.toFixed(2)).join(' ')}`);
  progress('FMA peak loop and stream time …');
  const peak = fmaPeak();
  const stream = streamMs(CHAIN_N);
  const ref: Reference = { peakGflops: peak.gflops, streamMs: { 1: stream, 2: stream } };

  const results: ChildResult[] = [];
  for (const [impl, threads] of CONFIGS) {
    if (!impls.includes(impl)) continue;
    progress(`${IMPL_LABELS[impl]}, ${threads} thread(s):`);
    results.push(await runChild(impl, threads, rows));
  }
  const measurements: Measurement[] = results.flatMap((r) => r.measurements);
  // Peak RSS: each implementation in a fresh process running only the MLP training step.
  if (!rowFilter || 'peak-rss'.includes(rowFilter)) {
    for (const impl of impls) {
      progress(`${IMPL_LABELS[impl]}: peak RSS of the MLP training step …`);
      const r = await runChild(impl, 1, ['mlp-train']);
      const m = r.measurements[0];
      measurements.push(m?.samples ? { row: 'peak-rss', impl, threads: 1, samples: [r.maxRssBytes] } : { row: 'peak-rss', impl, threads: 1, na: m?.na ?? r.detail });
    }
  }
  const load1 = os.loadavg();
  const lines = compare(ROWS, measurements, ref, [1, 2]);
  const meta: RunMeta = {
    date: new Date().toISOString(),
    cpu,
    logicalCpus: os.availableParallelism(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    loadAverage: { start: load0, end: load1 },
    relaxedFma: peak.relaxedFma,
    seconds: (Date.now() - t0) / 1000,
    implementations: results.map((r) => ({ impl: r.impl, threads: r.threads, detail: r.detail, trainAllocations: r.trainAllocations })),
  };
  console.log(formatRun({ meta, reference: ref, rows: ROWS, measurements }));
  const file = arg('out') ?? path.join(here, '..', '..', 'bench', 'results', 'latest.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, toJson(meta, ref, ROWS, measurements, lines));
  progress(`wrote ${path.relative(process.cwd(), file)}`);
}

const from = arg('from');
if (from) {
  const doc = JSON.parse(readFileSync(from, 'utf8')) as RunDoc;
  // The run's own rows (labels, flop counts), with what this version adds to a row's spec.
  console.log(formatRun({ ...doc, rows: doc.rows.map((r) => ({ ...ROWS.find((x) => x.id === r.id), ...r })) }));
}
else await main();

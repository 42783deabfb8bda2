// `npm run bench` (second part): kernel rows through sess.run beside TensorFlow.js's CPU backend in
// the same process, and the allocation count of a training-like loop. Prints only; writes nothing.
import os from 'node:os';
import * as tf from 'tensorgraph/v1';
import type * as Internals from '../src/internals.js';
import { type MeasureOptions, type Timing, fmtTiming, measure, reason, table } from './harness.js';

const OPTS: MeasureOptions = { warmupMs: 500, batchMs: 60, batches: 11 };
const progress = (line: string) => process.stderr.write(`${line}\n`);

// The CPU backend's counters, from the same module instance the sessions use (dist/ at run time).
async function loadCpuBackend(): Promise<(typeof Internals)['cpuBackend']> {
  const url = new URL('./internals.js', import.meta.resolve('tensorgraph/v1'));
  return ((await import(url.href)) as typeof Internals).cpuBackend;
}

function randomArray(shape: number[], seed: number): tf.NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const d = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 16807) % 2147483647;
    d[i] = s / 2147483647 - 0.5;
  }
  return new tf.NDArray('float32', shape, d);
}

interface KernelCase {
  readonly label: string;
  readonly shapes: number[][];
  /** The graph op on placeholders (fed every run, so nothing folds). */
  readonly ours: (xs: tf.Tensor[]) => tf.Tensor;
  /** The same op in TensorFlow.js (eager; the result is disposed). */
  readonly peer: (t: TfjsCore, xs: unknown[]) => unknown;
  /** Work per run, for GFLOP/s (matmul rows). */
  readonly flops?: number;
}

type TfjsCore = typeof import('@tensorflow/tfjs-core');

const CASES: KernelCase[] = [
  { label: 'add 1M float32', shapes: [[1 << 20], [1 << 20]], ours: ([a, b]) => tf.add(a as tf.Tensor, b as tf.Tensor), peer: (t, [a, b]) => t.add(a as never, b as never) },
  { label: 'mul 1M float32', shapes: [[1 << 20], [1 << 20]], ours: ([a, b]) => tf.multiply(a as tf.Tensor, b as tf.Tensor), peer: (t, [a, b]) => t.mul(a as never, b as never) },
  { label: 'bias add [1024,1024]+[1024]', shapes: [[1024, 1024], [1024]], ours: ([a, b]) => tf.add(a as tf.Tensor, b as tf.Tensor), peer: (t, [a, b]) => t.add(a as never, b as never) },
  { label: 'sum [1024,1024] axis 0', shapes: [[1024, 1024]], ours: ([a]) => tf.reduceSum(a as tf.Tensor, 0), peer: (t, [a]) => t.sum(a as never, 0) },
  { label: 'sum [1024,1024] axis 1', shapes: [[1024, 1024]], ours: ([a]) => tf.reduceSum(a as tf.Tensor, 1), peer: (t, [a]) => t.sum(a as never, 1) },
  {
    label: 'chain (x·0.5 + 0.1)²·c, 1M float32 (fused)',
    shapes: [[1 << 20], [1 << 20]],
    ours: ([x, c]) => tf.multiply(tf.square(tf.add(tf.multiply(x as tf.Tensor, 0.5), 0.1)), c as tf.Tensor),
    peer: (t, [x, c]) => t.tidy(() => t.mul(t.square(t.add(t.mul(x as never, 0.5), 0.1)), c as never)),
  },
  { label: 'matmul 256', shapes: [[256, 256], [256, 256]], ours: ([a, b]) => tf.matmul(a as tf.Tensor, b as tf.Tensor), peer: (t, [a, b]) => t.matMul(a as never, b as never), flops: 2 * 256 ** 3 },
  { label: 'matmul 512', shapes: [[512, 512], [512, 512]], ours: ([a, b]) => tf.matmul(a as tf.Tensor, b as tf.Tensor), peer: (t, [a, b]) => t.matMul(a as never, b as never), flops: 2 * 512 ** 3 },
];

/** µs per sess.run of the op as a target (the output stays in the session's arena: no copy out). */
function ours(c: KernelCase, inputs: tf.NDArray[]): Timing {
  const g = new tf.Graph();
  const { xs, y } = g.asDefault(() => {
    const xs = c.shapes.map((s, i) => tf.placeholder('float32', s, `x${i}`));
    return { xs, y: c.ours(xs) };
  });
  const sess = new tf.Session({ graph: g });
  const feed = new Map<tf.Tensor, tf.NDArray>(xs.map((x, i) => [x, inputs[i] as tf.NDArray]));
  sess.run(y, feed); // compile and check it runs
  const t = measure(() => sess.run(y.op, feed), OPTS);
  sess.close();
  return t;
}

async function loadTfjs(): Promise<TfjsCore> {
  const t = await import('@tensorflow/tfjs-core');
  t.env().set('PROD', true);
  await import('@tensorflow/tfjs-backend-cpu');
  if (!(await t.setBackend('cpu'))) throw new Error("tf.setBackend('cpu') returned false");
  await t.ready();
  return t;
}

function peer(t: TfjsCore, c: KernelCase, inputs: tf.NDArray[]): Timing {
  const xs = inputs.map((a) => t.tensor(a.data as Float32Array, [...a.shape]));
  const timing = measure(() => (c.peer(t, xs) as { dispose(): void }).dispose(), OPTS);
  for (const x of xs) x.dispose();
  return timing;
}

/** A training-like loop (forward, a stand-in gradient, an in-place update): backend allocations per run after the first. */
function allocations(cpu: (typeof Internals)['cpuBackend'], runs: number): { first: number; after: number } {
  const g = new tf.Graph();
  const { x, fetches } = g.asDefault(() => {
    const x = tf.placeholder('float32', [128, 784], 'x');
    const w1 = new tf.Variable(tf.fill([784, 256], 0.001), { name: 'w1' });
    const w2 = new tf.Variable(tf.fill([256, 10], 0.001), { name: 'w2' });
    const h = tf.square(tf.matmul(x, w1));
    const logits = tf.matmul(h, w2);
    const loss = tf.reduceSum(tf.square(logits));
    const g2 = tf.matmul(h, logits, true, false);
    const step = tf.assignSub(w2, tf.multiply(g2, 1e-6));
    return { x, fetches: [loss, step.op] as const };
  });
  const sess = new tf.Session({ graph: g });
  sess.run(g.asDefault(() => tf.globalVariablesInitializer()));
  const feed = new Map([[x, randomArray([128, 784], 3)]]);
  const a0 = cpu.stats.allocations;
  sess.run(fetches, feed);
  const a1 = cpu.stats.allocations;
  for (let i = 0; i < runs; i++) sess.run(fetches, feed);
  const a2 = cpu.stats.allocations;
  sess.close();
  return { first: a1 - a0, after: a2 - a1 };
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log('\ntensorgraph runtime benchmark: CPU kernels through sess.run, beside TensorFlow.js CPU');
  console.log(`${new Date().toISOString()} · Node ${process.version} · ${cpus.length} CPU(s) ${cpus[0]?.model.trim() ?? ''}`);
  console.log(`timings in µs: median (p90) of ${OPTS.batches} batch means; each batch ~${OPTS.batchMs} ms after ${OPTS.warmupMs} ms of warm-up`);
  let t: TfjsCore | null = null;
  let why = '';
  try {
    t = await loadTfjs();
  } catch (e) {
    why = reason(e);
  }
  const rows: string[][] = [];
  for (const c of CASES) {
    progress(`measuring ${c.label} …`);
    const inputs = c.shapes.map((s, i) => randomArray(s, 11 + i));
    const o = ours(c, inputs);
    const p = t ? peer(t, c, inputs) : null;
    const gf = (tm: Timing) => (c.flops ? ` · ${(c.flops / tm.median / 1000).toFixed(2)} GFLOP/s` : '');
    rows.push([
      c.label,
      `${fmtTiming(o)}${gf(o)}`,
      p ? `${fmtTiming(p)}${gf(p)}` : `not measured (${why})`,
      p ? `${(p.median / o.median).toFixed(2)}×` : '-',
    ]);
  }
  console.log(table(['kernel', 'tensorgraph µs', 'TensorFlow.js cpu µs', 'tfjs ÷ ours'], rows, [false, true, true, true]));
  console.log(
    'note: tensorgraph = sess.run of the op as a target on fed placeholders (the output stays in the session arena); TensorFlow.js = the eager op on resident tensors, result disposed. Above 1×: tensorgraph is faster.',
  );
  const cpu = await loadCpuBackend();
  const runs = 1000;
  progress('counting allocations …');
  const a = allocations(cpu, runs);
  console.log(
    `\nallocations: MLP 784-256-10 training-like step (batch 128, forward + an in-place variable update): ${a.first} backend buffers on the first run, ${a.after} in the next ${runs} runs`,
  );
}

await main();

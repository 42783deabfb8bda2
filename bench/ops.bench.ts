// npm run bench:ops — common ops one at a time: ours (wasm backend, a graph run by `sess.run`,
// inputs resident as variables) beside TensorFlow.js 4.22 wasm (eager, result disposed), on 1
// and 2 threads. One child program per thread count runs both, case by case in alternating
// rounds (a slow minute of the machine lands on both), and reports each one's median round.
// Prints a table (TF.js ÷ ours: above 1× ours is faster) and writes bench/results/ops-latest.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tg from 'tensorgraph/v1';
import { loadTfjs } from './suite/tfjs.js';

type Tf = Awaited<ReturnType<typeof loadTfjs>>['tf'];
type TfT = import('@tensorflow/tfjs-core').Tensor;
/** What our op builders take: tensors and variables. */
type In = Parameters<typeof tg.add>[0];

interface OpCase {
  readonly label: string;
  /** Input shapes, dtype and value range. */
  readonly shapes: readonly (readonly number[])[];
  readonly dtype?: 'float32' | 'int32';
  readonly range?: readonly [number, number];
  readonly ours: (...x: In[]) => tg.Tensor | tg.Operation;
  readonly tfjs: (tf: Tf, ...x: TfT[]) => TfT;
}

const SAME1 = [1, 1, 1, 1];
/** `TG_BENCH_OPS=<regex>` runs only the cases whose label matches (the table and JSON then hold just those). */
const ONLY = process.env.TG_BENCH_OPS ? new RegExp(process.env.TG_BENCH_OPS, 'i') : null;
const CASES: readonly OpCase[] = [
  { label: 'reduceSum axis 1, 1024×1024', shapes: [[1024, 1024]], ours: (x) => tg.reduceSum(x, 1), tfjs: (tf, x) => tf.sum(x, 1) },
  { label: 'reduceSum axis 0, 1024×1024', shapes: [[1024, 1024]], ours: (x) => tg.reduceSum(x, 0), tfjs: (tf, x) => tf.sum(x, 0) },
  { label: 'reduceMax axis 1, 1024×1024', shapes: [[1024, 1024]], ours: (x) => tg.reduceMax(x, 1), tfjs: (tf, x) => tf.max(x, 1) },
  { label: 'reduceMean, all of 1024×1024', shapes: [[1024, 1024]], ours: (x) => tg.reduceMean(x), tfjs: (tf, x) => tf.mean(x) },
  { label: 'argmax axis 1, 1024×1024', shapes: [[1024, 1024]], ours: (x) => tg.argmax(x, 1), tfjs: (tf, x) => tf.argMax(x, 1) },
  { label: 'softmax 128×1000', shapes: [[128, 1000]], ours: (x) => tg.nn.softmax(x), tfjs: (tf, x) => tf.softmax(x) },
  { label: 'logSoftmax 128×1000', shapes: [[128, 1000]], ours: (x) => tg.nn.logSoftmax(x), tfjs: (tf, x) => tf.logSoftmax(x) },
  { label: 'exp, 1M', shapes: [[1 << 20]], ours: (x) => tg.exp(x), tfjs: (tf, x) => tf.exp(x) },
  { label: 'log, 1M', shapes: [[1 << 20]], range: [0.1, 2], ours: (x) => tg.log(x), tfjs: (tf, x) => tf.log(x) },
  { label: 'rsqrt, 1M', shapes: [[1 << 20]], range: [0.1, 2], ours: (x) => tg.rsqrt(x), tfjs: (tf, x) => tf.rsqrt(x) },
  { label: 'sigmoid, 1M', shapes: [[1 << 20]], ours: (x) => tg.sigmoid(x), tfjs: (tf, x) => tf.sigmoid(x) },
  { label: 'tanh, 1M', shapes: [[1 << 20]], ours: (x) => tg.tanh(x), tfjs: (tf, x) => tf.tanh(x) },
  { label: 'add 1024×1024 + [1024]', shapes: [[1024, 1024], [1024]], ours: (x, y) => tg.add(x, y), tfjs: (tf, x, y) => tf.add(x, y) },
  { label: 'cast int32 → float32, 1M', shapes: [[1 << 20]], dtype: 'int32', range: [-1000, 1000], ours: (x) => tg.cast(x, 'float32'), tfjs: (tf, x) => tf.cast(x, 'float32') },
  { label: 'transpose 1024×1024', shapes: [[1024, 1024]], ours: (x) => tg.transpose(x), tfjs: (tf, x) => tf.transpose(x) },
  { label: 'transpose 8×32×32×64 → NCHW', shapes: [[8, 32, 32, 64]], ours: (x) => tg.transpose(x, [0, 3, 1, 2]), tfjs: (tf, x) => tf.transpose(x, [0, 3, 1, 2]) },
  { label: 'concat axis 1, two 512×512', shapes: [[512, 512], [512, 512]], ours: (x, y) => tg.concat([x, y], 1), tfjs: (tf, x, y) => tf.concat([x, y], 1) },
  { label: 'slice 512×512 of 1024×1024', shapes: [[1024, 1024]], ours: (x) => tg.slice(x, [100, 100], [512, 512]), tfjs: (tf, x) => tf.slice(x, [100, 100], [512, 512]) },
  { label: 'pad 8×32×32×64 by 1 (H, W)', shapes: [[8, 32, 32, 64]], ours: (x) => tg.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]), tfjs: (tf, x) => tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]) },
  { label: 'tile 256×256 by (2, 2)', shapes: [[256, 256]], ours: (x) => tg.tile(x, [2, 2]), tfjs: (tf, x) => tf.tile(x, [2, 2]) },
  { label: 'gather 1000 rows of 10000×64', shapes: [[10000, 64]], ours: (x) => tg.gather(x, tg.constant(ROWS, 'int32', [1000])), tfjs: (tf, x) => tf.gather(x, tf.tensor1d(ROWS, 'int32')) },
  { label: 'batch matmul 32 × 64×64·64×64', shapes: [[32, 64, 64], [32, 64, 64]], ours: (x, y) => tg.matmul(x, y), tfjs: (tf, x, y) => tf.matMul(x, y) },
  { label: 'maxPool 3×3/2 SAME, 8×32×32×64', shapes: [[8, 32, 32, 64]], ours: (x) => tg.nn.maxPool(x, [1, 3, 3, 1], [1, 2, 2, 1], 'SAME'), tfjs: (tf, x) => tf.maxPool(x as never, 3, 2, 'same') },
  { label: 'avgPool 2×2/2, 8×32×32×64', shapes: [[8, 32, 32, 64]], ours: (x) => tg.nn.avgPool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'VALID'), tfjs: (tf, x) => tf.avgPool(x as never, 2, 2, 'valid') },
  { label: 'depthwise conv 3×3, 1×64×64×32', shapes: [[1, 64, 64, 32], [3, 3, 32, 1]], ours: (x, f) => tg.nn.depthwiseConv2d(x, f, SAME1, 'SAME'), tfjs: (tf, x, f) => tf.depthwiseConv2d(x as never, f as never, 1, 'same') },
  { label: 'batch norm (inference), 8×32×32×64', shapes: [[8, 32, 32, 64], [64], [64], [64], [64]], range: [0.1, 2], ours: (x, m, v, o, s) => tg.nn.batchNormalization(x, m, v, o, s, 1e-3), tfjs: (tf, x, m, v, o, s) => tf.batchNorm(x, m as never, v as never, o as never, s as never, 1e-3) },
  { label: 'resize bilinear 8×32×32×64 → 64×64', shapes: [[8, 32, 32, 64]], ours: (x) => tg.image.resizeBilinear(x, [64, 64]), tfjs: (tf, x) => tf.image.resizeBilinear(x as never, [64, 64]) },
];

/** The gather case's row indices (fixed, spread over the table). */
const ROWS = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 10000);

function values(n: number, seed: number, lo: number, hi: number, int: boolean): Float32Array | Int32Array {
  const d = int ? new Int32Array(n) : new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 16807) % 2147483647;
    const v = lo + (hi - lo) * (s / 2147483647);
    d[i] = int ? Math.round(v) : v;
  }
  return d;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

/** Microseconds per call of `fn` over at least `ms` milliseconds. */
function round(fn: () => void, ms: number): number {
  let calls = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    fn();
    calls++;
  }
  return ((performance.now() - t0) / calls) * 1000;
}

interface Result {
  readonly label: string;
  readonly threads: number;
  readonly ours: number;
  readonly tfjs: number;
}

async function child(threads: number): Promise<void> {
  const { tf } = await loadTfjs('wasm', threads);
  const backend = new tg.WasmBackend({ threads });
  for (const c of CASES) {
    if (ONLY && !ONLY.test(c.label)) continue;
    const range = c.range ?? [-1, 1];
    const int = c.dtype === 'int32';
    const data = c.shapes.map((s, i) => values(s.reduce((a, b) => a * b, 1), 7 + i, range[0], range[1], int));
    const g = new tg.Graph();
    const [target, init] = g.asDefault(() => {
      const vs = c.shapes.map((s, i) => new tg.Variable(new tg.NDArray(c.dtype ?? 'float32', [...s], data[i] as Float32Array)));
      const t = c.ours(...vs);
      return [t instanceof tg.Operation ? t : t.op, tg.globalVariablesInitializer()] as const;
    });
    const sess = new tg.Session({ graph: g, backend });
    sess.run(init);
    const ours = () => {
      sess.run(target);
    };
    const xs = c.shapes.map((s, i) => tf.tensor(data[i] as Float32Array, [...s], c.dtype ?? 'float32'));
    const theirs = () => tf.tidy(() => c.tfjs(tf, ...xs)).dispose();
    round(ours, 150);
    round(theirs, 150);
    const a: number[] = [];
    const b: number[] = [];
    for (let r = 0; r < 7; r++) {
      a.push(round(ours, 40));
      b.push(round(theirs, 40));
    }
    sess.close();
    for (const x of xs) x.dispose();
    const res: Result = { label: c.label, threads, ours: median(a), tfjs: median(b) };
    process.stdout.write(`result ${JSON.stringify(res)}\n`);
  }
}

function fmt(us: number): string {
  return us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(us < 10 ? 2 : 1)} µs`;
}

function main(): void {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const results: Result[] = [];
  for (const threads of [1, 2]) {
    process.stderr.write(`ops, ${threads} thread(s) …\n`);
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', String(threads)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 600_000 });
    for (const line of r.stdout.split('\n')) if (line.startsWith('result ')) results.push(JSON.parse(line.slice(7)) as Result);
  }
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const date = new Date().toISOString();
  console.log(`tensorgraph ops beside TensorFlow.js 4.22 wasm · ${date} · ${cpu} · ${os.availableParallelism()} logical CPUs · Node ${process.version}`);
  console.log('median of 7 alternating rounds of 40 ms after warm-up; "TF.js ÷ ours" above 1× means ours is faster\n');
  const w = Math.max(...CASES.map((c) => c.label.length));
  console.log(`${'op'.padEnd(w)} | T |      ours |     TF.js | TF.js ÷ ours`);
  console.log(`${'-'.repeat(w)}-|---|-----------|-----------|-------------`);
  for (const c of CASES) {
    for (const r of results.filter((x) => x.label === c.label)) {
      console.log(`${c.label.padEnd(w)} | ${r.threads} | ${fmt(r.ours).padStart(9)} | ${fmt(r.tfjs).padStart(9)} | ${`${(r.tfjs / r.ours).toFixed(2)}×`.padStart(12)}`);
    }
  }
  const file = path.join(here, '..', '..', 'bench', 'results', 'ops-latest.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ date, cpu, logicalCpus: os.availableParallelism(), node: process.version, results }, null, 1)}\n`);
}

const at = process.argv.indexOf('--child');
if (at >= 0) await child(Number(process.argv[at + 1]));
else main();

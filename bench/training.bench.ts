// `npm run bench:training`: the examples' MLPs trained side by side with tensorgraph (graph mode, a
// Session) and TensorFlow.js (tfjs-core ops, `tf.variableGrads` + `tf.train.adam`, on its cpu and
// wasm backends). Same model, initial weights, data order, batch size and Adam hyper-parameters;
// prints a table and writes JSON to bench/results/. Then the Fashion-MNIST tutorial CNN for a fixed
// number of steps side by side (training-cnn.ts; its own table).
// Options: --digitsEpochs 20 --fashionEpochs 1 --seed 1 --data DIR --only all|digits|fashion|cnn
//          --backends cpu,wasm --out FILE --limit N (train on the first N examples only: a smoke test)
//          CNN: --cnnSteps 50 (tensorgraph wasm and tfjs wasm, then test accuracy) --cnnCpuSteps 5
//          (tensorgraph cpu; 0: not run) --cnnTfjsCpuSteps 0 (tfjs cpu: one step took 324 s; 0: not run) --cnnWarmup 5
//          (steps left out of the median) --cnnDropout 0 --cnnThreads 1 (tensorgraph wasm threads)
//          --cnnTfjsAdam tf1|tfjs (TensorFlow 1's Adam update in tfjs ops, or tf.train.adam)
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type * as Tfjs from '@tensorflow/tfjs-core';
import * as tf from 'tensorgraph/v1';
import { loadFashionMnist } from '../examples/lib/fashion.js';
import { options } from '../examples/lib/fit.js';
import { reason, table } from './harness.js';
import { type CnnResult, type CnnSettings, cnnReport, runCnn, useTfjsBackend } from './training-cnn.js';
import { batchBounds, epochOrder, gatherLabels, gatherRows, median } from './training-data.js';

const opts = options({ digitsEpochs: 20, fashionEpochs: 1, seed: 1, data: '', only: 'all', backends: 'cpu,wasm', out: '', limit: 0,
  cnnSteps: 50, cnnCpuSteps: 5, cnnTfjsCpuSteps: 0, cnnWarmup: 5, cnnDropout: 0, cnnThreads: 1, cnnTfjsAdam: 'tf1' });
const progress = (line: string) => process.stderr.write(`${line}\n`);
const require = createRequire(import.meta.url);

/** An MLP: `units[0]` inputs, ReLU hidden layers, `units.at(-1)` logits; inputs are divided by `scale`. */
interface Task {
  readonly name: string;
  readonly units: readonly number[];
  readonly scale: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly train: Data;
  readonly test: Data;
}

/** Examples as flat uint8 rows (`rowSize` pixels each) and uint8 labels. */
interface Data {
  readonly x: Uint8Array;
  readonly y: Uint8Array;
  readonly n: number;
  readonly rowSize: number;
}

interface Run {
  readonly task: string;
  readonly framework: string;
  readonly ok: true;
  readonly epochs: number;
  readonly epochSeconds: number[];
  readonly trainLoss: number[];
  readonly testAccuracy: number;
  readonly load: { readonly before: number[]; readonly after: number[] };
}
type Result = Run | { readonly task: string; readonly framework: string; readonly ok: false; readonly reason: string };

/** A finished training run's record: per-epoch times and losses, test accuracy, load before and after. */
function finishedRun(task: Task, framework: string, epochSeconds: number[], trainLoss: number[], correct: number, before: number[]): Run {
  return { task: task.name, framework, ok: true, epochs: task.epochs, epochSeconds, trainLoss, testAccuracy: correct / task.test.n, load: { before, after: load() } };
}

// TensorFlow 1's AdamOptimizer defaults, passed to tf.train.adam explicitly (its epsilon defaults to 1e-7).
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;
const EVAL_BATCH = 1000;

function flat(split: tf.data.Split, limit = 0): Data {
  const [x, y] = split;
  const all = x.shape[0] as number;
  const n = limit > 0 ? Math.min(limit, all) : all;
  const rowSize = x.size / all;
  return { x: (x.data as Uint8Array).subarray(0, n * rowSize), y: (y.data as Uint8Array).subarray(0, n), n, rowSize };
}

/** One epoch's batches, in the same order for every framework: x as float32 rows, y as int32. */
function* epochBatches(task: Task, epoch: number): Generator<{ x: Float32Array; y: Int32Array; size: number }> {
  const { x, y, n, rowSize } = task.train;
  const order = epochOrder(n, opts.seed, epoch);
  for (const [s, e] of batchBounds(n, task.batchSize)) yield { x: gatherRows(x, rowSize, order, s, e), y: gatherLabels(y, order, s, e), size: e - s };
}

function* testBatches(task: Task): Generator<{ x: Float32Array; y: Int32Array; size: number }> {
  const { x, y, n, rowSize } = task.test;
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  for (const [s, e] of batchBounds(n, EVAL_BATCH)) yield { x: gatherRows(x, rowSize, order, s, e), y: gatherLabels(y, order, s, e), size: e - s };
}

const load = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

/** Trains `task` with tensorgraph; returns the run and the initial weights (kernel, bias per layer). */
function trainTensorgraph(task: Task): { run: Run; initial: Float32Array[] } {
  const graph = new tf.Graph();
  const m = graph.asDefault(() => {
    tf.setRandomSeed(opts.seed);
    const x = tf.placeholder(tf.float32, [null, task.units[0] as number], 'x');
    const y = tf.placeholder(tf.int32, [null], 'y');
    let h = tf.divide(x, task.scale);
    const last = task.units.length - 1;
    for (let i = 1; i < last; i++) h = tf.layers.dense(h, task.units[i] as number, { activation: tf.nn.relu, name: `hidden${i}` });
    const logits = tf.layers.dense(h, task.units[last] as number, { name: 'logits' });
    const loss = tf.losses.sparseSoftmaxCrossEntropy({ labels: y, logits });
    const correct = tf.reduceSum(tf.cast(tf.equal(tf.argmax(logits, 1, { outputType: tf.int32 }), y), tf.float32));
    const trainOp = new tf.train.AdamOptimizer(task.learningRate, BETA1, BETA2, EPSILON).minimize(loss);
    return { x, y, loss, correct, trainOp, vars: tf.trainableVariables(), init: tf.globalVariablesInitializer() };
  });
  using sess = new tf.Session({ graph });
  sess.run(m.init);
  const values = sess.run(m.vars) as tf.NDArray[];
  // TensorFlow.js takes these as kernel, bias per layer: check the collection has that order.
  values.forEach((a, k) => {
    const i = k >> 1;
    const want = k % 2 ? [task.units[i + 1]] : [task.units[i], task.units[i + 1]];
    if (a.shape.join() !== want.join()) throw new Error(`trainable variable ${k} (${m.vars[k]?.name}) has shape [${a.shape}], expected [${want}]`);
  });
  if (values.length !== 2 * (task.units.length - 1)) throw new Error(`expected ${2 * (task.units.length - 1)} trainable variables, got ${values.length}`);
  const initial = values.map((a) => Float32Array.from(a.data as Float32Array));
  const before = load();
  const epochSeconds: number[] = [];
  const trainLoss: number[] = [];
  const rowShape = (size: number) => [size, task.units[0] as number];
  for (let epoch = 0; epoch < task.epochs; epoch++) {
    const t0 = performance.now();
    let lossSum = 0;
    let steps = 0;
    for (const b of epochBatches(task, epoch)) {
      const feeds = new Map<tf.Tensor, tf.NDArray>([
        [m.x, new tf.NDArray('float32', rowShape(b.size), b.x)],
        [m.y, new tf.NDArray('int32', [b.size], b.y)],
      ]);
      const [, l] = sess.run([m.trainOp, m.loss], feeds) as [unknown, tf.NDArray];
      lossSum += l.item() as number;
      steps++;
    }
    epochSeconds.push((performance.now() - t0) / 1000);
    trainLoss.push(lossSum / steps);
    progress(`  tensorgraph ${task.name} epoch ${epoch + 1}/${task.epochs}: loss ${(lossSum / steps).toFixed(4)}, ${epochSeconds.at(-1)?.toFixed(2)} s`);
  }
  let correct = 0;
  for (const b of testBatches(task)) {
    const feeds = new Map<tf.Tensor, tf.NDArray>([
      [m.x, new tf.NDArray('float32', rowShape(b.size), b.x)],
      [m.y, new tf.NDArray('int32', [b.size], b.y)],
    ]);
    correct += (sess.run(m.correct, feeds) as tf.NDArray).item() as number;
  }
  const run = finishedRun(task, 'tensorgraph (graph mode, Session)', epochSeconds, trainLoss, correct, before);
  return { run, initial };
}

type TfjsModule = typeof Tfjs;
let tfjsModule: TfjsModule | undefined;

/** tfjs-core with its gradients and the cpu and wasm backends registered (PROD: no debug checks). */
async function loadTfjs(): Promise<TfjsModule> {
  if (tfjsModule) return tfjsModule;
  const t = await import('@tensorflow/tfjs-core');
  t.env().set('PROD', true);
  // What `@tensorflow/tfjs` does on import (it is not installed): register tfjs-core's kernel
  // gradients, which its Node bundle leaves out. See tfjs-grads-hooks.ts.
  register('./tfjs-grads-hooks.js', import.meta.url);
  await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  await import('@tensorflow/tfjs-backend-cpu');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // The .wasm binaries ship in the package; in Node they are read from its folder.
  wasm.setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}${path.sep}`);
  tfjsModule = t;
  return t;
}

/** Trains `task` with TensorFlow.js on `backend`, starting from `initial` (tensorgraph's initial weights). */
async function trainTfjs(task: Task, backend: string, initial: readonly Float32Array[]): Promise<Run> {
  const t = await loadTfjs();
  const detail = await useTfjsBackend(t, backend);
  const tensorsBefore = t.memory().numTensors;
  const last = task.units.length - 1;
  const vars: Tfjs.Variable[] = [];
  t.tidy(() => {
    for (let i = 0; i < last; i++) {
      const [fanIn, fanOut] = [task.units[i] as number, task.units[i + 1] as number];
      vars.push(t.variable(t.tensor2d(initial[2 * i] as Float32Array, [fanIn, fanOut]), true, `${task.name}_${backend}_kernel${i}`));
      vars.push(t.variable(t.tensor1d(initial[2 * i + 1] as Float32Array), true, `${task.name}_${backend}_bias${i}`));
    }
  });
  const logitsOf = (x: Tfjs.Tensor2D): Tfjs.Tensor2D => {
    let h = t.div(x, task.scale) as Tfjs.Tensor2D;
    for (let i = 0; i < last; i++) {
      h = t.add(t.matMul(h, vars[2 * i] as Tfjs.Variable), vars[2 * i + 1] as Tfjs.Variable) as Tfjs.Tensor2D;
      if (i < last - 1) h = t.relu(h);
    }
    return h;
  };
  const classes = task.units[last] as number;
  const optimizer = t.train.adam(task.learningRate, BETA1, BETA2, EPSILON);
  const before = load();
  const epochSeconds: number[] = [];
  const trainLoss: number[] = [];
  for (let epoch = 0; epoch < task.epochs; epoch++) {
    const t0 = performance.now();
    let lossSum = 0;
    let steps = 0;
    for (const b of epochBatches(task, epoch)) {
      const x = t.tensor2d(b.x, [b.size, task.units[0] as number]);
      const y = t.tensor1d(b.y, 'int32');
      const { value, grads } = t.variableGrads(() => t.losses.softmaxCrossEntropy(t.cast(t.oneHot(y, classes), 'float32'), logitsOf(x)) as Tfjs.Scalar, vars);
      // What Optimizer.minimize does: the gradients keyed by variable name (typed as a variable map).
      optimizer.applyGradients(grads as Parameters<typeof optimizer.applyGradients>[0]);
      lossSum += value.dataSync()[0] as number;
      steps++;
      t.dispose([x, y, value, ...Object.values(grads)]);
    }
    epochSeconds.push((performance.now() - t0) / 1000);
    trainLoss.push(lossSum / steps);
    progress(`  tfjs ${backend} ${task.name} epoch ${epoch + 1}/${task.epochs}: loss ${(lossSum / steps).toFixed(4)}, ${epochSeconds.at(-1)?.toFixed(2)} s`);
  }
  let correct = 0;
  for (const b of testBatches(task)) {
    const hits = t.tidy(() => {
      const pred = t.argMax(logitsOf(t.tensor2d(b.x, [b.size, task.units[0] as number])), 1);
      return t.sum(t.cast(t.equal(pred, t.tensor1d(b.y, 'int32')), 'float32'));
    });
    correct += hits.dataSync()[0] as number;
    hits.dispose();
  }
  t.dispose(vars);
  optimizer.dispose();
  // A leak here would mean the steps above hold tensors across iterations, skewing the timings.
  const leaked = t.memory().numTensors - tensorsBefore;
  if (leaked !== 0) throw new Error(`tfjs ${backend} left ${leaked} tensors alive after ${task.name}`);
  return finishedRun(task, `TensorFlow.js ${t.version_core} ${backend}${detail}`, epochSeconds, trainLoss, correct, before);
}

async function runTask(task: Task): Promise<Result[]> {
  progress(`${task.name}: ${task.train.n} training, ${task.test.n} test examples; ${task.epochs} epoch(s), batch ${task.batchSize}`);
  const results: Result[] = [];
  let initial: Float32Array[];
  try {
    const tg = trainTensorgraph(task);
    results.push(tg.run);
    initial = tg.initial;
  } catch (e) {
    return [{ task: task.name, framework: 'tensorgraph', ok: false, reason: reason(e) }];
  }
  for (const backend of opts.backends.split(',').filter(Boolean)) {
    try {
      results.push(await trainTfjs(task, backend, initial));
    } catch (e) {
      results.push({ task: task.name, framework: `TensorFlow.js ${backend}`, ok: false, reason: reason(e) });
    }
  }
  return results;
}

const fmt = (s: number) => (s >= 10 ? s.toFixed(1) : s.toFixed(2));

function report(results: readonly Result[]): string {
  const rows: string[][] = [];
  for (const r of results) {
    if (!r.ok) {
      rows.push([r.task, r.framework, '', '', '', '', '', 'not measured', '']);
      continue;
    }
    const base = results.find((b): b is Run => b.ok && b.task === r.task && b.framework.startsWith('tensorgraph'));
    const perEpoch = median(r.epochSeconds);
    const ratio = base ? `${(perEpoch / median(base.epochSeconds)).toFixed(2)}×` : '';
    const total = r.epochSeconds.reduce((a, b) => a + b, 0);
    rows.push([r.task, r.framework, String(r.epochs), fmt(perEpoch), fmt(r.epochSeconds[0] as number), fmt(total), (r.trainLoss.at(-1) as number).toFixed(4), r.testAccuracy.toFixed(4), ratio]);
  }
  return table(
    ['model', 'framework / backend', 'epochs', 's per epoch', '1st epoch s', 'total s', 'last epoch loss', 'test accuracy', 'epoch time ÷ tensorgraph'],
    rows,
    [false, false, true, true, true, true, true, true, true],
  );
}

const started = new Date();
const cpu = os.cpus()[0]?.model.trim() ?? '?';
console.log('tensorgraph training benchmark: the same MLPs trained with tensorgraph and TensorFlow.js');
console.log(`${started.toISOString()} · Node ${process.version} · ${os.platform()} ${os.arch()} · ${os.cpus().length} CPU(s) ${cpu} · load average ${load().join(', ')}`);

if (!['all', 'digits', 'fashion', 'cnn'].includes(opts.only)) throw new Error(`--only must be all, digits, fashion or cnn; got ${opts.only}`);
const tasks: Task[] = [];
if (opts.only === 'all' || opts.only === 'digits') {
  const [train, test] = await tf.data.loadDigits();
  tasks.push({ name: 'digits MLP 64-64-10', units: [64, 64, 10], scale: 16, epochs: opts.digitsEpochs, batchSize: 32, learningRate: 0.01, train: flat(train, opts.limit), test: flat(test) });
}
const fashion = opts.only === 'all' || opts.only === 'fashion' || opts.only === 'cnn' ? await loadFashionMnist(opts.data) : null;
if (fashion && opts.only !== 'cnn') {
  const [train, test] = fashion;
  tasks.push({ name: 'Fashion-MNIST MLP 784-256-128-100-10', units: [784, 256, 128, 100, 10], scale: 255, epochs: opts.fashionEpochs, batchSize: 128, learningRate: 0.001, train: flat(train, opts.limit), test: flat(test) });
}

const results: Result[] = [];
for (const task of tasks) results.push(...(await runTask(task)));

const cnnSettings: CnnSettings = {
  steps: opts.cnnSteps,
  cpuSteps: opts.cnnCpuSteps,
  tfjsCpuSteps: opts.cnnTfjsCpuSteps,
  warmup: opts.cnnWarmup,
  dropout: opts.cnnDropout,
  threads: opts.cnnThreads,
  seed: opts.seed,
  batchSize: 64,
  learningRate: 0.001,
  adam: { beta1: BETA1, beta2: BETA2, epsilon: EPSILON },
  tfjsAdam: opts.cnnTfjsAdam === 'tfjs' ? 'tfjs' : opts.cnnTfjsAdam === 'tf1' ? 'tf1' : (() => { throw new Error(`--cnnTfjsAdam must be tf1 or tfjs; got ${opts.cnnTfjsAdam}`); })(),
};
let cnnResults: CnnResult[] = [];
if (fashion && (opts.only === 'all' || opts.only === 'cnn')) {
  const [train, test] = fashion;
  const tr = flat(train, opts.limit);
  const te = flat(test);
  cnnResults = await runCnn(cnnSettings, tr, te, loadTfjs, opts.backends.split(',').filter(Boolean), progress);
}

if (tasks.length > 0) {
  console.log();
  console.log(report(results));
  for (const r of results) if (!r.ok) console.log(`${r.framework} on ${r.task}: not measured (${r.reason})`);
  console.log(
  'note: s per epoch = median over epochs of the wall time of one epoch (gathering each batch from the uint8 data, one Adam step, the loss read back to the host); ' +
    "the 1st epoch includes tensorgraph's plan compilation and tfjs's kernel warm-up. Test accuracy over the whole test split after the last epoch. " +
    'Both frameworks start from the same weights (tensorgraph\'s seeded glorot-uniform draw, zero biases) and see the same batches in the same order. ' +
    'Adam: beta1 0.9, beta2 0.999, epsilon 1e-8 in both. Epoch time ÷ tensorgraph above 1: tensorgraph is faster.',
  );
}
if (cnnResults.length > 0) {
  const s = cnnSettings;
  console.log();
  console.log(`Fashion-MNIST tutorial CNN (conv 5×5×32 SAME + ReLU, max-pool 2, conv 5×5×64 SAME + ReLU, max-pool 2, dense 1024 + ReLU, ${s.dropout > 0 ? `dropout ${s.dropout}` : 'dropout off (rate 0)'}, dense 10), batch ${s.batchSize}, Adam ${s.learningRate}`);
  console.log(cnnReport(cnnResults, s.warmup));
  for (const r of cnnResults) if (!r.ok) console.log(`${r.framework} on the CNN: not measured (${r.reason})`);
  console.log(
    `note: ms per step = median over the steps after the first ${s.warmup} of one step's wall time (feeds made from the already gathered float32 batch, one Adam step, the loss read back); ` +
      'every row starts from tensorgraph\'s seeded initial weights and sees the same batches in the same order; loss = the batch loss of that step. ' +
      `${s.dropout > 0 ? 'With dropout on, the two frameworks draw different masks, so their losses differ by more than rounding. ' : 'Dropout is off in every row so that the runs are the same computation: the loss columns show float32 rounding (other summation orders), which the steps amplify as they go. '}` +
      'Test accuracy over the whole test split after the last step of the rows that ran the full budget. ' +
      "TensorFlow.js wasm 4.22 has no Conv2DBackpropFilter kernel: this benchmark registers one built from that backend's own Transpose and Conv2D (XNNPACK) kernels, checked against tfjs cpu's at start-up. " +
      'Step time ÷ tensorgraph wasm above 1: tensorgraph wasm is faster.',
  );
}
const finished = new Date();
console.log(`total ${((finished.getTime() - started.getTime()) / 1000).toFixed(1)} s; load average at the end ${load().join(', ')}`);

const file = opts.out || path.join(import.meta.dirname, '..', '..', 'bench', 'results', `training-${started.toISOString().replace(/[:.]/g, '-')}.json`);
mkdirSync(path.dirname(file), { recursive: true });
const settings = tasks.map(({ train: _tr, test: _te, ...rest }) => ({ ...rest, trainExamples: _tr.n, testExamples: _te.n }));
writeFileSync(
  file,
  `${JSON.stringify({ started: started.toISOString(), finished: finished.toISOString(), node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpu, seed: opts.seed, adam: { beta1: BETA1, beta2: BETA2, epsilon: EPSILON }, tasks: settings, results, cnn: cnnResults.length ? { settings: cnnSettings, results: cnnResults } : null }, null, 2)}\n`,
);
console.log(`wrote ${path.relative(process.cwd(), file)}`);

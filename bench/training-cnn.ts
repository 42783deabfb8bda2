// The CNN rows of `npm run bench:training`: TensorFlow's Fashion-MNIST tutorial network
// (examples/fashion-mnist-cnn.ts: conv 5×5×32 SAME + ReLU, max-pool 2, conv 5×5×64 SAME + ReLU,
// max-pool 2, dense 1024 + ReLU, dropout, dense 10; Adam; batch 64) trained for a fixed number of
// steps by tensorgraph (graph mode, a Session, on its wasm and cpu backends) and TensorFlow.js
// (tfjs-core ops, `tf.variableGrads` + `tf.train.adam`, on its wasm and cpu backends), from the same
// initial weights (tensorgraph's seeded draw, copied into TensorFlow.js), on the same batches.
import os from 'node:os';
import type * as Tfjs from '@tensorflow/tfjs-core';
import * as tf from 'tensorgraph/v1';
import { tf1Adam } from './training-cnn-tfjs.js';
import { checkWasmConv2DBackpropFilter, registerWasmConv2DBackpropFilter } from './tfjs-wasm-conv2d-backprop-filter.js';
import { batchBounds, epochOrder, gatherLabels, gatherRows, median, stepBounds } from './training-data.js';
import { table } from './harness.js';
import { tutorialCnnLogits } from './tutorial-cnn.js';

/** 28×28 uint8 images (flat rows of 784) and uint8 labels. */
export interface CnnData {
  readonly x: Uint8Array;
  readonly y: Uint8Array;
  readonly n: number;
}

export interface CnnSettings {
  /** Adam steps of the rows that also measure test accuracy (tensorgraph wasm, tfjs wasm). */
  readonly steps: number;
  /** Steps of tensorgraph on its cpu backend (0: not run). */
  readonly cpuSteps: number;
  /** Steps of TensorFlow.js on its cpu backend (0: not run). */
  readonly tfjsCpuSteps: number;
  /** Steps left out of the per-step median (plan compilation, kernel warm-up). */
  readonly warmup: number;
  /** Dropout rate after the dense 1024 layer; 0 leaves the layer out (the runs are then identical up to rounding). */
  readonly dropout: number;
  /** Threads of tensorgraph's wasm backend (TensorFlow.js's wasm backend runs on one under Node). */
  readonly threads: number;
  readonly seed: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly adam: { readonly beta1: number; readonly beta2: number; readonly epsilon: number };
  /** TensorFlow.js's optimizer: 'tf1' (TensorFlow 1's Adam update written with tfjs ops, as tensorgraph runs it) or 'tfjs' (`tf.train.adam`). */
  readonly tfjsAdam: 'tf1' | 'tfjs';
}

export interface CnnRun {
  readonly task: string;
  readonly framework: string;
  readonly ok: true;
  readonly steps: number;
  /** Wall time of each step (feeds made from the gathered batch, one Adam step, the loss read back), ms. */
  readonly stepMs: number[];
  /** The batch loss of each step (before that step's update). */
  readonly losses: number[];
  /** Over the whole test split after the last step; null where not measured (the short cpu runs). */
  readonly testAccuracy: number | null;
  readonly load: { readonly before: number[]; readonly after: number[] };
}
export type CnnResult = CnnRun | { readonly task: string; readonly framework: string; readonly ok: false; readonly reason: string };

export const CNN_TASK = 'Fashion-MNIST CNN (tutorial)';
const ROW = 784;
const CLASSES = 10;
const EVAL_BATCH = 1000;
/** Trainable variables in tensorgraph's creation order: kernel, bias of conv1, conv2, dense, logits. */
const SHAPES: readonly (readonly number[])[] = [[5, 5, 1, 32], [32], [5, 5, 32, 64], [64], [7 * 7 * 64, 1024], [1024], [1024, CLASSES], [CLASSES]];

const load = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

interface Batch {
  readonly x: Float32Array;
  readonly y: Int32Array;
  readonly size: number;
}

/** The first `steps` training batches (gathered from the uint8 data before any timing). */
function trainBatches(s: CnnSettings, train: CnnData, steps: number): Batch[] {
  const orders = new Map<number, Uint32Array>();
  return stepBounds(train.n, s.batchSize, steps).map(([epoch, a, b]) => {
    const order = orders.get(epoch) ?? epochOrder(train.n, s.seed, epoch);
    orders.set(epoch, order);
    return { x: gatherRows(train.x, ROW, order, a, b), y: gatherLabels(train.y, order, a, b), size: b - a };
  });
}

function* testBatches(test: CnnData): Generator<Batch> {
  const order = Uint32Array.from({ length: test.n }, (_, i) => i);
  for (const [a, b] of batchBounds(test.n, EVAL_BATCH)) yield { x: gatherRows(test.x, ROW, order, a, b), y: gatherLabels(test.y, order, a, b), size: b - a };
}

/**
 * Runs `step` (returning the batch loss) on each batch, timing each; reports every `every`th
 * step and the last to `progress` as `label`'s.
 */
function timeSteps(batches: readonly Batch[], steps: number, every: number, label: string, progress: (l: string) => void, step: (b: Batch) => number): { stepMs: number[]; losses: number[] } {
  const stepMs: number[] = [];
  const losses: number[] = [];
  for (const b of batches) {
    const t0 = performance.now();
    losses.push(step(b));
    stepMs.push(performance.now() - t0);
    if (stepMs.length % every === 0 || stepMs.length === steps) progress(`  ${label} CNN step ${stepMs.length}/${steps}: loss ${losses.at(-1)?.toFixed(4)}, ${stepMs.at(-1)?.toFixed(0)} ms`);
  }
  return { stepMs, losses };
}

/** The fraction of `test` classified right, from `correctIn` (a batch's count); null without a test set. */
function accuracyOn(test: CnnData | null, correctIn: (b: Batch) => number): number | null {
  if (!test) return null;
  let correct = 0;
  for (const b of testBatches(test)) correct += correctIn(b);
  return correct / test.n;
}

/** The tutorial network (tutorial-cnn.ts) with its loss, Adam, and `correct` (a count) for evaluation. */
function buildGraph(s: CnnSettings) {
  const graph = new tf.Graph();
  const m = graph.asDefault(() => {
    tf.setRandomSeed(s.seed);
    const x = tf.placeholder(tf.float32, [null, 28, 28], 'x');
    const y = tf.placeholder(tf.int32, [null], 'y');
    const training = tf.placeholderWithDefault(false, [], 'training');
    const logits = tutorialCnnLogits(tf, x, s.dropout > 0 ? { rate: s.dropout, training } : null);
    const loss = tf.losses.sparseSoftmaxCrossEntropy({ labels: y, logits });
    const correct = tf.reduceSum(tf.cast(tf.equal(tf.argmax(logits, 1, { outputType: tf.int32 }), y), tf.float32));
    const trainOp = new tf.train.AdamOptimizer(s.learningRate, s.adam.beta1, s.adam.beta2, s.adam.epsilon).minimize(loss);
    return { x, y, training, loss, correct, trainOp, vars: tf.trainableVariables(), init: tf.globalVariablesInitializer() };
  });
  return { graph, m };
}

/** Trains with tensorgraph on `backendName`; returns the run and the initial weights. */
function trainTensorgraph(s: CnnSettings, train: CnnData, test: CnnData | null, backendName: 'wasm' | 'cpu', steps: number, progress: (l: string) => void): { run: CnnRun; initial: Float32Array[] } {
  const { graph, m } = buildGraph(s);
  const backend = backendName === 'wasm' ? new tf.WasmBackend({ threads: s.threads }) : 'cpu';
  try {
    using sess = new tf.Session({ graph, backend });
    sess.run(m.init);
    const values = sess.run(m.vars) as tf.NDArray[];
    if (values.length !== SHAPES.length) throw new Error(`expected ${SHAPES.length} trainable variables, got ${values.length}`);
    values.forEach((a, k) => {
      if (a.shape.join() !== (SHAPES[k] as number[]).join()) throw new Error(`trainable variable ${k} (${m.vars[k]?.name}) has shape [${a.shape}], expected [${SHAPES[k]}]`);
    });
    const initial = values.map((a) => Float32Array.from(a.data as Float32Array));
    const batches = trainBatches(s, train, steps);
    const before = load();
    const feedsOf = (b: Batch) =>
      new Map<tf.Tensor, unknown>([
        [m.x, new tf.NDArray('float32', [b.size, 28, 28], b.x)],
        [m.y, new tf.NDArray('int32', [b.size], b.y)],
      ]);
    const { stepMs, losses } = timeSteps(batches, steps, 25, `tensorgraph ${backendName}`, progress, (b) => {
      const feeds = feedsOf(b);
      if (s.dropout > 0) feeds.set(m.training, true);
      const [, l] = sess.run([m.trainOp, m.loss], feeds) as [unknown, tf.NDArray];
      return l.item() as number;
    });
    const testAccuracy = accuracyOn(test, (b) => (sess.run(m.correct, feedsOf(b)) as tf.NDArray).item() as number);
    const threads = backend instanceof tf.WasmBackend ? `, ${backend.threads} thread${backend.threads === 1 ? '' : 's'}` : '';
    const run: CnnRun = { task: CNN_TASK, framework: `tensorgraph ${backendName}${threads}`, ok: true, steps, stepMs, losses, testAccuracy, load: { before, after: load() } };
    return { run, initial };
  } finally {
    if (backend instanceof tf.WasmBackend) backend.dispose();
  }
}

/**
 * Switches TensorFlow.js to `backend` and waits for it; returns what the rows' framework names
 * add for it (wasm: whether SIMD and threads are on).
 */
export async function useTfjsBackend(t: typeof Tfjs, backend: string): Promise<string> {
  if (!(await t.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') returned false`);
  await t.ready();
  let detail = '';
  if (backend === 'wasm') {
    const simd = await t.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = await t.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    detail = `, simd ${simd ? 'on' : 'off'}, threads ${threads ? 'on' : 'off'}`;
  }
  return detail;
}

/** Trains with TensorFlow.js on `backend` from `initial`. */
async function trainTfjs(t: typeof Tfjs, s: CnnSettings, train: CnnData, test: CnnData | null, backend: string, steps: number, initial: readonly Float32Array[], progress: (l: string) => void): Promise<CnnRun> {
  const detail = await useTfjsBackend(t, backend);
  const tensorsBefore = t.memory().numTensors;
  // tidy: the tensors the variables are made from would outlive the run otherwise.
  const vars = t.tidy(() => initial.map((a, k) => t.variable(t.tensor(a, SHAPES[k] as number[]), true, `cnn_${backend}_${k}`)));
  const [w1, b1, w2, b2, w3, b3, w4, b4] = vars as [Tfjs.Variable<Tfjs.Rank.R4>, Tfjs.Variable, Tfjs.Variable<Tfjs.Rank.R4>, Tfjs.Variable, Tfjs.Variable<Tfjs.Rank.R2>, Tfjs.Variable, Tfjs.Variable<Tfjs.Rank.R2>, Tfjs.Variable];
  const logitsOf = (x: Tfjs.Tensor, training: boolean): Tfjs.Tensor2D => {
    const input = t.reshape(t.div(x, 255), [-1, 28, 28, 1]) as Tfjs.Tensor4D;
    const c1 = t.relu(t.add(t.conv2d(input, w1, 1, 'same'), b1)) as Tfjs.Tensor4D;
    const p1 = t.maxPool(c1, 2, 2, 'valid');
    const c2 = t.relu(t.add(t.conv2d(p1, w2, 1, 'same'), b2)) as Tfjs.Tensor4D;
    const p2 = t.maxPool(c2, 2, 2, 'valid');
    let h = t.relu(t.add(t.matMul(t.reshape(p2, [-1, 7 * 7 * 64]), w3), b3)) as Tfjs.Tensor2D;
    if (training && s.dropout > 0) h = t.dropout(h, s.dropout) as Tfjs.Tensor2D;
    return t.add(t.matMul(h, w4), b4) as Tfjs.Tensor2D;
  };
  const optimizer =
    s.tfjsAdam === 'tf1'
      ? tf1Adam(t, vars, s.learningRate, s.adam.beta1, s.adam.beta2, s.adam.epsilon)
      : (() => {
          const o = t.train.adam(s.learningRate, s.adam.beta1, s.adam.beta2, s.adam.epsilon);
          return { applyGradients: (g: Record<string, Tfjs.Tensor>) => o.applyGradients(g as Parameters<typeof o.applyGradients>[0]), dispose: () => o.dispose() };
        })();
  const batches = trainBatches(s, train, steps);
  const before = load();
  const { stepMs, losses } = timeSteps(batches, steps, 10, `tfjs ${backend}`, progress, (b) => {
    const x = t.tensor3d(b.x, [b.size, 28, 28]);
    const y = t.tensor1d(b.y, 'int32');
    const { value, grads } = t.variableGrads(() => t.losses.softmaxCrossEntropy(t.cast(t.oneHot(y, CLASSES), 'float32'), logitsOf(x, true)) as Tfjs.Scalar, vars);
    optimizer.applyGradients(grads);
    const loss = value.dataSync()[0] as number;
    t.dispose([x, y, value, ...Object.values(grads)]);
    return loss;
  });
  const testAccuracy = accuracyOn(test, (b) => {
    const hits = t.tidy(() => t.sum(t.cast(t.equal(t.argMax(logitsOf(t.tensor3d(b.x, [b.size, 28, 28]), false), 1), t.tensor1d(b.y, 'int32')), 'float32')));
    const correct = hits.dataSync()[0] as number;
    hits.dispose();
    return correct;
  });
  t.dispose(vars);
  optimizer.dispose();
  const leaked = t.memory().numTensors - tensorsBefore;
  if (leaked !== 0) throw new Error(`tfjs ${backend} left ${leaked} tensors alive after the CNN`);
  return { task: CNN_TASK, framework: `TensorFlow.js ${t.version_core} ${backend}${detail}${s.tfjsAdam === 'tfjs' ? ', tf.train.adam' : ''}`, ok: true, steps, stepMs, losses, testAccuracy, load: { before, after: load() } };
}

const failed = (framework: string, e: unknown): CnnResult => ({ task: CNN_TASK, framework, ok: false, reason: e instanceof Error ? e.message : String(e) });

/**
 * The CNN rows: tensorgraph wasm (`steps`, then test accuracy; its initial weights seed every
 * other row), TensorFlow.js on each of `tfjsBackends` (wasm: `steps` and test accuracy; cpu:
 * `tfjsCpuSteps`), tensorgraph cpu (`cpuSteps`).
 */
export async function runCnn(s: CnnSettings, train: CnnData, test: CnnData, loadTfjs: () => Promise<typeof Tfjs>, tfjsBackends: readonly string[], progress: (l: string) => void): Promise<CnnResult[]> {
  progress(`${CNN_TASK}: ${s.steps} steps of batch ${s.batchSize} (${train.n} training examples), dropout ${s.dropout}, then ${test.n} test examples`);
  const results: CnnResult[] = [];
  let initial: Float32Array[];
  try {
    const tg = trainTensorgraph(s, train, test, 'wasm', s.steps, progress);
    results.push(tg.run);
    initial = tg.initial;
  } catch (e) {
    return [failed('tensorgraph wasm', e)];
  }
  for (const backend of tfjsBackends) {
    const steps = backend === 'cpu' ? s.tfjsCpuSteps : s.steps;
    if (steps <= 0) continue;
    try {
      const t = await loadTfjs();
      if (backend === 'wasm') {
        registerWasmConv2DBackpropFilter(t);
        await checkWasmConv2DBackpropFilter(t);
      }
      results.push(await trainTfjs(t, s, train, backend === 'cpu' ? null : test, backend, steps, initial, progress));
    } catch (e) {
      results.push(failed(`TensorFlow.js ${backend}`, e));
    }
  }
  if (s.cpuSteps > 0) {
    try {
      const tg = trainTensorgraph(s, train, null, 'cpu', s.cpuSteps, progress);
      // A fresh session of the same graph draws the same seeded weights (TensorFlow's seed rules).
      tg.initial.forEach((a, k) => {
        if (!a.every((v, i) => v === (initial[k] as Float32Array)[i])) throw new Error(`the cpu session's initial ${k}th variable differs from the wasm session's`);
      });
      results.push(tg.run);
    } catch (e) {
      results.push(failed('tensorgraph cpu', e));
    }
  }
  return results;
}

/** The largest |loss difference| over the steps both runs made, and the difference at the last of them. */
export function lossGap(a: readonly number[], b: readonly number[]): { max: number; last: number; steps: number } {
  const n = Math.min(a.length, b.length);
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return { max, last: n ? Math.abs((a[n - 1] as number) - (b[n - 1] as number)) : 0, steps: n };
}

/** The median of `stepMs` after the first `warmup` steps (all of them when there are no more). */
export function stepMedian(stepMs: readonly number[], warmup: number): number {
  return median(stepMs.length > warmup ? stepMs.slice(warmup) : stepMs);
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const sci = (v: number) => (v === 0 ? '0' : v.toExponential(1));

export function cnnReport(results: readonly CnnResult[], warmup: number): string {
  const base = results.find((r): r is CnnRun => r.ok && r.framework.startsWith('tensorgraph wasm'));
  const rows = results.map((r) => {
    if (!r.ok) return [r.framework, '', '', '', '', '', '', '', 'not measured', ''];
    const per = stepMedian(r.stepMs, warmup);
    const gap = base && base !== r ? lossGap(base.losses, r.losses) : null;
    return [
      r.framework,
      String(r.steps),
      ms(per),
      ms(r.stepMs[0] as number),
      (r.stepMs.reduce((a, b) => a + b, 0) / 1000).toFixed(1),
      (r.losses.at(-1) as number).toFixed(4),
      gap ? sci(gap.last) : '',
      gap ? sci(gap.max) : '',
      r.testAccuracy === null ? '–' : r.testAccuracy.toFixed(4),
      base ? `${(per / stepMedian(base.stepMs, warmup)).toFixed(2)}×` : '',
    ];
  });
  return table(
    ['framework / backend', 'steps', 'ms per step', '1st step ms', 'total s', 'loss at last step', '|Δ loss| there vs tg wasm', 'max |Δ loss| over steps', 'test accuracy', 'step time ÷ tensorgraph wasm'],
    rows,
    [false, true, true, true, true, true, true, true, true, true],
  );
}

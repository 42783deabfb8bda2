// `node build/bench/wasm-cnn.bench.js [steps]`: the convolution kernels and a training step of
// TensorFlow's Fashion-MNIST tutorial CNN (batch 64, Adam) on cpu and on wasm with 1 and 2
// threads. Conv: 1×64×64×32 input, 3×3×32→64 filter, SAME; forward, input and filter gradients,
// median ms of 7 calls after 3 warm-up calls. Step: median of `steps` (default 5) after 2 warm-up
// steps. The machine is shared: compare only figures of one run (and note its load average).
import os from 'node:os';
import type { Backend, BackendTensor, KernelContext } from '../src/backends/backend.js';
import { cpuBackend } from '../src/backends/cpu/backend.js';
import { WasmBackend } from '../src/backends/wasm/backend.js';
import type { DType } from '../src/core/dtypes.js';
import { NDArray } from '../src/core/ndarray.js';
import * as tf from '../src/v1.js';
import { tutorialCnnLogits } from './tutorial-cnn.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
let seed = 1;
const rand = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed / 2 ** 32) * 2 - 1;
};
const randomArray = (shape: number[]) => new NDArray('float32', shape, Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, rand));
const ints = (...v: number[]) => new NDArray('int32', [v.length], Int32Array.from(v));

/** Median ms of one kernel call on `backend` (inputs uploaded once, outputs released each call). */
function timeKernel(backend: Backend, opType: string, inputs: NDArray[], attrs: Record<string, unknown>): number {
  const kernel = backend.kernel(opType, { inputs: inputs.map((a) => a.dtype), outputs: ['float32'] }, attrs as never);
  if (!kernel) throw new Error(`${backend.name} has no ${opType} kernel`);
  const ts = inputs.map((a) => {
    const t = backend.upload(a);
    backend.retain(t);
    return t;
  });
  const ctx: KernelContext = {
    env: { opName: opType, opType, attrs: attrs as never },
    resources: {} as never,
    output: (_i: number, dtype: DType, shape: readonly number[]) => backend.allocate(dtype, shape),
  };
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const outs = kernel(ts, ctx) as BackendTensor[];
    if (i >= 3) times.push(performance.now() - t0);
    for (const o of outs) {
      backend.retain(o);
      backend.release(o);
    }
  }
  for (const t of ts) backend.release(t);
  return median(times);
}

function cnnStep(backend: Backend, steps: number): number {
  const graph = new tf.Graph();
  const m = graph.asDefault(() => {
    tf.setRandomSeed(1);
    const x = tf.placeholder(tf.float32, [null, 28, 28], 'x');
    const y = tf.placeholder(tf.int32, [null], 'y');
    // training: true builds dropout without a cond (the tutorial's training-mode graph)
    const logits = tutorialCnnLogits(tf, x, { rate: 0.4, training: true });
    const loss = tf.losses.sparseSoftmaxCrossEntropy({ labels: y, logits });
    return { x, y, loss, trainOp: new tf.train.AdamOptimizer(0.001).minimize(loss), init: tf.globalVariablesInitializer() };
  });
  const sess = new tf.Session({ graph, backend });
  sess.run(m.init);
  const feeds = new Map<tf.Tensor, NDArray>([
    [m.x, new NDArray('float32', [64, 28, 28], Float32Array.from({ length: 64 * 784 }, (_, i) => (i * 37) % 256))],
    [m.y, new NDArray('int32', [64], Int32Array.from({ length: 64 }, (_, i) => i % 10))],
  ]);
  const times: number[] = [];
  for (let i = 0; i < steps + 2; i++) {
    const t0 = performance.now();
    sess.run([m.trainOp, m.loss], feeds);
    if (i >= 2) times.push(performance.now() - t0);
  }
  sess.close();
  return median(times);
}

const steps = Number(process.argv[2] ?? 5);
const backends: [string, Backend][] = [
  ['cpu', cpuBackend],
  ['wasm 1 thread', new WasmBackend({ threads: 1 })],
  ['wasm 2 threads', new WasmBackend({ threads: 2 })],
];
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${os.cpus().length} CPUs`);
const attrs = { strides: [1, 1, 1, 1], dilations: [1, 1, 1, 1], padding: 'SAME', explicit_paddings: [], data_format: 'NHWC' };
const x = randomArray([1, 64, 64, 32]);
const f = randomArray([3, 3, 32, 64]);
const dy = randomArray([1, 64, 64, 64]);
const flops = 2 * 64 * 64 * 9 * 32 * 64;
for (const [name, be] of backends) {
  const fw = timeKernel(be, 'Conv2D', [x, f], attrs);
  const bi = timeKernel(be, 'Conv2DBackpropInput', [ints(1, 64, 64, 32), f, dy], attrs);
  const bf = timeKernel(be, 'Conv2DBackpropFilter', [x, ints(3, 3, 32, 64), dy], attrs);
  const g = (ms: number) => (flops / ms / 1e6).toFixed(1);
  console.log(`conv ${name}: forward ${fw.toFixed(2)} ms (${g(fw)} GFLOP/s), input grad ${bi.toFixed(2)} ms (${g(bi)}), filter grad ${bf.toFixed(2)} ms (${g(bf)})`);
}
for (const [name, be] of backends) console.log(`CNN training step, batch 64, ${name}: ${cnnStep(be, steps).toFixed(0)} ms`);
console.log(`load average after ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
process.exit(0);

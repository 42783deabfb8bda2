// TensorFlow.js 4.22 (`@tensorflow/tfjs`: tfjs-core with `-backend-cpu` or `-backend-wasm`), eager, PROD
// mode, inputs resident as tensors, every result disposed (or read back where ours reads back).
//
// Two threads on the wasm backend: tfjs turns its threaded build off under Node
// (`WASM_HAS_MULTITHREAD_SUPPORT` is false when `IS_NODE`), and its C side caps XNNPACK's pool at
// logical cores / 2 (`emscripten_num_logical_cores() / 2`, which reads `os.cpus().length` in
// Node: one thread on 2 cores), even when `setThreadsCount` asks for more. Here the flag is set to
// true, `setThreadsCount(threads)` is called, `os.cpus()` reports every CPU twice while the
// module starts (so the cap is the real logical count), and the Emscripten pthread workers, which
// it creates from `blob:` URLs, load from temporary files instead (web-shims.ts). The pthread
// code itself is Emscripten's Node support, already in the package (tfjs-backend-wasm-threaded-simd.wasm).
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { NotAvailable, type Setup, checkClose } from './cases.js';
import { CHAIN_A, CHAIN_B, CHAIN_C, CHAIN_N, CNN, CNN_SHAPES, CONV, DISPATCH_OPS, MATMUL_KINDS, MATMUL_SIZES, MLP, matmulId, oneHot, randomFloats, weightScale } from './rows.js';
import { recordBlobs, sendBlobsAsFiles } from './web-shims.js';
import { tfjsAddChain } from '../tfjs-add-chain.js';
import { checkWasmConv2DBackpropFilter, registerWasmConv2DBackpropFilter } from '../tfjs-wasm-conv2d-backprop-filter.js';
import { cnnFirstLoss } from './cnn-reference.js';
import { checkFirstCall } from './sample.js';

const require = createRequire(import.meta.url);
type Tf = typeof import('@tensorflow/tfjs-core');
type T = import('@tensorflow/tfjs-core').Tensor;
type Scalar = import('@tensorflow/tfjs-core').Scalar;

export function tfjsVersion(): string {
  return (JSON.parse(readFileSync(require.resolve('@tensorflow/tfjs-core/package.json'), 'utf8')) as { version: string }).version;
}

/** TensorFlow.js on its cpu or wasm backend with `threads` XNNPACK threads (see the header), ready. */
export async function loadTfjs(backend: 'cpu' | 'wasm', threads: number): Promise<{ tf: Tf; detail: string }> {
  if (backend === 'cpu' && threads !== 1) throw new NotAvailable('the cpu backend is single-threaded');
  if (backend === 'wasm' && threads > 1) {
    recordBlobs();
    // The module-level names of tf-backend-wasm.node.js that its pthread factory's text uses.
    sendBlobsAsFiles(
      "var require$$0 = require('fs'), require$$1 = require('path'), require$$3 = require('perf_hooks'), require$$4 = require('os'); var commonjsGlobal = globalThis;\n",
    );
  }
  const tf: Tf = await import('@tensorflow/tfjs-core');
  tf.env().set('PROD', true);
  // The gradient functions (training rows) are registered by the `@tensorflow/tfjs` bundle, not
  // by tfjs-core's Node bundle; it shares tfjs-core's module instance.
  await import('@tensorflow/tfjs');
  let detail = `TensorFlow.js ${tfjsVersion()} ${backend}`;
  if (backend === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  else {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}${path.sep}`);
    if (threads > 1) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
    wasm.setThreadsCount(threads);
    const cpus = os.cpus;
    if (threads > 1) os.cpus = () => [...cpus(), ...cpus()];
    try {
      if (!(await tf.setBackend('wasm'))) throw new Error("tf.setBackend('wasm') returned false");
      await tf.ready();
    } finally {
      os.cpus = cpus;
    }
    const actual = wasm.getThreadsCount();
    if (actual !== threads) throw new NotAvailable(`asked for ${threads} threads, XNNPACK runs ${actual}`);
    detail += `, SIMD ${(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) ? 'on' : 'off'}, ${actual} thread(s) (XNNPACK)`;
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') returned false`);
  await tf.ready();
  return { tf, detail };
}

export async function tfjsCases(backend: 'cpu' | 'wasm', threads: number): Promise<{ cases: Record<string, Setup>; detail: string }> {
  const { tf, detail } = await loadTfjs(backend, threads);

  // TensorFlow.js 4.22 wasm has no Conv2DBackpropFilter kernel: the filter-gradient and CNN rows
  // register the benchmarks' stand-in made of its own kernels (checked against tfjs cpu's first)
  // and say so in a note under the table. The cpu backend has its own kernel.
  let standIn: Promise<string | undefined> | undefined;
  const filterGradient = () =>
    (standIn ??= (async () => {
      if (backend === 'cpu') return undefined;
      // The same module; its namespace type from `import()` differs from `import * as` by `default`.
      const core = tf as unknown as Parameters<typeof registerWasmConv2DBackpropFilter>[0];
      registerWasmConv2DBackpropFilter(core);
      await checkWasmConv2DBackpropFilter(core);
      return "TF.js 4.22 wasm has no Conv2DBackpropFilter kernel; this figure uses the benchmarks' stand-in built from its own Transpose and XNNPACK Conv2D kernels (bench/tfjs-wasm-conv2d-backprop-filter.ts)";
    })());
  const t = (shape: readonly number[], seed: number, scale = 0.5) => tf.tensor(randomFloats(shape.reduce((a, b) => a * b, 1), seed, scale), [...shape]);
  /** Runs `body` and disposes everything it made except what it returns. */
  const made = (inputs: T[], fn: () => unknown) => ({
    fn,
    dispose: () => {
      for (const x of inputs) x.dispose();
    },
  });
  const cases: Record<string, Setup> = {};
  for (const kind of MATMUL_KINDS) {
    for (const n of MATMUL_SIZES) {
      cases[matmulId(kind, n)] = () => {
        const a = t([n, n], 1);
        const b = t([n, n], 2);
        const run = () => tf.matMul(a, b, kind === 'atb', kind === 'abt');
        const c = run();
        const A = randomFloats(n * n, 1);
        const B = randomFloats(n * n, 2);
        let want = 0;
        for (let k = 0; k < n; k++) want += (kind === 'atb' ? A[k * n] : A[k])! * (kind === 'abt' ? B[k] : B[k * n])!;
        checkClose(c.dataSync()[0] as number, want, `tfjs matmul ${kind} ${n}`);
        c.dispose();
        // The result stays on the backend (no read back), as ours stays in its arena; disposed.
        return made([a, b], () => {
          const r = run();
          // The wasm backend runs kernels synchronously; the cpu backend too.
          r.dispose();
        });
      };
    }
  }
  cases.chain = () => {
    const x = t([CHAIN_N], 3);
    const run = () => tf.tidy(() => tf.mul(tf.relu(tf.add(tf.mul(x, CHAIN_A), CHAIN_B)), CHAIN_C));
    const y = run();
    const x5 = randomFloats(CHAIN_N, 3)[5] as number;
    checkClose(y.dataSync()[5] as number, Math.max(0, x5 * CHAIN_A + CHAIN_B) * CHAIN_C, 'tfjs chain');
    y.dispose();
    return made([x], () => run().dispose());
  };
  cases.dispatch = () => {
    const x0 = tf.scalar(0);
    const one = tf.scalar(1);
    const run = () => tfjsAddChain((p, q) => tf.add(p, q), x0, one, DISPATCH_OPS);
    checkClose(run(), DISPATCH_OPS, 'tfjs dispatch');
    return made([x0, one], run);
  };
  cases['run-overhead'] = () => {
    const a = tf.scalar(2);
    const b = tf.scalar(3);
    const run = () => {
      const r = tf.add(a, b);
      const v = r.dataSync()[0] as number;
      r.dispose();
      return v;
    };
    checkClose(run(), 5, 'tfjs run overhead');
    return made([a, b], run);
  };
  const mlpVars = () => {
    const [i0, h1, h2, o] = MLP.sizes;
    const shapes: [number, number, number][] = [
      [i0, h1, 11],
      [h1, h2, 12],
      [h2, o, 13],
    ];
    return shapes.map(([fi, fo, seed]) => ({ w: tf.variable(t([fi, fo], seed, weightScale(fi))), b: tf.variable(tf.zeros([fo])) }));
  };
  const mlpForward = (layers: ReturnType<typeof mlpVars>, x: T) =>
    layers.reduce((h, l, i) => {
      const z = tf.add(tf.matMul(h, l.w), l.b);
      return i < layers.length - 1 ? tf.relu(z) : z;
    }, x);
  cases['mlp-infer'] = () => {
    const layers = mlpVars();
    const x = t([MLP.batch, MLP.sizes[0]], 14);
    const run = () => {
      const y = tf.tidy(() => mlpForward(layers, x));
      y.dataSync();
      y.dispose();
    };
    run();
    return made([x, ...layers.flatMap((l) => [l.w, l.b])], run);
  };
  cases['mlp-train'] = () => {
    const layers = mlpVars();
    const x = t([MLP.batch, MLP.sizes[0]], 14);
    const labels = tf.tensor(oneHot(MLP.batch, 10), [MLP.batch, 10]);
    const opt = tf.train.sgd(MLP.lr);
    const run = () => {
      const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(labels, mlpForward(layers, x)) as Scalar, true);
      loss?.dataSync();
      loss?.dispose();
    };
    run();
    return made([x, labels, ...layers.flatMap((l) => [l.w, l.b])], run);
  };
  const xShape = [CONV.n, CONV.h, CONV.w, CONV.cin] as [number, number, number, number];
  const fShape = [CONV.k, CONV.k, CONV.cin, CONV.cout] as [number, number, number, number];
  const yShape = [CONV.n, CONV.h, CONV.w, CONV.cout];
  cases['conv-fwd'] = () => {
    const x = t(xShape, 21) as import('@tensorflow/tfjs-core').Tensor4D;
    const f = t(fShape, 22, weightScale(9 * CONV.cin)) as import('@tensorflow/tfjs-core').Tensor4D;
    return made([x, f], () => tf.conv2d(x, f, 1, 'same').dispose());
  };
  // The gradient kernels, called as TensorFlow.js's conv2d gradient calls them.
  const conv = { strides: [1, 1] as [number, number], pad: 'same', dataFormat: 'NHWC', dimRoundingMode: undefined };
  cases['conv-bwd-input'] = () => {
    const f = t(fShape, 22, weightScale(9 * CONV.cin));
    const dy = t(yShape, 23);
    return made([f, dy], () => (tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: f }, { ...conv, inputShape: xShape } as never) as T).dispose());
  };
  cases['conv-bwd-filter'] = async () => {
    // Its naive loop took 27.8 s per call on the 2-core machine (2026-12-01): one call alone would
    // cost a tenth of the run's budget, so it is not run.
    if (backend === 'cpu') throw new NotAvailable('its single call took 27.8 s on this machine (2026-12-01 run): not run, over the per-case limit');
    const note = await filterGradient();
    const x = t(xShape, 21);
    const dy = t(yShape, 23);
    return { ...made([x, dy], () => (tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...conv, filterShape: fShape } as never) as T).dispose()), note };
  };
  cases['cnn-train'] = async () => {
    const note = await filterGradient();
    const S = CNN_SHAPES;
    const v = (shape: readonly number[], seed: number, fanIn: number) => tf.variable(t(shape, seed, weightScale(fanIn)));
    const w = [v(S.w1, 31, 25), tf.variable(tf.zeros([32])), v(S.w2, 32, 800), tf.variable(tf.zeros([64])), v(S.w3, 33, 3136), tf.variable(tf.zeros([1024])), v(S.w4, 34, 1024), tf.variable(tf.zeros([10]))];
    const [w1, b1, w2, b2, w3, b3, w4, b4] = w as unknown as [T, T, T, T, T, T, T, T];
    const x = t(S.x, 35) as import('@tensorflow/tfjs-core').Tensor4D;
    const labels = tf.tensor(oneHot(CNN.batch, 10), [CNN.batch, 10]);
    const opt = tf.train.sgd(CNN.lr);
    const pool = (z: import('@tensorflow/tfjs-core').Tensor4D) => tf.maxPool(z, 2, 2, 'same');
    const run = () => {
      const loss = opt.minimize(() => {
        const c1 = pool(tf.relu(tf.add(tf.conv2d(x, w1 as never, 1, 'same'), b1)) as never);
        const c2 = pool(tf.relu(tf.add(tf.conv2d(c1, w2 as never, 1, 'same'), b2)) as never);
        const d1 = tf.relu(tf.add(tf.matMul(tf.reshape(c2, [CNN.batch, 7 * 7 * 64]), w3), b3));
        return tf.losses.softmaxCrossEntropy(labels, tf.add(tf.matMul(d1, w4), b4)) as Scalar;
      }, true);
      const v = loss?.dataSync()[0] as number;
      loss?.dispose();
      return v;
    };
    // The first step, timed as the sampler times first calls (see jax.ts), its loss checked.
    const t0 = performance.now();
    const first = run();
    checkFirstCall(performance.now() - t0);
    checkClose(first, cnnFirstLoss(), 'tfjs CNN loss before the first update');
    return { ...made([x, labels, ...w], run), note };
  };
  return { cases, detail };
}

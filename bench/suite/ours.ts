// tensorgraph on its cpu backend (the reference) or its wasm backend with a pool of `threads`.
// Every case is a graph run through `sess.run`, as a TF1 user would write it. Inputs that a
// real program keeps resident (weights, the matmul operands) are variables; feeds are fed.
import * as tf from 'tensorgraph/v1';
import { type Setup, checkClose } from './cases.js';
import { cnnFirstLoss } from './cnn-reference.js';
import {
  CHAIN_A,
  CHAIN_B,
  CHAIN_C,
  CHAIN_N,
  CNN,
  CNN_SHAPES,
  CONV,
  DISPATCH_OPS,
  MATMUL_KINDS,
  MATMUL_SIZES,
  MLP,
  matmulId,
  oneHot,
  randomFloats,
  weightScale,
} from './rows.js';

const NO_REWRITES = new tf.ConfigProto({ graphOptions: { optimizerOptions: { optLevel: 'L0' } } });

let cpuBackend: { readonly stats: { readonly allocations: number } } = { stats: { allocations: Number.NaN } };

/** Loads the cpu backend's counters from the module instance the sessions use (dist/internals.js). */
export async function loadCpuStats(): Promise<void> {
  const url = new URL('./internals.js', import.meta.resolve('tensorgraph/v1'));
  cpuBackend = ((await import(url.href)) as { cpuBackend: typeof cpuBackend }).cpuBackend;
}

export function oursCases(backendName: 'cpu' | 'wasm', threads: number): Record<string, Setup> {
  const backend = backendName === 'cpu' ? 'cpu' : new tf.WasmBackend({ threads });
  // The backend's buffer counters (the cpu backend's from dist/, the module the sessions use).
  const backendStats = () => (typeof backend === 'string' ? cpuBackend.stats : backend.stats);
  const session = (g: tf.Graph, config?: tf.ConfigProto) => new tf.Session({ graph: g, backend, ...(config ? { config } : {}) });
  const nd = (shape: readonly number[], seed: number, scale = 0.5) =>
    new tf.NDArray('float32', [...shape], randomFloats(shape.reduce((a, b) => a * b, 1), seed, scale));
  /** A graph, a session with its variables initialized, and the session closed on dispose. */
  const withGraph = (build: () => { target: tf.Tensor | tf.Operation | (tf.Tensor | tf.Operation)[]; feed?: Map<tf.Tensor, tf.NDArray>; check?: (first: ReturnType<tf.Session['run']>) => void }, config?: tf.ConfigProto) => {
    const g = new tf.Graph();
    const { target, feed, init, check } = g.asDefault(() => {
      const b = build();
      return { ...b, init: tf.globalVariablesInitializer() };
    });
    const s = session(g, config);
    s.run(init);
    const f = feed ?? new Map();
    const first = s.run(target, f);
    check?.(first);
    return { fn: () => s.run(target, f), dispose: () => s.close(), allocations: () => backendStats().allocations, s };
  };

  const cases: Record<string, Setup> = {};
  for (const kind of MATMUL_KINDS) {
    for (const n of MATMUL_SIZES) {
      cases[matmulId(kind, n)] = () => {
        let c!: tf.Tensor;
        const r = withGraph(() => {
          const a = new tf.Variable(nd([n, n], 1), { name: 'a' });
          const b = new tf.Variable(nd([n, n], 2), { name: 'b' });
          c = tf.matmul(a, b, kind === 'atb', kind === 'abt');
          // The op as a target: the product stays in the session's arena, no copy out.
          return { target: c.op };
        });
        const v = r.s.run(c) as tf.NDArray;
        const A = randomFloats(n * n, 1);
        const B = randomFloats(n * n, 2);
        let want = 0; // C[0][0]
        for (let k = 0; k < n; k++) want += (kind === 'atb' ? A[k * n] : A[k])! * (kind === 'abt' ? B[k] : B[k * n])!;
        checkClose((v.data as Float32Array)[0] as number, want, `matmul ${kind} ${n}`);
        return r;
      };
    }
  }
  cases.chain = () => {
    const x = nd([CHAIN_N], 3);
    let y!: tf.Tensor;
    const r = withGraph(() => {
      const xv = new tf.Variable(x, { name: 'x' });
      y = tf.multiply(tf.nn.relu(tf.add(tf.multiply(xv, CHAIN_A), CHAIN_B)), CHAIN_C);
      return { target: y.op };
    });
    const got = (r.s.run(y) as tf.NDArray).data as Float32Array;
    const x0 = (x.data as Float32Array)[5] as number;
    checkClose(got[5] as number, Math.max(0, x0 * CHAIN_A + CHAIN_B) * CHAIN_C, 'chain');
    return r;
  };
  cases.dispatch = () => {
    let y!: tf.Tensor;
    let xp!: tf.Tensor;
    const r = withGraph(() => {
      xp = tf.placeholder('float32', [], 'x');
      const one = tf.constant(1, 'float32');
      y = xp;
      for (let i = 0; i < DISPATCH_OPS; i++) y = tf.add(y, one);
      return { target: y, feed: new Map([[xp, new tf.NDArray('float32', [], Float32Array.of(0))]]) };
    }, NO_REWRITES);
    checkClose((r.fn() as tf.NDArray).data[0] as number, DISPATCH_OPS, 'dispatch');
    return r;
  };
  cases['run-overhead'] = () => {
    let xp!: tf.Tensor;
    const r = withGraph(() => {
      xp = tf.placeholder('float32', [], 'x');
      return { target: tf.add(xp, tf.constant(3, 'float32')), feed: new Map([[xp, new tf.NDArray('float32', [], Float32Array.of(2))]]) };
    });
    checkClose((r.fn() as tf.NDArray).data[0] as number, 5, 'run overhead');
    return r;
  };
  const mlp = (train: boolean) => () => {
    const [i0, h1, h2, o] = MLP.sizes;
    return withGraph(() => {
      const x = tf.placeholder('float32', [MLP.batch, i0], 'x');
      const labels = tf.placeholder('float32', [MLP.batch, o], 'labels');
      const layer = (inp: tf.Tensor, fi: number, fo: number, seed: number, act: boolean) => {
        const w = new tf.Variable(nd([fi, fo], seed, weightScale(fi)));
        const b = new tf.Variable(new tf.NDArray('float32', [fo], new Float32Array(fo)));
        const z = tf.add(tf.matmul(inp, w), b);
        return act ? tf.nn.relu(z) : z;
      };
      const logits = layer(layer(layer(x, i0, h1, 11, true), h1, h2, 12, true), h2, o, 13, false);
      const feed = new Map([[x, nd([MLP.batch, i0], 14)]]);
      if (!train) return { target: logits, feed };
      feed.set(labels, new tf.NDArray('float32', [MLP.batch, o], oneHot(MLP.batch, o)));
      const loss = tf.reduceMean(tf.nn.softmaxCrossEntropyWithLogits({ labels, logits }));
      const step = new tf.train.GradientDescentOptimizer(MLP.lr).minimize(loss);
      return { target: [loss, step], feed };
    });
  };
  cases['mlp-infer'] = mlp(false);
  cases['mlp-train'] = mlp(true);
  const convOpts = { strides: [1, 1, 1, 1], padding: 'SAME' } as const;
  const xShape = [CONV.n, CONV.h, CONV.w, CONV.cin];
  const fShape = [CONV.k, CONV.k, CONV.cin, CONV.cout];
  const yShape = [CONV.n, CONV.h, CONV.w, CONV.cout];
  cases['conv-fwd'] = () =>
    withGraph(() => {
      const x = new tf.Variable(nd(xShape, 21));
      const f = new tf.Variable(nd(fShape, 22, weightScale(9 * CONV.cin)));
      return { target: tf.nn.conv2d(x, f, convOpts.strides, convOpts.padding).op };
    });
  cases['conv-bwd-input'] = () =>
    withGraph(() => {
      const f = new tf.Variable(nd(fShape, 22, weightScale(9 * CONV.cin)));
      const dy = new tf.Variable(nd(yShape, 23));
      return { target: tf.nn.conv2dBackpropInput(tf.constant(xShape, 'int32'), f, dy, convOpts.strides, convOpts.padding).op };
    });
  cases['conv-bwd-filter'] = () =>
    withGraph(() => {
      const x = new tf.Variable(nd(xShape, 21));
      const dy = new tf.Variable(nd(yShape, 23));
      return { target: tf.nn.conv2dBackpropFilter(x, tf.constant(fShape, 'int32'), dy, convOpts.strides, convOpts.padding).op };
    });
  cases['cnn-train'] = () =>
    withGraph(() => {
      const S = CNN_SHAPES;
      const x = tf.placeholder('float32', [...S.x], 'x');
      const labels = tf.placeholder('float32', [CNN.batch, 10], 'labels');
      const v = (shape: readonly number[], seed: number, fanIn: number) => new tf.Variable(nd(shape, seed, weightScale(fanIn)));
      const zeros = (n: number) => new tf.Variable(new tf.NDArray('float32', [n], new Float32Array(n)));
      const pool = (t: tf.Tensor) => tf.nn.maxPool(t, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME');
      const c1 = pool(tf.nn.relu(tf.add(tf.nn.conv2d(x, v(S.w1, 31, 25), [1, 1, 1, 1], 'SAME'), zeros(32))));
      const c2 = pool(tf.nn.relu(tf.add(tf.nn.conv2d(c1, v(S.w2, 32, 800), [1, 1, 1, 1], 'SAME'), zeros(64))));
      const flat = tf.reshape(c2, [CNN.batch, 7 * 7 * 64]);
      const d1 = tf.nn.relu(tf.add(tf.matmul(flat, v(S.w3, 33, 3136)), zeros(1024)));
      const logits = tf.add(tf.matmul(d1, v(S.w4, 34, 1024)), zeros(10));
      const loss = tf.reduceMean(tf.nn.softmaxCrossEntropyWithLogits({ labels, logits }));
      const step = new tf.train.GradientDescentOptimizer(CNN.lr).minimize(loss);
      const feed = new Map([
        [x, nd(S.x, 35)],
        [labels, new tf.NDArray('float32', [CNN.batch, 10], oneHot(CNN.batch, 10))],
      ]);
      const check = (first: unknown) => checkClose(((first as tf.NDArray[])[0] as tf.NDArray).data[0] as number, cnnFirstLoss(), 'CNN loss before the first update');
      return { target: [loss, step], feed, check };
    });
  return cases;
}

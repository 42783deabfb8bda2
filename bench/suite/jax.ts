// jax-js (`@jax-js/jax`) on its wasm device: eager ops are lazy and dispatched when a result is
// awaited (`blockUntilReady()`) or read (`dataSync()`); the MLP runs as `jit` functions, as a jax
// user would write it. jax-js has move semantics: `.ref` keeps an array alive across a call.
//
// Threads: jax-js splits kernels over a Web Worker pool of `navigator.hardwareConcurrency`
// workers when a global `Worker` exists, which Node lacks; for the multi-thread row a `Worker`
// global on `worker_threads` and `navigator.hardwareConcurrency = threads` are installed before it
// loads (web-shims.ts). With one thread no `Worker` global exists and it runs on the calling thread.
import { NotAvailable, type Setup, checkClose, packageVersion } from './cases.js';
import { CHAIN_A, CHAIN_B, CHAIN_C, CHAIN_N, CNN, CNN_SHAPES, CONV, DISPATCH_OPS, MATMUL_KINDS, MATMUL_SIZES, MLP, matmulId, oneHot, randomFloats, weightScale } from './rows.js';
import { cnnFirstLoss } from './cnn-reference.js';
import { checkFirstCall } from './sample.js';
import { installWebWorker, recordBlobs, webWorkerStats } from './web-shims.js';

export async function jaxCases(threads: number): Promise<{ cases: Record<string, Setup>; detail: string; summary: () => string }> {
  if (threads > 1) {
    recordBlobs();
    installWebWorker(threads);
  }
  const jax = await import('@jax-js/jax');
  const version = packageVersion('@jax-js/jax');
  const np = jax.numpy;
  type A = ReturnType<typeof np.array>;
  const available = await jax.init('wasm');
  if (!available.includes('wasm')) throw new Error(`device 'wasm' unavailable (init returned [${available.join(', ')}])`);
  jax.defaultDevice('wasm');
  const arr = (shape: readonly number[], seed: number, scale = 0.5) => np.array(randomFloats(shape.reduce((a, b) => a * b, 1), seed, scale), { shape: [...shape] });
  const held = (xs: A[], fn: () => unknown) => ({
    fn,
    dispose: () => {
      for (const x of xs) x.dispose();
    },
  });
  const cases: Record<string, Setup> = {};
  for (const kind of MATMUL_KINDS) {
    for (const n of MATMUL_SIZES) {
      cases[matmulId(kind, n)] = async () => {
        const a = arr([n, n], 1);
        const b = arr([n, n], 2);
        const product = () => np.matmul(kind === 'atb' ? a.ref.transpose() : a.ref, kind === 'abt' ? b.ref.transpose() : b.ref);
        const A = randomFloats(n * n, 1);
        const B = randomFloats(n * n, 2);
        let want = 0;
        for (let k = 0; k < n; k++) want += (kind === 'atb' ? A[k * n] : A[k])! * (kind === 'abt' ? B[k] : B[k * n])!;
        checkClose(product().dataSync()[0] as number, want, `jax-js matmul ${kind} ${n}`);
        // Computed, not read back: blockUntilReady, then freed.
        return held([a, b], async () => (await product().blockUntilReady()).dispose());
      };
    }
  }
  cases.chain = () => {
    const x = arr([CHAIN_N], 3);
    const run = () => np.multiply(jax.nn.relu(np.add(np.multiply(x.ref, CHAIN_A), CHAIN_B)), CHAIN_C);
    const x5 = randomFloats(CHAIN_N, 3)[5] as number;
    checkClose(run().dataSync()[5] as number, Math.max(0, x5 * CHAIN_A + CHAIN_B) * CHAIN_C, 'jax-js chain');
    return held([x], async () => (await run().blockUntilReady()).dispose());
  };
  cases.dispatch = () => {
    const run = () => {
      let x = np.zeros([]);
      for (let i = 0; i < DISPATCH_OPS; i++) x = np.add(x, 1);
      return x.dataSync()[0] as number;
    };
    checkClose(run(), DISPATCH_OPS, 'jax-js dispatch');
    return { fn: run };
  };
  cases['run-overhead'] = () => {
    const a = np.array(2);
    const b = np.array(3);
    const run = () => np.add(a.ref, b.ref).dataSync()[0] as number;
    checkClose(run(), 5, 'jax-js run overhead');
    return held([a, b], run);
  };
  const [i0, h1, h2, o] = MLP.sizes;
  const mlpParams = () =>
    (
      [
        [i0, h1, 11],
        [h1, h2, 12],
        [h2, o, 13],
      ] as const
    ).flatMap(([fi, fo, seed]) => [arr([fi, fo], seed, weightScale(fi)), np.zeros([fo])]);
  const forward = (p: A[], x: A) => {
    let h = x;
    for (let i = 0; i < 3; i++) {
      const z = np.add(np.matmul(h, p[2 * i] as A), p[2 * i + 1] as A);
      h = i < 2 ? jax.nn.relu(z) : z;
    }
    return h;
  };
  cases['mlp-infer'] = () => {
    const p = mlpParams();
    const x = arr([MLP.batch, i0], 14);
    const f = jax.jit((ps: A[], xs: A) => forward(ps, xs));
    const run = async () => (await f(p.map((q) => q.ref), x.ref).blockUntilReady()).dispose();
    return { fn: run, dispose: () => {
        for (const q of [...p, x]) q.dispose();
      },
    };
  };
  cases['mlp-train'] = () => {
    let p = mlpParams();
    const x = arr([MLP.batch, i0], 14);
    const y = np.array(oneHot(MLP.batch, o), { shape: [MLP.batch, o] });
    const loss = (ps: A[], xs: A, ys: A) => np.mean(np.negative(np.sum(np.multiply(ys, jax.nn.logSoftmax(forward(ps, xs), -1)), -1)));
    const step = jax.jit((ps: A[], xs: A, ys: A) => {
      const g = jax.grad(loss)(ps.map((q) => q.ref), xs, ys) as A[];
      return ps.map((q, i) => np.subtract(q, np.multiply(g[i] as A, MLP.lr)));
    });
    const run = async () => {
      p = step(p, x.ref, y.ref) as A[];
      await jax.blockUntilReady(p);
    };
    return { fn: run, dispose: () => {
        for (const q of [...p, x, y]) q.dispose();
      },
    };
  };
  cases['conv-fwd'] = () => {
    // lax.conv is NCHW / OIHW.
    const x = arr([CONV.n, CONV.cin, CONV.h, CONV.w], 21);
    const f = arr([CONV.cout, CONV.cin, CONV.k, CONV.k], 22, weightScale(9 * CONV.cin));
    return held([x, f], async () => (await jax.lax.conv(x.ref, f.ref, [1, 1], 'SAME').blockUntilReady()).dispose());
  };
  // The conv gradients: `vjp` of lax.conv with respect to one operand, inside `jit` (jax's own
  // transpose rules give the backprop kernels; the forward value is not used).
  const convGrad = (wrt: 'input' | 'filter') => () => {
    const x = arr([CONV.n, CONV.cin, CONV.h, CONV.w], 21);
    const f = arr([CONV.cout, CONV.cin, CONV.k, CONV.k], 22, weightScale(9 * CONV.cin));
    const dy = arr([CONV.n, CONV.cout, CONV.h, CONV.w], 23);
    const g = jax.jit((xs: A, fs: A, dys: A) => {
      const [y, back] = wrt === 'input' ? jax.vjp((v: A) => jax.lax.conv(v, fs, [1, 1], 'SAME'), [xs]) : jax.vjp((v: A) => jax.lax.conv(xs, v, [1, 1], 'SAME'), [fs]);
      y.dispose();
      const [d] = back(dys) as A[];
      back.dispose();
      return d as A;
    });
    return held([x, f, dy], async () => (await g(x.ref, f.ref, dy.ref).blockUntilReady()).dispose());
  };
  cases['conv-bwd-input'] = convGrad('input');
  cases['conv-bwd-filter'] = convGrad('filter');
  // The tutorial CNN in jax's NCHW / OIHW layout, with the same values as ours: the HWIO filters
  // are permuted to OIHW and the dense kernel's rows to the (c, h, w) order of an NCHW flatten, on
  // the host before timing. Max-pool is lax.reduceWindow of np.max over 2×2 windows, stride 2 (its
  // gradient is the pool primitive's transpose); biases are [C, 1, 1] to broadcast over H and W.
  cases['cnn-train'] = async () => {
    // As tfjs cpu's filter gradient (tfjs.ts): measured once, far over the per-case limit, so a
    // default run does not spend two to four minutes learning that again.
    if (process.env.TG_BENCH_JAX_CNN !== '1') {
      throw new NotAvailable(
        'a step took 20.8 s and the first (tracing, compiling) 52-108 s on this machine (2026-12-01, load 2.5-7; its loss matched the reference): not run, over the per-case limit (TG_BENCH_JAX_CNN=1 runs it)',
      );
    }
    const S = CNN_SHAPES;
    const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
    const put = (shape: readonly number[], perm: readonly number[], data: Float32Array) =>
      np.array(permute(data, shape, perm), { shape: perm.map((i) => shape[i] as number) });
    const hwioToOihw = [3, 2, 0, 1];
    let p: A[] = [
      put(S.w1, hwioToOihw, randomFloats(size(S.w1), 31, weightScale(25))),
      np.zeros([32, 1, 1]),
      put(S.w2, hwioToOihw, randomFloats(size(S.w2), 32, weightScale(800))),
      np.zeros([64, 1, 1]),
      put([7, 7, 64, 1024], [2, 0, 1, 3], randomFloats(size(S.w3), 33, weightScale(3136))).reshape([3136, 1024]),
      np.zeros([1024]),
      arr(S.w4, 34, weightScale(1024)),
      np.zeros([10]),
    ];
    const x = put(S.x, [0, 3, 1, 2], randomFloats(size(S.x), 35));
    const y = np.array(oneHot(CNN.batch, 10), { shape: [CNN.batch, 10] });
    const pool = (z: A) => jax.lax.reduceWindow(z, (v: A) => np.max(v), [2, 2], [2, 2]);
    const loss = (ps: A[], xs: A, ys: A) => {
      const [w1, b1, w2, b2, w3, b3, w4, b4] = ps as [A, A, A, A, A, A, A, A];
      const c1 = pool(jax.nn.relu(np.add(jax.lax.conv(xs, w1, [1, 1], 'SAME'), b1)));
      const c2 = pool(jax.nn.relu(np.add(jax.lax.conv(c1, w2, [1, 1], 'SAME'), b2)));
      const d1 = jax.nn.relu(np.add(np.matmul(c2.reshape([CNN.batch, 7 * 7 * 64]), w3), b3));
      const logits = np.add(np.matmul(d1, w4), b4);
      return np.mean(np.negative(np.sum(np.multiply(ys, jax.nn.logSoftmax(logits, -1)), -1)));
    };
    const step = jax.jit((ps: A[], xs: A, ys: A) => {
      const [l, g] = jax.valueAndGrad(loss)(ps.map((q) => q.ref), xs, ys) as [A, A[]];
      return [l, ps.map((q, i) => np.subtract(q, np.multiply(g[i] as A, CNN.lr)))];
    });
    // One step: the loss read back (as ours and tfjs read it), the updated weights computed.
    const run = async () => {
      const [l, next] = step(p, x.ref, y.ref) as [A, A[]];
      p = next;
      const v = l.dataSync()[0] as number;
      await jax.blockUntilReady(p);
      return v;
    };
    // The first step (it traces and compiles) is timed here, so that a step over the sampler's
    // limit costs one step, not two, and the reference loss is computed only for a step that fits.
    const t0 = performance.now();
    const first = await run();
    checkFirstCall(performance.now() - t0);
    checkClose(first, cnnFirstLoss(), 'jax-js CNN loss before the first update');
    return { fn: run, dispose: () => {
        for (const q of [...p, x, y]) q.dispose();
      },
    };
  };
  const detail = `jax-js ${version} wasm, ${threads > 1 ? `a pool of ${threads} workers (Worker global on worker_threads)` : 'calling thread only'}`;
  const summary = () => {
    const s = webWorkerStats();
    return threads > 1 ? `${detail}: ${s.workers} workers started, ${s.messages} messages posted to them` : detail;
  };
  return { cases, detail, summary };
}

/** `data` of row-major `shape` with its axes permuted: out axis i is input axis perm[i]. */
export function permute(data: Float32Array, shape: readonly number[], perm: readonly number[]): Float32Array {
  const out = new Float32Array(data.length);
  const outShape = perm.map((i) => shape[i] as number);
  const inStrides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const strides = perm.map((i) => inStrides[i] as number);
  const idx = new Array<number>(perm.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let d = 0; d < idx.length; d++) src += (idx[d] as number) * (strides[d] as number);
    out[o] = data[src] as number;
    for (let d = idx.length - 1; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      if ((idx[d] as number) < (outShape[d] as number)) break;
      idx[d] = 0;
    }
  }
  return out;
}

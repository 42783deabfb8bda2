// The activations and their gradient ops on the wasm backend (kernels/activations.ts) against the
// CPU kernels (float64 formulas rounded once): error in float32 ulps over a dense sweep with ±0,
// subnormal and tiny inputs, large ones, ±inf and NaN; fused chains; GEMM epilogues; errors.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import { NDArray } from '../../../src/core/ndarray.js';
import * as tf from '../../../src/v1.js';
import { assertClose, randomArray, runFused, runKernel, wasm1, wasm2 } from './helpers.js';

const bits = new Int32Array(1);
const fl = new Float32Array(bits.buffer);
/** A float32's position on the number line in ulps (-0 and +0 both 0). */
function ordinal(x: number): number {
  fl[0] = x;
  const b = bits[0] as number;
  return b < 0 ? -(b & 0x7fffffff) : b;
}

/**
 * Largest distance in ulps between got and want (NaN must match NaN, infinities exactly);
 * results below 2^-126 in magnitude (where exp may flush) are only checked to stay below it.
 */
export function maxUlps(got: Float32Array, want: Float32Array, what: string): number {
  let worst = 0;
  for (let i = 0; i < got.length; i++) {
    const g = got[i] as number;
    const w = want[i] as number;
    if (Number.isNaN(w) || Number.isNaN(g)) {
      assert.ok(Number.isNaN(w) && Number.isNaN(g), `${what}[${i}]: ${g} vs ${w}`);
      continue;
    }
    if (!Number.isFinite(w) || !Number.isFinite(g)) {
      assert.equal(g, w, `${what}[${i}]`);
      continue;
    }
    if (Math.abs(w) < 2 ** -126) {
      assert.ok(Math.abs(g) <= 2 ** -126, `${what}[${i}]: ${g} vs ${w}`);
      continue;
    }
    worst = Math.max(worst, Math.abs(ordinal(g) - ordinal(w)));
  }
  return worst;
}

/** A dense sweep: a fine grid over [-30, 30], powers over 2^-149..2^127 of both signs, specials. */
function sweep(): Float32Array {
  const xs: number[] = [0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 2 ** -149, -(2 ** -149), 3.4e38, -3.4e38, 0.625, -0.625, 0.7, -0.7, 6, -6];
  const n = 200_000;
  for (let i = 0; i <= n; i++) xs.push(-30 + (60 * i) / n);
  for (let e = -149; e <= 127; e += 0.01) xs.push(2 ** e, -(2 ** e));
  return Float32Array.from(xs);
}

const f32 = (xs: Float32Array | number[]) => new NDArray('float32', [xs.length], Float32Array.from(xs));
const data = (a: NDArray | undefined) => (a as NDArray).data as Float32Array;

/** Max ulps each op is held to (measured: see the test names). */
const UNARY_ULPS: Record<string, number> = { Tanh: 3, Elu: 3, Selu: 3, Softplus: 3, Softsign: 1, Relu6: 0, Log: 2, Rsqrt: 1, Reciprocal: 0 };

describe('wasm activations against the CPU kernels', () => {
  const xs = sweep();
  const x = f32(xs);
  for (const [op, limit] of Object.entries(UNARY_ULPS)) {
    test(`${op} within ${limit} ulp over the sweep (1 and 2 threads)`, () => {
      const want = data(runKernel(cpuBackend, op, [x])[0]);
      for (const be of [wasm1, wasm2]) {
        const worst = maxUlps(data(runKernel(be, op, [x])[0]), want, op);
        console.log(`${op}: ${worst} ulp`);
        assert.ok(worst <= limit, `${op}: ${worst} ulp`);
      }
      // the scalar tail (odd lengths) computes what the vector loop does
      for (const n of [1, 3, 5, 7]) {
        const part = f32(xs.subarray(1000, 1000 + n));
        assert.equal(maxUlps(data(runKernel(wasm1, op, [part])[0]), data(runKernel(cpuBackend, op, [part])[0]), `${op} tail`) <= limit, true);
      }
    });
  }
  test('±0, ±inf and NaN exactly as the CPU kernels (signed zeros too); tiny inputs within the bound', () => {
    const s = f32([0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 1e-30, -1e-30]);
    for (const op of Object.keys(UNARY_ULPS)) {
      const got = [...data(runKernel(wasm1, op, [s])[0])];
      const want = [...data(runKernel(cpuBackend, op, [s])[0])];
      assert.deepEqual(got.slice(0, 2).map((v) => Object.is(v, -0)), want.slice(0, 2).map((v) => Object.is(v, -0)), `${op} signed zeros`);
      assert.deepEqual(got.slice(0, 5), want.slice(0, 5), op);
      assert.ok(maxUlps(Float32Array.from(got.slice(5)), Float32Array.from(want.slice(5)), op) <= (UNARY_ULPS[op] as number), `${op} tiny`);
    }
  });
});

/** (first input, second input) sweeps for each gradient op, as TensorFlow orders its inputs. */
const GRAD_ULPS: Record<string, number> = { TanhGrad: 2, SigmoidGrad: 2, Relu6Grad: 0, EluGrad: 1, SeluGrad: 2, SoftplusGrad: 3, SoftsignGrad: 3 };

describe('wasm activation gradient ops against the CPU kernels', () => {
  const xs = sweep();
  // the second operand walks the sweep, the first a scrambled copy of it (dy/g values)
  const a = f32(xs.map((_v, i) => (xs[(i * 7919) % xs.length] as number) / 8));
  const b = f32(xs);
  // TanhGrad / SigmoidGrad take the activation's output first
  const y = (op: string) => data(runKernel(cpuBackend, op, [b])[0]);
  for (const [op, limit] of Object.entries(GRAD_ULPS)) {
    test(`${op} within ${limit} ulp`, () => {
      const ins = op === 'TanhGrad' ? [f32(y('Tanh')), a] : op === 'SigmoidGrad' ? [f32(y('Sigmoid')), a] : [a, b];
      const want = data(runKernel(cpuBackend, op, ins)[0]);
      if (op === 'SoftplusGrad') {
        // as TensorFlow's float32 formula g / (exp(-x) + 1): where exp(-x) overflows float32 the
        // result is g / inf (the CPU reference, in float64, keeps g·e^x there)
        const bx = data(b);
        const ga = data(a);
        const got = data(runKernel(wasm1, op, ins)[0]);
        for (let i = 0; i < bx.length; i++) {
          if ((bx[i] as number) < -88.73) {
            assert.ok(Object.is(got[i], (ga[i] as number) / Number.POSITIVE_INFINITY), `SoftplusGrad(${ga[i]}, ${bx[i]}) = ${got[i]}`);
            want[i] = got[i] as number;
          }
        }
      }
      for (const be of [wasm1, wasm2]) {
        const worst = maxUlps(data(runKernel(be, op, ins)[0]), want, op);
        console.log(`${op}: ${worst} ulp`);
        assert.ok(worst <= limit, `${op}: ${worst} ulp`);
      }
    });
  }
  test('mismatched shapes raise the CPU kernel error', () => {
    const p = f32([1, 2, 3]);
    const q = f32([1, 2]);
    for (const op of ['EluGrad', 'Relu6Grad', 'SoftplusGrad']) {
      const message = (be: typeof wasm1 | typeof cpuBackend) => {
        try {
          runKernel(be, op, [p, q]);
        } catch (e) {
          assert.equal((e as Error).name, 'InvalidArgumentError');
          return (e as Error).message;
        }
        assert.fail(`${op} on ${be.name}: no error`);
      };
      assert.equal(message(wasm1), message(cpuBackend), op);
    }
  });
  test('LeakyRelu and LeakyReluGrad (alpha attr) run on wasm with the CPU values, bit for bit', () => {
    const special = new NDArray('float32', [7], Float32Array.of(Number.NaN, -0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1e-40, 3));
    const big = randomArray([200_003], 5);
    const bigG = randomArray([200_003], 6);
    for (const alpha of [0.3, 0.2, 0, 1.5]) {
      for (const [x, g] of [[b, a], [special, special], [big, bigG]] as [NDArray, NDArray][]) {
        for (const be of [wasm1, wasm2]) {
          const what = `alpha ${alpha}, ${x.size} values, ${be.threads} thread(s)`;
          assert.deepEqual(data(runKernel(be, 'LeakyRelu', [x], { alpha })[0]), data(runKernel(cpuBackend, 'LeakyRelu', [x], { alpha })[0]), `LeakyRelu ${what}`);
          assert.deepEqual(data(runKernel(be, 'LeakyReluGrad', [g, x], { alpha })[0]), data(runKernel(cpuBackend, 'LeakyReluGrad', [g, x], { alpha })[0]), `LeakyReluGrad ${what}`);
        }
      }
    }
    // TensorFlow's float32 alpha: -1 · 0.3f, also in a float64 kernel (TF 2.21: -0.30000001192092896)
    assert.equal(data(runKernel(wasm1, 'LeakyRelu', [new NDArray('float32', [1], Float32Array.of(-1))], { alpha: 0.3 })[0])[0], Math.fround(-0.3));
    assert.equal(data(runKernel(cpuBackend, 'LeakyRelu', [new NDArray('float64', [1], Float64Array.of(-1))], { alpha: 0.3 })[0])[0], -0.30000001192092896);
    assert.equal(data(runKernel(cpuBackend, 'LeakyReluGrad', [new NDArray('float64', [1], Float64Array.of(1)), new NDArray('float64', [1], Float64Array.of(-1))], { alpha: 0.3 })[0])[0], 0.30000001192092896);
  });
});

describe('activations fuse', () => {
  test('chains of activations and gradient ops give the unfused kernels values exactly', () => {
    const p = randomArray([103], 3);
    const q = randomArray([103], 3);
    const links = [{ op: 'Tanh' }, { op: 'Elu' }, { op: 'Mul', operand: 1 }, { op: 'Softplus' }, { op: 'SoftplusGrad', operand: 1 }, { op: 'Selu' }, { op: 'Softsign' }, { op: 'Relu6' }];
    let want = p;
    for (const l of links) want = runKernel(wasm1, l.op, l.operand ? [want, q] : [want])[0] as NDArray;
    assertClose(runFused(wasm1, { dtype: 'float32', links, scalar: [false, false] }, [p, q]), want, 0, 'chain');
  });

  test('a graph of Tanh → TanhGrad-style ops plans as one fused step, and dense layers take Elu/Tanh as epilogues', () => {
    const g = new tf.Graph();
    const m = g.asDefault(() => {
      tf.setRandomSeed(3);
      const x = tf.placeholder(tf.float32, [4, 8], 'x');
      const h = tf.layers.dense(x, 16, { activation: tf.nn.elu });
      const o = tf.layers.dense(h, 5, { activation: tf.tanh });
      const z = tf.nn.softsign(tf.nn.softplus(tf.multiply(o, 3)));
      return { x, z, init: tf.globalVariablesInitializer() };
    });
    const feeds = new Map([[m.x, randomArray([4, 8])]]);
    const run = (backend: 'cpu' | 'wasm') => {
      using sess = new tf.Session({ graph: g, backend });
      sess.run(m.init);
      if (backend === 'wasm') {
        const plan = sess.describePlan(m.z, feeds);
        assert.deepEqual(plan.steps.filter((s) => s.backend.name !== 'wasm').map((s) => s.kind), []);
        const kernels = plan.steps.filter((s) => s.kind === 'kernel' || s.kind === 'fused');
        const types = kernels.map((s) => s.ops.map((o) => o.type).join('+'));
        assert.ok(!types.includes('Elu') && !types.includes('Tanh'), `Elu and Tanh in the MatMul epilogues: ${types.join(' ')}`);
        assert.ok(types.includes('Mul+Softplus+Softsign'), types.join(' '));
      }
      return sess.run(m.z, feeds) as NDArray;
    };
    assertClose(run('wasm'), run('cpu'), 1e-5, 'z');
  });
});

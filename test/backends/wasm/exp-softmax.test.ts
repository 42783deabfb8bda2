// exp-based kernels of the wasm backend: Exp and Sigmoid (vector polynomial) against Math.exp,
// and Softmax over the last axis against a float64 reference.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NDArray } from '../../../src/core/ndarray.js';
import { type FunctionBuilder, ModuleBuilder, ValType } from '../../../src/backends/wasm/builder/index.js';
import { relaxedSimdSupported } from '../../../src/backends/wasm/features.js';
import { type Temps, emitExp, emitExpNonPositive, emitLog, temps } from '../../../src/backends/wasm/kernels/vmath.js';
import { assertClose, randomArray, runFused, runKernel, wasm1, wasm2 } from './helpers.js';

const f32 = (xs: number[]) => new NDArray('float32', [xs.length], Float32Array.from(xs));

/** Largest error in float32 ulps of the result (values below 2^-126 compared absolutely). */
function maxUlp(got: Float32Array, want: (i: number) => number): number {
  let worst = 0;
  for (let i = 0; i < got.length; i++) {
    const w = Math.fround(want(i));
    const g = got[i] as number;
    if (Object.is(w, g) || (Number.isNaN(w) && Number.isNaN(g))) continue;
    if (Math.abs(w) < 2 ** -126 && Math.abs(g) < 2 ** -126) continue;
    worst = Math.max(worst, Math.abs(w - g) / (Math.abs(w) * 2 ** -23));
  }
  return worst;
}

describe('wasm Exp and Sigmoid', () => {
  const n = 100_003;
  const xs = Float32Array.from({ length: n }, (_, i) => -110 + (200 * i) / n);
  const x = new NDArray('float32', [n], xs);
  test('Exp within 2 ulp over the float range; inf, -inf, NaN, overflow', () => {
    for (const be of [wasm1, wasm2]) {
      const y = (runKernel(be, 'Exp', [x])[0] as NDArray).data as Float32Array;
      assert.ok(maxUlp(y, (i) => Math.exp(xs[i] as number)) <= 2);
    }
    const special = runKernel(wasm1, 'Exp', [f32([0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 88.8, -200, 1])])[0] as NDArray;
    assert.deepEqual([...(special.data as Float32Array)], [1, Number.POSITIVE_INFINITY, 0, Number.NaN, Number.POSITIVE_INFINITY, 0, Math.fround(Math.E)]);
  });
  test('Sigmoid within 2 ulp; saturates to 0 and 1', () => {
    const y = (runKernel(wasm2, 'Sigmoid', [x])[0] as NDArray).data as Float32Array;
    assert.ok(maxUlp(y, (i) => 1 / (1 + Math.exp(-(xs[i] as number)))) <= 2);
    const s = runKernel(wasm1, 'Sigmoid', [f32([0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN])])[0] as NDArray;
    assert.deepEqual([...(s.data as Float32Array)], [0.5, 1, 0, Number.NaN]);
  });
  test('Exp and Sigmoid fuse into chains', () => {
    const a = randomArray([37]);
    const b = randomArray([37]);
    const chain = { dtype: 'float32' as const, links: [{ op: 'Exp' }, { op: 'Mul', operand: 1 }, { op: 'Sigmoid' }], scalar: [false, false] };
    const want = runKernel(wasm1, 'Sigmoid', [runKernel(wasm1, 'Mul', [runKernel(wasm1, 'Exp', [a])[0] as NDArray, b])[0] as NDArray])[0] as NDArray;
    assertClose(runFused(wasm1, chain, [a, b]), want, 0, 'chain');
  });
});

/** `emit`'s function of `xs` by a module emitting it (with or without multiply-adds), four lanes at a time. */
function emitted(emit: (f: FunctionBuilder, t: Temps, fma: boolean) => void, fma: boolean, xs: Float32Array): Float32Array {
  const memory = new WebAssembly.Memory({ initial: 256, maximum: 256, shared: true });
  const mb = new ModuleBuilder({ initial: 256, maximum: 256, shared: true });
  const f = mb.func('run', [ValType.i32, ValType.i32, ValType.i32]);
  const t = temps(f);
  const i = f.local(ValType.i32);
  f.forLoop(i, () => f.i32(0), () => f.get(2), 16, () => {
    f.get(1).get(i).op('i32_add').get(0).get(i).op('i32_add').v128Load(0, 0);
    emit(f, t, fma);
    f.v128Store(0, 0);
  });
  const run = new WebAssembly.Instance(mb.compile(), { env: { memory } }).exports.run as (a: number, b: number, n: number) => void;
  const heap = new Float32Array(memory.buffer);
  heap.set(xs, 0);
  run(0, xs.length * 4, xs.length * 4);
  return heap.slice(xs.length, 2 * xs.length);
}

describe('emitExp and emitLog in both forms', () => {
  // a dense grid over the whole range, then the specials (a multiple of four values)
  const grid = Array.from({ length: 400_000 }, (_, i) => -110 + (200 * i) / 400_000);
  const xs = Float32Array.from([...grid, 0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 88.72, 88.73, -87.4, -103.9, -104.5, 1, -1]);
  for (const fma of [false, true]) {
    test(`${fma ? 'multiply-adds' : 'products and sums'}: within 1 ulp where the result is normal, inf above ln(FLT_MAX), NaN kept`, (t) => {
      if (fma && !relaxedSimdSupported()) return t.skip('this engine has no relaxed SIMD');
      const y = emitted(emitExp, fma, xs);
      assert.ok(maxUlp(y.subarray(0, grid.length), (i) => Math.exp(xs[i] as number)) <= 1);
      const special = [...y.subarray(grid.length)];
      assert.deepEqual(special.slice(0, 5), [1, 1, Number.POSITIVE_INFINITY, 0, Number.NaN]);
      // just below ln(FLT_MAX) (2^128 applied in halves), and at ±1
      for (const k of [5, 10, 11]) assert.ok(maxUlp(y.subarray(grid.length + k, grid.length + k + 1), () => Math.exp(xs[grid.length + k] as number)) <= 1, `exp(${xs[grid.length + k]})`);
      assert.equal(special[6], Number.POSITIVE_INFINITY);
      // below 2^-126: subnormal or flushed, never above the true value's binade
      for (const k of [7, 8, 9]) assert.ok((special[k] as number) <= 2 ** -126, `exp(${xs[grid.length + k]}) = ${special[k]}`);
    });
  }
  // softmax's exp: x ≤ 0 only
  const nx = Float32Array.from([...grid.filter((v) => v <= 0), ...Array.from({ length: 3 }, () => 0), -0, Number.NEGATIVE_INFINITY, Number.NaN, -87.6, -87.7, -88, -1e30, -1]);
  const nSpecial = nx.length - 11;
  for (const fma of [false, true]) {
    test(`exp of x ≤ 0, ${fma ? 'multiply-adds' : 'products and sums'}: within 2.5 ulp where the result is normal, 0 below about 2^-126.5`, (t) => {
      if (fma && !relaxedSimdSupported()) return t.skip('this engine has no relaxed SIMD');
      const y = emitted(emitExpNonPositive, fma, nx);
      const ulp = maxUlp(y.subarray(0, nSpecial + 3), (i) => Math.exp(nx[i] as number));
      assert.ok(ulp <= 2.5, `${ulp} ulp`);
      const special = [...y.subarray(nSpecial + 3)];
      assert.deepEqual(special.slice(0, 3), [1, 0, Number.NaN]);
      // exp(-87.6) is subnormal but kept (n = -126), below that flushed to 0, never garbage
      assert.ok((special[3] as number) > 0 && (special[3] as number) < 2 ** -126);
      assert.deepEqual(special.slice(4, 7), [0, 0, 0]);
      assert.ok(Math.abs((special[7] as number) - Math.exp(-1)) <= 2.5 * 2 ** -25, `exp(-1) = ${special[7]}`);
    });
  }
  // positive floats from 2^-149 to 2^128 by ~1/3000 of a binade, a dense grid near 1, then the specials
  const pos = [...Array.from({ length: 830_000 }, (_, i) => 2 ** (-149 + (277 * i) / 830_000)), ...Array.from({ length: 100_000 }, (_, i) => 0.5 + i / 50_000)];
  const lx = Float32Array.from([...pos, 0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, -1, 1, 2 ** -149]);
  for (const fma of [false, true]) {
    test(`log, ${fma ? 'multiply-adds' : 'products and sums'}: within 2 ulp from 2^-149 to 2^128; ±0, negatives, inf, NaN`, (t) => {
      if (fma && !relaxedSimdSupported()) return t.skip('this engine has no relaxed SIMD');
      const y = emitted(emitLog, fma, lx);
      assert.ok(maxUlp(y.subarray(0, pos.length), (i) => Math.log(lx[i] as number)) <= 2);
      assert.deepEqual([...y.subarray(pos.length)], [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, Number.NaN, Number.NaN, Number.NaN, 0, Math.fround(Math.log(2 ** -149))]);
    });
  }
});

describe('wasm Softmax', () => {
  const ref = (x: NDArray) => {
    const cols = x.shape.at(-1) as number;
    const d = x.data as Float32Array;
    const out = new Float32Array(x.size);
    for (let r = 0; r * cols < x.size; r++) {
      const row = [...d.subarray(r * cols, (r + 1) * cols)];
      const m = Math.max(...row);
      const e = row.map((v) => Math.exp(v - m));
      const s = e.reduce((p, q) => p + q, 0);
      e.forEach((v, j) => {
        out[r * cols + j] = v / s;
      });
    }
    return new NDArray('float32', x.shape, out);
  };
  test('rows of odd widths, over threads, against float64', () => {
    for (const shape of [[1], [5], [3, 4], [7, 9], [2, 3, 17], [300, 257], [0, 5], [4, 0]]) {
      const x = randomArray(shape, 10);
      for (const be of [wasm1, wasm2]) assertClose(runKernel(be, 'Softmax', [x])[0] as NDArray, ref(x), 3e-6, `Softmax [${shape}]`);
    }
  });
  test('-inf entries give 0, NaN poisons its row, huge logits do not overflow', () => {
    const x = new NDArray('float32', [3, 3], Float32Array.from([Number.NEGATIVE_INFINITY, 0, 0, Number.NaN, 1, 2, 1e30, 1e30, -1e30]));
    const y = [...((runKernel(wasm1, 'Softmax', [x])[0] as NDArray).data as Float32Array)];
    assert.deepEqual(y.slice(0, 3), [0, 0.5, 0.5]);
    assert.ok(y.slice(3, 6).every(Number.isNaN));
    assert.deepEqual(y.slice(6), [0.5, 0.5, 0]);
  });
  test('a scalar is refused', () => {
    assert.throws(() => runKernel(wasm1, 'Softmax', [new NDArray('float32', [], Float32Array.from([1]))]), {
      name: 'InvalidArgumentError',
      message: 'logits must have >= 1 dimension, got []',
    });
  });
});

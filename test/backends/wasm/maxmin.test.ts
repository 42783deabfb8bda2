// Max and Min on the wasm backend against the CPU reference, bit for bit (NaN propagation,
// infinities, the sign of a zero result, empty reductions): rows, columns, interleaved axes,
// keep_dims, the thread splits; other dtypes through the hosted CPU kernel; the CPU's errors.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import type { DType } from '../../../src/core/dtypes.js';
import { NDArray } from '../../../src/core/ndarray.js';
import { contiguousRun } from '../../../src/backends/wasm/kernels/maxmin.js';
import { randomArray, runKernel, wasm1, wasm2 } from './helpers.js';

const i32 = (xs: number[]) => new NDArray('int32', [xs.length], Int32Array.from(xs));
const plain = (a: NDArray) => ({ dtype: a.dtype, shape: [...a.shape], data: Array.from(a.data as ArrayLike<number | bigint>, (v) => (typeof v === 'bigint' ? `${v}n` : v)) });

/** Both ops on both wasm backends give exactly the CPU kernel's output (Object.is on each value: -0 ≠ 0). */
function same(x: NDArray, axes: number[], keep = false, out: DType = 'float32'): void {
  for (const op of ['Max', 'Min']) {
    const attrs = { keep_dims: keep };
    const want = plain(runKernel(cpuBackend, op, [x, i32(axes)], attrs, [out])[0] as NDArray);
    for (const be of [wasm1, wasm2]) {
      assert.deepEqual(plain(runKernel(be, op, [x, i32(axes)], attrs, [out])[0] as NDArray), want, `${op}([${x.shape.join(',')}], axes [${axes.join(',')}], keep ${keep}) on ${be.threads} thread(s)`);
    }
  }
}

/** Random values with NaN, ±Infinity, ±0 and ties sprinkled at `every`-spaced places (none when 0). */
function special(shape: number[], every = 0): NDArray {
  const x = randomArray(shape);
  const d = x.data as Float32Array;
  if (every > 0) {
    for (let i = 0; i < d.length; i += every) d[i] = Number.NaN;
    for (let i = 2; i < d.length; i += every + 1) d[i] = Number.POSITIVE_INFINITY;
    for (let i = 4; i < d.length; i += every + 3) d[i] = Number.NEGATIVE_INFINITY;
    for (let i = 1; i < d.length; i += 3) d[i] = i % 2 ? 0 : -0;
  }
  return x;
}

describe('wasm Max and Min', () => {
  test('the axis patterns: rows, columns (1, 3, 4, 5, 13 of them), a middle run, interleaved, all', () => {
    const cases: [number[], number[][]][] = [
      [[5, 7], [[1], [0], [0, 1], [-1]]],
      [[9, 1], [[0], [1], [0, 1]]],
      [[6, 3], [[0]]],
      [[6, 4], [[0]]],
      [[7, 5], [[0]]],
      [[11, 13], [[0], [1]]],
      [[3, 6, 13], [[1], [0, 2], [0, 1], [1, 2], [2, 0], [0]]],
      [[2, 3, 4, 5], [[1, 2], [0, 3], [1, 3], [0, 2, 3], []]],
      [[4, 1, 3, 1, 5], [[1, 2], [0, 1, 2], [3], [0, 4], [2, 3, 4]]],
      [[1], [[0]]],
      [[3], [[0], []]],
    ];
    for (const [shape, axesList] of cases) {
      for (const axes of axesList) {
        for (const keep of [false, true]) same(special(shape), axes, keep);
      }
    }
    // a scalar over no axes
    same(new NDArray('float32', [], Float32Array.from([-0])), []);
  });

  test('NaN propagates, infinities and signed zeros as on the CPU', () => {
    for (const [shape, axesList] of [
      [[17, 23], [[1], [0], [0, 1]]],
      [[4, 9, 6], [[1], [0, 2], [2]]],
      [[3, 2], [[0], [1]]],
    ] as [number[], number[][]][]) {
      for (const every of [5, 13, 40]) for (const axes of axesList) same(special(shape, every), axes);
    }
    // all NaN, all -inf, only zeros of both signs in several orders
    same(new NDArray('float32', [2, 5], new Float32Array(10).fill(Number.NaN)), [1]);
    same(new NDArray('float32', [2, 5], new Float32Array(10).fill(Number.NEGATIVE_INFINITY)), [0]);
    for (const z of [[0, -0, 0, -0, 0, -0], [-0, 0, -0, 0, -0, 0], [0, 0, 0, 0, -0, -0], [-0, -0, -0, -0, 0, 0]]) {
      same(new NDArray('float32', [1, 6], Float32Array.from(z)), [1]);
      same(new NDArray('float32', [6, 1], Float32Array.from(z)), [0]);
      same(new NDArray('float32', [3, 2], Float32Array.from(z)), [0]);
    }
    // the maximum 0 at two places, -0 first or +0 first: across the row kernel's quarters, its
    // last quarter's extra vectors and the scalar tail (the first one wins, as on the CPU)
    for (const n of [16, 37, 64, 71]) {
      for (const p of [0, 3, 5, n >> 2, (n >> 1) + 2, n - 5, n - 1]) {
        for (const q of [1, 4, (n >> 2) + 1, n - 2]) {
          if (p === q) continue;
          for (const [zp, zq] of [[-0, 0], [0, -0]]) {
            const x = randomArray([2, n]);
            const d = x.data as Float32Array;
            for (let i = 0; i < d.length; i++) d[i] = -1 - Math.abs(d[i] as number);
            for (const row of [0, n]) {
              d[row + p] = zp as number;
              d[row + q] = zq as number;
            }
            same(x, [1]);
            same(x, [0, 1]);
          }
        }
      }
    }
    const [m] = runKernel(wasm1, 'Max', [new NDArray('float32', [6], Float32Array.from([1, 2, Number.NaN, 3, 4, 5])), i32([0])], { keep_dims: false });
    assert.ok(Number.isNaN((m as NDArray).get(0) as number), 'a NaN wins the max');
  });

  test('empty reductions give -inf (Max) and +inf (Min); empty outputs', () => {
    for (const [shape, axes] of [
      [[3, 0], [1]],
      [[0, 5], [0]],
      [[2, 0, 3], [1]],
      [[0], [0]],
      [[0, 5], [1]],
      [[0, 0], [0, 1]],
    ] as [number[], number[]][]) {
      for (const keep of [false, true]) same(randomArray(shape), axes, keep);
    }
    const [m] = runKernel(wasm1, 'Max', [randomArray([2, 0]), i32([1])], { keep_dims: false });
    assert.deepEqual(Array.from(m?.data as Float32Array), [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  });

  test('large cases split over two threads: rows, blocks, columns', () => {
    same(special([300, 257], 31), [1]); // rows
    same(special([4, 200, 100], 37), [1]); // four blocks of columns
    same(special([1000, 70], 41), [0]); // one block: the 70 columns split 36 + 34
    same(special([70001], 29), [0]); // one row
  });

  test('int32, float64 and float16 run the CPU kernel on the heap', () => {
    const ints = new NDArray('int32', [3, 4], Int32Array.from([5, -2, 7, 0, 3, 3, -9, 1, 2147483647, -2147483648, 4, 4]));
    same(ints, [1], false, 'int32');
    same(ints, [0], true, 'int32');
    same(new NDArray('int32', [2, 0], new Int32Array(0)), [1], false, 'int32');
    const f64 = new NDArray('float64', [2, 3], Float64Array.from([1, Number.NaN, 3, -1, -2, -3]));
    same(f64, [1], false, 'float64');
    assert.ok(wasm1.kernel('Max', { inputs: ['int64', 'int32'], outputs: ['int64'] }, { keep_dims: false } as never));
  });

  test('Prod runs the CPU kernel on the heap: its values exactly, any dtype', () => {
    for (const [x, axes, out] of [
      [special([6, 5], 7), [1], 'float32'],
      [special([4, 3, 2]), [0, 2], 'float32'],
      [randomArray([0, 3]), [0], 'float32'],
      [new NDArray('int32', [2, 3], Int32Array.from([1, -2, 3, 4, 5, 65536])), [1], 'int32'],
    ] as [NDArray, number[], DType][]) {
      const want = plain(runKernel(cpuBackend, 'Prod', [x, i32(axes)], { keep_dims: false }, [out])[0] as NDArray);
      for (const be of [wasm1, wasm2]) assert.deepEqual(plain(runKernel(be, 'Prod', [x, i32(axes)], { keep_dims: false }, [out])[0] as NDArray), want);
    }
  });

  test("the CPU kernel's errors", () => {
    const cases: [number[], string][] = [
      [[2], 'Invalid reduction dimension (2 for input with 2 dimension(s)'],
      [[-3], 'Invalid reduction dimension (-3 for input with 2 dimension(s)'],
      [[1, -1], 'Invalid reduction arguments: Axes contains duplicate dimension: 1'],
    ];
    for (const [axes, message] of cases) {
      for (const be of [cpuBackend, wasm1]) {
        assert.throws(() => runKernel(be, 'Min', [randomArray([2, 3]), i32(axes)], { keep_dims: false }), { name: 'InvalidArgumentError', message }, be.name);
      }
    }
  });

  test('contiguousRun: the [outer, R, inner] view, null for interleaved axes', () => {
    assert.deepEqual(contiguousRun([2, 3, 4], new Set([1])), { outer: 2, R: 3, inner: 4 });
    assert.deepEqual(contiguousRun([2, 1, 3, 4], new Set([0, 1, 2])), { outer: 1, R: 6, inner: 4 });
    assert.deepEqual(contiguousRun([2, 3, 1], new Set([1, 2])), { outer: 2, R: 3, inner: 1 });
    assert.deepEqual(contiguousRun([2, 3], new Set([])), { outer: 6, R: 1, inner: 1 });
    assert.deepEqual(contiguousRun([2, 1, 3], new Set([1])), { outer: 6, R: 1, inner: 1 });
    assert.equal(contiguousRun([2, 3, 4], new Set([0, 2])), null);
    assert.deepEqual(contiguousRun([2, 1, 4], new Set([0, 2])), { outer: 1, R: 8, inner: 1 });
  });
});

// ZerosLike and OnesLike on the wasm backend (kernels/fill.ts): float32 and int32 by a wasm loop
// at every length (vector blocks, word tails, threads), whatever the input holds; other dtypes
// through the CPU kernels on heap views.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NDArray } from '../../../src/core/ndarray.js';
import { runKernel, wasm1, wasm2 } from './helpers.js';

describe('wasm ZerosLike and OnesLike', () => {
  test('float32 and int32 at every length, 1 and 2 threads', () => {
    for (const n of [0, 1, 5, 16, 17, 63, 100_003]) {
      const f = new NDArray('float32', [n], Float32Array.from({ length: n }, (_, i) => [Number.NaN, -0, 3.5, Number.NEGATIVE_INFINITY][i % 4] as number));
      const k = new NDArray('int32', [n], Int32Array.from({ length: n }, (_, i) => i * 7 - 5));
      for (const be of [wasm1, wasm2]) {
        for (const [x, dtype] of [[f, 'float32'], [k, 'int32']] as const) {
          const z = runKernel(be, 'ZerosLike', [x], {}, [dtype])[0] as NDArray;
          const o = runKernel(be, 'OnesLike', [x], {}, [dtype])[0] as NDArray;
          assert.equal(z.dtype, dtype);
          assert.deepEqual([...z.shape], [n]);
          // +0, never -0
          assert.ok(Array.from(z.data as ArrayLike<number>).every((v) => Object.is(v, 0)), `ZerosLike ${dtype} ${n} on ${be.threads} thread(s)`);
          assert.ok(Array.from(o.data as ArrayLike<number>).every((v) => v === 1), `OnesLike ${dtype} ${n} on ${be.threads} thread(s)`);
        }
      }
    }
  });
  test('other dtypes through the CPU kernels', () => {
    const x = new NDArray('int64', [3], BigInt64Array.of(5n, -2n, 7n));
    assert.deepEqual(Array.from((runKernel(wasm1, 'OnesLike', [x], {}, ['int64'])[0] as NDArray).data as BigInt64Array), [1n, 1n, 1n]);
    const h = new NDArray('float64', [2, 2], Float64Array.of(1, 2, 3, 4));
    assert.deepEqual(Array.from((runKernel(wasm2, 'ZerosLike', [h], {}, ['float64'])[0] as NDArray).data as Float64Array), [0, 0, 0, 0]);
  });
});

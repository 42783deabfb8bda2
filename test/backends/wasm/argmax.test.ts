// ArgMax of float32 over the last axis on the wasm backend (kernels/argmax.ts) against the CPU
// kernel: NaN and -inf never chosen, ties (also -0 against +0, and across the four lanes) keep
// the first index, rows of every width (lane tails), int32 and int64 outputs, 1 and 2 threads;
// other axes and the errors through the CPU kernel.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import { NDArray } from '../../../src/core/ndarray.js';
import { runKernel, wasm1, wasm2 } from './helpers.js';

const dim = (d: number) => new NDArray('int32', [], Int32Array.of(d));
/** Values drawn from a small set, so rows hold ties, NaN, ±inf, ±0 and the lowest float. */
const POOL = [1, 2, 2, Number.NaN, Number.NEGATIVE_INFINITY, -0, 0, -3.4028234663852886e38, 5, 5, Number.POSITIVE_INFINITY, -1];

function rows(r: number, c: number, seed: number): NDArray {
  let s = seed;
  return new NDArray('float32', [r, c], Float32Array.from({ length: r * c }, () => {
    s = (s * 16807) % 2147483647;
    return POOL[s % POOL.length] as number;
  }));
}

describe('wasm ArgMax', () => {
  test('the CPU kernel\'s indices over the last axis: every width, both output types, 1 and 2 threads', () => {
    for (const [r, c] of [[1, 1], [3, 3], [5, 4], [7, 5], [17, 7], [9, 16], [4, 1000], [70_000, 3]]) {
      const x = rows(r, c, r * 31 + c);
      for (const out of ['int32', 'int64'] as const) {
        const want = runKernel(cpuBackend, 'ArgMax', [x, dim(1)], { output_type: out }, [out])[0] as NDArray;
        for (const be of [wasm1, wasm2]) {
          const got = runKernel(be, 'ArgMax', [x, dim(-1)], { output_type: out }, [out])[0] as NDArray;
          assert.equal(got.dtype, out);
          assert.deepEqual(Array.from(got.data as ArrayLike<number | bigint>), Array.from(want.data as ArrayLike<number | bigint>), `[${r}, ${c}] → ${out} on ${be.threads} thread(s)`);
        }
      }
    }
    // rows where lanes disagree: the maximum in lane 3 first, then equal in lane 0
    const x = new NDArray('float32', [2, 8], Float32Array.of(1, 0, 0, 9, 9, 0, 0, 9, Number.NaN, -0, 0, Number.NaN, 0, -0, Number.NaN, 0));
    assert.deepEqual(Array.from((runKernel(wasm1, 'ArgMax', [x, dim(1)], { output_type: 'int32' }, ['int32'])[0] as NDArray).data as Int32Array), [3, 1]);
  });
  test('a row of 2^24 or more columns (indices past float32\'s exact integers) through the CPU kernel', () => {
    const n = 2 ** 24 + 3;
    const d = new Float32Array(n);
    d[2 ** 24 + 1] = 1;
    const got = runKernel(wasm1, 'ArgMax', [new NDArray('float32', [1, n], d), dim(1)], { output_type: 'int32' }, ['int32'])[0] as NDArray;
    assert.equal((got.data as Int32Array)[0], 2 ** 24 + 1);
  });
  test('other axes and the errors through the CPU kernel', () => {
    const x = rows(6, 5, 3);
    const want = runKernel(cpuBackend, 'ArgMax', [x, dim(0)], { output_type: 'int64' }, ['int64'])[0] as NDArray;
    assert.deepEqual(Array.from((runKernel(wasm2, 'ArgMax', [x, dim(0)], { output_type: 'int64' }, ['int64'])[0] as NDArray).data as BigInt64Array), Array.from(want.data as BigInt64Array));
    const message = (be: typeof wasm1 | typeof cpuBackend, d: NDArray, input: NDArray) => {
      try {
        runKernel(be, 'ArgMax', [input, d], { output_type: 'int64' }, ['int64']);
      } catch (e) {
        assert.equal((e as Error).name, 'InvalidArgumentError');
        return (e as Error).message;
      }
      assert.fail('no error');
    };
    for (const [d, input] of [[dim(2), x], [new NDArray('int32', [2], Int32Array.of(0, 1)), x], [dim(1), new NDArray('float32', [3, 0], new Float32Array(0))]] as const) {
      assert.equal(message(wasm1, d, input), message(cpuBackend, d, input));
    }
  });
});

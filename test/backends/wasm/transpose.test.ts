// Transpose on the wasm backend: permutations that merge to a batch of 2-D transposes run 4×4
// SIMD tiles (kernels/transpose.ts), bit for bit the CPU kernel's values at every size (tile
// edges, column chunks, threads); other permutations, dtypes and invalid perms go to the CPU
// kernel on heap views, with its values and messages.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import { NDArray } from '../../../src/core/ndarray.js';
import * as tf from '../../../src/v1.js';
import { randomArray, runKernel, wasm1, wasm2 } from './helpers.js';
// after the backend (the kernel modules import it, and it imports them)
import { mergedPermutation } from '../../../src/backends/wasm/kernels/transpose.js';

const perm = (p: number[]) => new NDArray('int32', [p.length], Int32Array.from(p));

/** The wasm backends' Transpose of x by p equals the CPU kernel's, bit for bit. */
function check(x: NDArray, p: number[]): void {
  const attrs = { T: x.dtype, Tperm: 'int32' };
  const [want] = runKernel(cpuBackend, 'Transpose', [x, perm(p)], attrs, [x.dtype]) as [NDArray];
  for (const be of [wasm1, wasm2]) {
    const [got] = runKernel(be, 'Transpose', [x, perm(p)], attrs, [x.dtype]) as [NDArray];
    assert.deepEqual([...got.shape], [...want.shape], `[${x.shape}] by [${p}]`);
    assert.deepEqual(Array.from(got.data as Int32Array), Array.from(want.data as Int32Array), `[${x.shape}] by [${p}] on ${be.threads} thread(s)`);
  }
}

describe('wasm Transpose', () => {
  test('merged permutations: a matrix transpose, a batch of them, the identity, others', () => {
    assert.deepEqual(mergedPermutation([8, 32, 32, 64], [0, 3, 1, 2]), { dims: [8, 1024, 64], order: [0, 2, 1] });
    assert.deepEqual(mergedPermutation([8, 64, 32, 32], [0, 2, 3, 1]), { dims: [8, 64, 1024], order: [0, 2, 1] });
    assert.deepEqual(mergedPermutation([5, 1, 7], [2, 1, 0]), { dims: [5, 7], order: [1, 0] });
    assert.deepEqual(mergedPermutation([2, 3, 4], [0, 1, 2]), { dims: [24], order: [0] });
    assert.deepEqual(mergedPermutation([2, 3, 4], [2, 0, 1]), { dims: [6, 4], order: [1, 0] });
    assert.deepEqual(mergedPermutation([2, 3, 4], [1, 0, 2]), { dims: [2, 3, 4], order: [1, 0, 2] });
  });
  test('float32 and int32, 2-D and batched, sizes around the 4×4 tiles and the column chunks, 1 and 2 threads: the CPU values', () => {
    for (const [r, c] of [[1, 1], [3, 5], [4, 4], [7, 9], [8, 260], [261, 7], [300, 257], [1024, 70]] as const) check(randomArray([r, c]), [1, 0]);
    check(randomArray([8, 32, 32, 64]), [0, 3, 1, 2]);
    check(randomArray([8, 64, 32, 32]), [0, 2, 3, 1]);
    check(randomArray([3, 5, 7]), [0, 2, 1]);
    check(randomArray([2, 3, 4]), [2, 0, 1]);
    // not a batch of 2-D transposes: the CPU kernel
    check(randomArray([2, 3, 4]), [1, 0, 2]);
    check(randomArray([2, 3, 4, 5]), [3, 1, 2, 0]);
    // the identity: a copy
    check(randomArray([40, 50]), [0, 1]);
    check(randomArray([0, 5]), [1, 0]);
    const ints = new NDArray('int32', [67, 131], Int32Array.from({ length: 67 * 131 }, (_, i) => i * 7919 - 2 ** 30));
    check(ints, [1, 0]);
    // NaN payloads and -0 move unchanged (bit copies)
    const bits = new Float32Array(new Int32Array([0x7fc00001, 0x80000000, 0x7f800001, 1, 2, 3, 4, 5]).buffer);
    check(new NDArray('float32', [2, 4], bits), [1, 0]);
  });
  test('an invalid perm: the CPU kernel\u2019s error', () => {
    for (const be of [wasm1, wasm2]) {
      assert.throws(() => runKernel(be, 'Transpose', [randomArray([2, 3, 4]), perm([0, 1, 1])], { T: 'float32', Tperm: 'int32' }), {
        name: 'InvalidArgumentError',
        message: '2 is missing from {0,1,1}.',
      });
    }
  });
  test('tf.transpose of a float32 placeholder plans one wasm step, no transfers', () => {
    const g = new tf.Graph();
    const [x, y] = g.asDefault(() => {
      const x = tf.placeholder('float32', [2, 3, 4, 5], 'x');
      return [x, tf.transpose(x, [0, 3, 1, 2])];
    });
    using s = new tf.Session({ graph: g, backend: wasm2 });
    const feed = new Map([[x, randomArray([2, 3, 4, 5])]]);
    assert.doesNotMatch(s.describePlan(y, feed).toString(), /transfer/);
    const want = runKernel(cpuBackend, 'Transpose', [feed.get(x) as NDArray, perm([0, 3, 1, 2])], { T: 'float32', Tperm: 'int32' })[0] as NDArray;
    assert.deepEqual(Array.from((s.run(y, feed) as NDArray).data as Float32Array), Array.from(want.data as Float32Array));
  });
});

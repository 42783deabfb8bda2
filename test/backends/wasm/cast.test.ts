// Cast on the wasm backend: int32 → float32 and float32 → int32 as vector loops (kernels/cast.ts),
// the CPU kernel's values bit for bit (round to nearest even above 2^24; x86's INT32_MIN for NaN
// and out of range) at every length (lane tails, threads); other pairs through the CPU kernel.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import { NDArray } from '../../../src/core/ndarray.js';
import * as tf from '../../../src/v1.js';
import { runKernel, wasm1, wasm2 } from './helpers.js';

const special = [0, 1, -1, 2 ** 24 + 1, 2 ** 24 + 3, -(2 ** 24) - 1, 2147483647, -2147483648, 123456789, -987654321];

describe('wasm Cast', () => {
  test('int32 → float32 at every length, 1 and 2 threads, bit for bit', () => {
    for (const n of [0, 1, 3, 4, 5, 10, 100_003]) {
      const x = new NDArray('int32', [n], Int32Array.from({ length: n }, (_, i) => (special[i % special.length] as number) + (i < special.length ? 0 : (i * 7919) % 1000)));
      const want = runKernel(cpuBackend, 'Cast', [x], { SrcT: 'int32', DstT: 'float32' }, ['float32'])[0] as NDArray;
      for (const be of [wasm1, wasm2]) {
        const got = runKernel(be, 'Cast', [x], { SrcT: 'int32', DstT: 'float32' }, ['float32'])[0] as NDArray;
        assert.deepEqual(Array.from(got.data as Float32Array), Array.from(want.data as Float32Array), `n = ${n}, ${be.threads} thread(s)`);
      }
    }
    const r = runKernel(wasm1, 'Cast', [new NDArray('int32', [3], Int32Array.of(2 ** 24 + 1, 2 ** 24 + 3, 2147483647))], { SrcT: 'int32', DstT: 'float32' }, ['float32'])[0] as NDArray;
    assert.deepEqual(Array.from(r.data as Float32Array), [16777216, 16777220, 2147483648]);
  });
  test('float32 → int32 at every length, 1 and 2 threads: truncation, INT32_MIN for NaN and out of range (x86), as the CPU kernel', () => {
    const edge = [1.9, -1.9, Number.NaN, 3e9, -3e9, -0, 2147483520, 2147483648, -2147483648, -2147483904, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.5, -0.5, 8388609.5];
    for (const n of [0, 1, 3, 4, 5, 15, 16, 17, 100_003]) {
      // the edge values at the start and again in the tail lanes
      const x = new NDArray('float32', [n], Float32Array.from({ length: n }, (_, i) => (i < edge.length ? edge[i] : n - i <= 3 ? edge[(n - i) * 3] : Math.sin(i) * 10 ** (i % 10)) as number));
      const want = runKernel(cpuBackend, 'Cast', [x], { SrcT: 'float32', DstT: 'int32' }, ['int32'])[0] as NDArray;
      for (const be of [wasm1, wasm2]) {
        const got = runKernel(be, 'Cast', [x], { SrcT: 'float32', DstT: 'int32' }, ['int32'])[0] as NDArray;
        assert.deepEqual(Array.from(got.data as Int32Array), Array.from(want.data as Int32Array), `n = ${n}, ${be.threads} thread(s)`);
      }
    }
    const r = runKernel(wasm1, 'Cast', [new NDArray('float32', [8], Float32Array.of(1.9, -1.9, Number.NaN, 3e9, -3e9, 2147483520, 2147483648, -2147483648))], { SrcT: 'float32', DstT: 'int32' }, ['int32'])[0] as NDArray;
    assert.deepEqual(Array.from(r.data as Int32Array), [1, -1, -2147483648, -2147483648, -2147483648, 2147483520, -2147483648, -2147483648]);
  });
  test('tf.cast of an int32 placeholder plans one wasm step', () => {
    const g = new tf.Graph();
    const [x, y] = g.asDefault(() => {
      const x = tf.placeholder('int32', [2, 3], 'x');
      return [x, tf.cast(x, 'float32')];
    });
    const s = new tf.Session({ graph: g, backend: wasm2 });
    const feed = new Map([[x, new NDArray('int32', [2, 3], Int32Array.of(1, 2, 3, -4, 5, 16777217))]]);
    assert.doesNotMatch(s.describePlan(y, feed).toString(), /transfer/);
    assert.deepEqual(Array.from((s.run(y, feed) as NDArray).data as Float32Array), [1, 2, 3, -4, 5, 16777216]);
    s.close();
  });
});

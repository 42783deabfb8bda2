// The fused chain loop's three parts (blocks of eight vectors, or four for a chain reading two
// arrays, then single vectors, single lanes) at every size around their boundaries, split over
// threads, and written in place over its input.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ElementwiseChain } from '../../../src/backends/backend.js';
import { NDArray } from '../../../src/core/ndarray.js';
import { randomArray, runFused, wasm1, wasm2 } from './helpers.js';

// relu(x·a + b)·c - x, as the bench's chain row plus a reversed link.
const CHAIN: ElementwiseChain = {
  dtype: 'float32',
  links: [{ op: 'Mul', operand: 1 }, { op: 'AddV2', operand: 2 }, { op: 'Relu' }, { op: 'Mul', operand: 3 }, { op: 'Sub', operand: 0, reversed: true }],
  scalar: [false, true, true, true],
};
const A = 0.5;
const B = -0.1;
const C = 2;
const scalar = (v: number) => new NDArray('float32', [], Float32Array.of(v));
const f = Math.fround;
const want = (x: number) => f(x - f(Math.max(0, f(f(x * A) + f(B))) * C));

function check(x: NDArray, got: Float32Array): void {
  const xs = x.data as Float32Array;
  assert.equal(got.length, xs.length);
  for (let i = 0; i < xs.length; i++) assert.equal(got[i], want(xs[i] as number), `element ${i} of ${xs.length}`);
}

describe('fused chain loop', () => {
  test('every size from 0 to 70 (each loop part and their boundaries)', () => {
    for (let n = 0; n <= 70; n++) {
      const x = randomArray([n]);
      check(x, runFused(wasm1, CHAIN, [x, scalar(A), scalar(B), scalar(C)]).data as Float32Array);
    }
  });

  test('a chain of two arrays (blocks of four vectors): every size from 0 to 40', () => {
    // relu(x·y + b): y is an array, so the loop takes four vectors per block
    const two: ElementwiseChain = { dtype: 'float32', links: [{ op: 'Mul', operand: 1 }, { op: 'AddV2', operand: 2 }, { op: 'Relu' }], scalar: [false, false, true] };
    for (let n = 0; n <= 40; n++) {
      const x = randomArray([n]);
      const y = randomArray([n]);
      const got = runFused(wasm1, two, [x, y, scalar(B)]).data as Float32Array;
      const xs = x.data as Float32Array;
      const ys = y.data as Float32Array;
      for (let i = 0; i < n; i++) assert.equal(got[i], f(Math.max(0, f(f((xs[i] as number) * (ys[i] as number)) + f(B)))), `element ${i} of ${n}`);
    }
  });

  test('large sizes split over two threads', () => {
    for (const n of [65_536, 100_003, 1 << 20]) {
      const x = randomArray([n]);
      check(x, runFused(wasm2, CHAIN, [x, scalar(A), scalar(B), scalar(C)]).data as Float32Array);
    }
  });

  test('the output may be the running input itself', () => {
    const kernel = wasm1.fusedKernel(CHAIN);
    assert.ok(kernel);
    const x = randomArray([1003]);
    const t = wasm1.allocate('float32', [1003]);
    wasm1.retain(t);
    (wasm1.hostData(t) as Float32Array).set(x.data as Float32Array);
    const ins = [t, ...[A, B, C].map((v) => wasm1.upload(scalar(v)))];
    kernel(ins, { env: { opName: 'c', opType: 'c', attrs: {} }, resources: {} as never, output: () => t });
    check(x, wasm1.download(t).data as Float32Array);
    wasm1.release(t);
  });
});

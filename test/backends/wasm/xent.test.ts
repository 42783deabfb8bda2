// The softmax cross-entropies and LogSoftmax on the wasm backend against the CPU kernels: values
// (edge sizes, odd widths, row blocks split over threads), int32 and int64 labels, and errors.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import type { DType } from '../../../src/core/dtypes.js';
import { NDArray } from '../../../src/core/ndarray.js';
import { assertClose, randomArray, runKernel, wasm1, wasm2 } from './helpers.js';

function labels(rows: number, cols: number, dtype: 'int32' | 'int64'): NDArray {
  const xs = Array.from({ length: rows }, (_, r) => (r * 7 + 3) % Math.max(cols, 1));
  return dtype === 'int32' ? new NDArray('int32', [rows], Int32Array.from(xs)) : new NDArray('int64', [rows], BigInt64Array.from(xs.map(BigInt)));
}

/** Every output of the op on both wasm backends within `tol` of the CPU kernel's. */
function compare(op: string, inputs: NDArray[], outs: DType[], tol: number): void {
  const want = runKernel(cpuBackend, op, inputs, {}, outs);
  for (const be of [wasm1, wasm2]) {
    const got = runKernel(be, op, inputs, {}, outs);
    got.forEach((g, i) => {
      assertClose(g, want[i] as NDArray, tol, `${op} [${inputs[0]?.shape}] output ${i} on ${be.threads} thread(s)`);
    });
  }
}

/** The same error (class and message) from the CPU kernel and the wasm one. */
function sameError(op: string, inputs: NDArray[], outs: DType[], message: string | RegExp): void {
  for (const be of [cpuBackend, wasm1]) {
    assert.throws(() => runKernel(be, op, inputs, {}, outs), (e: Error) => {
      assert.equal(e.name, 'InvalidArgumentError', `${be.name}: ${e.message}`);
      if (typeof message === 'string') assert.equal(e.message, message);
      else assert.match(e.message, message);
      return true;
    });
  }
}

const SHAPES: [number, number][] = [[0, 10], [1, 1], [1, 10], [3, 5], [7, 9], [33, 10], [5, 4], [300, 257], [70000, 3]];

describe('wasm SparseSoftmaxCrossEntropyWithLogits', () => {
  test('loss and backprop as the CPU kernel: edge and odd sizes, split rows, int32 and int64 labels', () => {
    for (const [rows, cols] of SHAPES) {
      for (const dt of ['int32', 'int64'] as const) {
        compare('SparseSoftmaxCrossEntropyWithLogits', [randomArray([rows, cols], 8), labels(rows, cols, dt)], ['float32', 'float32'], 2e-6);
      }
    }
  });
  test('huge and -inf logits', () => {
    const x = new NDArray('float32', [2, 3], Float32Array.from([1e30, -1e30, 0, Number.NEGATIVE_INFINITY, 0, 1]));
    const l = new NDArray('int32', [2], Int32Array.from([0, 2]));
    const [loss, bp] = runKernel(wasm1, 'SparseSoftmaxCrossEntropyWithLogits', [x, l], {}, ['float32', 'float32']) as [NDArray, NDArray];
    assertClose(loss, runKernel(cpuBackend, 'SparseSoftmaxCrossEntropyWithLogits', [x, l], {}, ['float32', 'float32'])[0] as NDArray, 1e-6, 'loss');
    assert.equal((loss.data as Float32Array)[0], 0);
    assert.deepEqual([...(bp.data as Float32Array)].slice(0, 3), [0, 0, 0]);
  });
  test('errors as the CPU kernel', () => {
    const op = 'SparseSoftmaxCrossEntropyWithLogits';
    const outs: DType[] = ['float32', 'float32'];
    sameError(op, [randomArray([3, 4]), new NDArray('int32', [3], Int32Array.from([0, 4, -1]))], outs,
      'Received a label value of 4 which is outside the valid range of [0, 4).  Label values: 0 4 -1');
    sameError(op, [randomArray([2, 4]), new NDArray('int64', [2], BigInt64Array.from([-1n, 0n]))], outs,
      'Received a label value of -1 which is outside the valid range of [0, 4).  Label values: -1 0');
    sameError(op, [randomArray([4]), labels(4, 4, 'int32')], outs, 'logits must be 2-D, but got shape [4]');
    sameError(op, [randomArray([2, 4]), new NDArray('int32', [2, 1], Int32Array.from([0, 1]))], outs, 'labels must be 1-D, but got shape [2,1]');
    sameError(op, [randomArray([2, 4]), labels(3, 4, 'int32')], outs, 'logits and labels must have the same first dimension, got logits shape [2,4] and labels shape [3]');
    sameError(op, [randomArray([2, 0]), labels(2, 0, 'int32')], outs, 'Must have at least one class, but got logits shape [2,0]');
  });
});

describe('wasm LogSoftmax', () => {
  test('as the CPU kernel: edge and odd sizes, higher ranks, split rows', () => {
    for (const shape of [[0], [1], [7], [3, 5], [4, 0], [2, 3, 17], [300, 257], [70000, 3]]) compare('LogSoftmax', [randomArray(shape, 10)], ['float32'], 3e-6);
  });
  test('-inf and NaN entries, huge logits', () => {
    const x = new NDArray('float32', [3, 3], Float32Array.from([Number.NEGATIVE_INFINITY, 0, 0, Number.NaN, 1, 2, 1e30, 1e30, -1e30]));
    const y = [...((runKernel(wasm1, 'LogSoftmax', [x])[0] as NDArray).data as Float32Array)];
    assert.equal(y[0], Number.NEGATIVE_INFINITY);
    assert.ok(Math.abs((y[1] as number) + Math.LN2) < 1e-6);
    assert.ok(y.slice(3, 6).every(Number.isNaN));
    assert.ok(Math.abs((y[6] as number) + Math.LN2) < 1e-6);
    assert.equal(y[8], Math.fround(-2e30));
    compare('LogSoftmax', [x], ['float32'], 1e-6);
  });
  test('a scalar is refused as by the CPU kernel', () => {
    sameError('LogSoftmax', [new NDArray('float32', [], Float32Array.from([1]))], ['float32'], 'logits must have >= 1 dimension, got []');
  });
});

describe('wasm SoftmaxCrossEntropyWithLogits (CPU kernel on the heap)', () => {
  test('as the CPU kernel, with broadcasting', () => {
    for (const [a, b] of [[[0, 4], [0, 4]], [[1, 1], [1, 1]], [[5, 7], [5, 7]], [[5, 7], [1, 7]], [[1, 7], [5, 7]], [[5, 7], [7]], [[300, 257], [300, 257]]]) {
      compare('SoftmaxCrossEntropyWithLogits', [randomArray(a as number[], 5), randomArray(b as number[])], ['float32', 'float32'], 1e-6);
    }
  });
  test('errors as the CPU kernel', () => {
    const outs: DType[] = ['float32', 'float32'];
    sameError('SoftmaxCrossEntropyWithLogits', [randomArray([2, 3]), randomArray([2, 4])], outs, 'logits and labels must be broadcastable: logits_size=[2,3] labels_size=[2,4]');
    sameError('SoftmaxCrossEntropyWithLogits', [randomArray([2, 3, 1]), randomArray([2, 3, 1])], outs, 'logits and labels must be either 2-dimensional, or broadcasted to be 2-dimensional');
  });
});

// MaxPool, MaxPoolGrad, ReluGrad and BiasAddGrad on the wasm backend against the CPU reference
// (the same comparisons and sums: bitwise equal, NaN and infinities included).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NDArray } from '../../../src/core/ndarray.js';
import { checkAgainstCpu, randomArray, runKernel, wasm1 } from './helpers.js';

const pool = (k: number, s: number, padding: string, sh = s) => ({ ksize: [1, k, k, 1], strides: [1, sh, s, 1], padding, data_format: 'NHWC' });

/** x with some NaN (one window all NaN, some leading), ties and infinities. */
function special(shape: number[]): NDArray {
  const x = randomArray(shape);
  const d = x.data as Float32Array;
  for (let i = 0; i < d.length; i += 7) d[i] = Number.NaN;
  for (let i = 3; i < d.length; i += 11) d[i] = 0.5;
  for (let i = 5; i < d.length; i += 13) d[i] = Number.NEGATIVE_INFINITY;
  const c = shape[3] as number;
  // the first 2×2 window of channel 0 all NaN
  for (const p of [0, 1, shape[2] as number, (shape[2] as number) + 1]) d[p * c] = Number.NaN;
  return x;
}

const CASES: [number[], ReturnType<typeof pool>][] = [
  [[1, 4, 4, 1], pool(2, 2, 'VALID')],
  [[2, 7, 9, 3], pool(2, 2, 'SAME')],
  [[2, 7, 9, 3], pool(3, 2, 'VALID')],
  [[3, 8, 5, 5], pool(3, 1, 'SAME')],
  [[1, 9, 9, 2], pool(3, 3, 'SAME', 2)],
  [[64, 28, 28, 32], pool(2, 2, 'SAME')],
  // depth a multiple of 4: the wasm SIMD loops (two threads split 7 images as 4 + 3)
  [[2, 7, 9, 4], pool(3, 2, 'SAME')],
  [[1, 9, 9, 8], pool(3, 3, 'VALID', 2)],
  [[7, 40, 41, 8], pool(2, 2, 'SAME')],
  [[2, 5, 5, 12], pool(5, 1, 'SAME')],
  // MaxPool's 16-channel pass, then a vector of four, then single channels
  [[2, 6, 7, 16], pool(3, 2, 'SAME')],
  [[3, 5, 6, 23], pool(2, 2, 'VALID')],
  [[1, 8, 8, 36], pool(3, 1, 'SAME')],
  [[0, 4, 4, 3], pool(2, 2, 'SAME')],
  [[1, 1, 4, 1], pool(2, 2, 'VALID')],
];

describe('wasm MaxPool and MaxPoolGrad', () => {
  test('match the CPU reference exactly, NaN windows included', () => {
    for (const [shape, attrs] of CASES) {
      for (const x of [randomArray(shape), special(shape)]) {
        checkAgainstCpu('MaxPool', [x], attrs, 0);
        const y = runKernel(wasm1, 'MaxPool', [x], attrs)[0] as NDArray;
        checkAgainstCpu('MaxPoolGrad', [x, y, randomArray(y.shape)], attrs, 0);
      }
    }
  });

  test("TensorFlow's errors; depth pooling, EXPLICIT and NCHW stay on the CPU backend", () => {
    const a = pool(2, 2, 'VALID');
    assert.throws(() => runKernel(wasm1, 'MaxPool', [randomArray([4, 4, 1])], a), { name: 'InvalidArgumentError', message: 'input must be 4-dimensional[4,4,1]' });
    const x = randomArray([1, 4, 4, 1]);
    assert.throws(() => runKernel(wasm1, 'MaxPoolGrad', [x, randomArray([1, 2, 3, 1]), randomArray([1, 2, 2, 1])], a), {
      name: 'InvalidArgumentError',
      message: 'Expected orig_output shape to be [1,2,2,1], but got [1,2,3,1]',
    });
    assert.throws(() => runKernel(wasm1, 'MaxPoolGrad', [x, randomArray([1, 2, 2, 1]), randomArray([1, 2, 1, 1])], a), {
      name: 'InvalidArgumentError',
      message: 'Expected grad shape to be [1,2,2,1], but got [1,2,1,1]',
    });
    const sig = { inputs: ['float32'], outputs: ['float32'] } as never;
    assert.equal(wasm1.kernel('MaxPool', sig, { ...a, ksize: [1, 1, 1, 2], strides: [1, 1, 1, 2] } as never), undefined);
    assert.equal(wasm1.kernel('MaxPool', sig, { ...a, padding: 'EXPLICIT' } as never), undefined);
    assert.equal(wasm1.kernel('MaxPool', sig, { ...a, data_format: 'NCHW' } as never), undefined);
  });
});

describe('wasm ReluGrad, BiasAdd and BiasAddGrad', () => {
  test('ReluGrad is dy·(x > 0): NaN, ±0, ±inf as the CPU kernel', () => {
    const g = new NDArray('float32', [9], Float32Array.from([1, -2, 3, Number.POSITIVE_INFINITY, Number.NaN, -1, 2, Number.NEGATIVE_INFINITY, 5]));
    const x = new NDArray('float32', [9], Float32Array.from([1, 2, -3, -1, 4, 0, -0, 2, Number.NaN]));
    checkAgainstCpu('ReluGrad', [g, x], {}, 0);
    const got = runKernel(wasm1, 'ReluGrad', [g, x])[0] as NDArray;
    assert.ok(Object.is((got.data as Float32Array)[1], -2) && Number.isNaN((got.data as Float32Array)[3]) && Object.is((got.data as Float32Array)[5], -0));
    for (const shape of [[1000003], [64, 14, 14, 64], [0, 3]]) checkAgainstCpu('ReluGrad', [randomArray(shape), randomArray(shape)], {}, 0);
    assert.throws(() => runKernel(wasm1, 'ReluGrad', [randomArray([2, 3]), randomArray([3, 2])]), {
      name: 'InvalidArgumentError',
      message: 'Inputs to operation ReluGrad of type ReluGrad must have the same size and shape.  Input 0: [2,3] != input 1: [3,2]',
    });
  });

  test('BiasAdd of NHWC (one rows loop, split over threads) equals the CPU kernel', () => {
    for (const shape of [[64, 28, 28, 32], [3, 5, 7], [70000, 3], [2, 9], [4, 1]]) {
      checkAgainstCpu('BiasAdd', [randomArray(shape), randomArray([shape.at(-1) as number])], { data_format: 'NHWC' }, 0);
    }
    assert.throws(() => runKernel(wasm1, 'BiasAdd', [randomArray([2, 3]), randomArray([2])], { data_format: 'NHWC' }), {
      name: 'InvalidArgumentError',
      message: 'Must provide as many biases as the last dimension of the input tensor: [2] vs. [2,3]',
    });
  });

  test('BiasAddGrad sums all but the channel axis (NHWC and NCHW)', () => {
    for (const [shape, fmt] of [
      [[64, 28, 28, 32], 'NHWC'],
      [[5, 7], 'NHWC'],
      [[2, 3, 4, 5], 'NCHW'],
      [[0, 3], 'NHWC'],
    ] as [number[], string][]) {
      checkAgainstCpu('BiasAddGrad', [randomArray(shape)], { data_format: fmt }, 0);
    }
    assert.throws(() => runKernel(wasm1, 'BiasAddGrad', [randomArray([3])], { data_format: 'NHWC' }), {
      name: 'InvalidArgumentError',
      message: 'Input tensor must be at least 2D: [3]',
    });
  });
});

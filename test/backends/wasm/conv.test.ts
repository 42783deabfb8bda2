// Conv2D and its backprops on the wasm backend against the CPU reference: odd sizes, strides,
// dilations, SAME/VALID/EXPLICIT, 1×1 (no patch matrix), grouped, empty, several patch chunks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NDArray } from '../../../src/core/ndarray.js';
import { checkAgainstCpu, randomArray, runKernel, wasm1 } from './helpers.js';

const ints = (...v: number[]) => new NDArray('int32', [v.length], Int32Array.from(v));

interface Case {
  x: [number, number, number, number];
  f: [number, number, number, number];
  strides?: number[];
  dilations?: number[];
  padding?: string;
  explicit?: number[];
}

const CASES: Case[] = [
  { x: [1, 5, 5, 1], f: [3, 3, 1, 1] },
  { x: [2, 7, 6, 3], f: [3, 3, 3, 5], padding: 'VALID' },
  { x: [3, 9, 11, 4], f: [5, 5, 4, 7], strides: [1, 2, 2, 1] },
  { x: [2, 8, 8, 3], f: [4, 4, 3, 6], strides: [1, 2, 2, 1], padding: 'VALID' },
  { x: [1, 10, 9, 2], f: [3, 2, 2, 9], strides: [1, 3, 1, 1] },
  { x: [2, 9, 9, 3], f: [3, 3, 3, 4], dilations: [1, 2, 2, 1] },
  { x: [2, 6, 7, 17], f: [1, 1, 17, 13] },
  { x: [2, 6, 7, 5], f: [1, 1, 5, 3], strides: [1, 2, 2, 1] },
  { x: [1, 6, 6, 2], f: [3, 3, 2, 3], padding: 'EXPLICIT', explicit: [0, 0, 1, 2, 0, 1, 0, 0] },
  { x: [2, 28, 28, 1], f: [5, 5, 1, 32] },
  { x: [1, 14, 14, 32], f: [5, 5, 32, 64] },
  // 3969 rows × 1152 columns: more than one 2^22-float patch chunk
  { x: [1, 63, 63, 128], f: [3, 3, 128, 8] },
];

const attrsOf = (c: Case) => ({
  strides: c.strides ?? [1, 1, 1, 1],
  dilations: c.dilations ?? [1, 1, 1, 1],
  padding: c.padding ?? 'SAME',
  explicit_paddings: c.explicit ?? [],
  data_format: 'NHWC',
});

/**
 * Tolerance for sums of `terms` float32 products of values in [-1, 1]: the GEMM accumulates in
 * float32 in its own order, the CPU reference otherwise; a wrong element is off by O(0.1) or more.
 */
const tolFor = (terms: number) => Math.max(1e-5, 2e-7 * terms);

/** The output shape, from the CPU kernel. */
function outShape(c: Case, x: NDArray, f: NDArray): number[] {
  return [...(runKernel(wasm1, 'Conv2D', [x, f], attrsOf(c))[0] as NDArray).shape];
}

describe('wasm Conv2D', () => {
  test('matches the CPU reference', () => {
    for (const c of CASES) checkAgainstCpu('Conv2D', [randomArray(c.x), randomArray(c.f)], attrsOf(c), tolFor(c.f[0] * c.f[1] * c.f[2]));
  });

  test('grouped (input depth a multiple of the filter depth) and empty shapes', () => {
    checkAgainstCpu('Conv2D', [randomArray([2, 5, 5, 6]), randomArray([3, 3, 2, 9])], attrsOf({ x: [0, 0, 0, 0], f: [0, 0, 0, 0] }), 1e-5);
    checkAgainstCpu('Conv2D', [randomArray([0, 5, 5, 3]), randomArray([3, 3, 3, 4])], attrsOf({ x: [0, 0, 0, 0], f: [0, 0, 0, 0] }));
    checkAgainstCpu('Conv2D', [randomArray([2, 5, 5, 0]), randomArray([3, 3, 0, 4])], attrsOf({ x: [0, 0, 0, 0], f: [0, 0, 0, 0] }));
  });

  test("TensorFlow's errors", () => {
    const a = attrsOf({ x: [0, 0, 0, 0], f: [0, 0, 0, 0] });
    assert.throws(() => runKernel(wasm1, 'Conv2D', [randomArray([5, 5, 1]), randomArray([3, 3, 1, 1])], a), {
      name: 'InvalidArgumentError',
      message: 'input must be 4-dimensional[5,5,1]',
    });
    assert.throws(() => runKernel(wasm1, 'Conv2D', [randomArray([1, 5, 5, 3]), randomArray([3, 3, 2, 1])], a), {
      name: 'InvalidArgumentError',
      message: 'input depth must be evenly divisible by filter depth: 3 vs 2',
    });
    assert.throws(() => runKernel(wasm1, 'Conv2D', [randomArray([1, 5, 5, 1]), randomArray([3, 3, 1, 1])], { ...a, strides: [2, 1, 1, 1] }), {
      name: 'UnimplementedError',
      message: 'Current implementation does not yet support strides in the batch and depth dimensions.',
    });
  });

  test('NCHW and other dtypes are left to the CPU backend', () => {
    const sig = { inputs: ['float32', 'float32'] as const, outputs: ['float32'] as const };
    assert.equal(wasm1.kernel('Conv2D', sig as never, { data_format: 'NCHW' } as never), undefined);
    assert.equal(wasm1.kernel('Conv2D', { inputs: ['float64', 'float64'], outputs: ['float64'] }, { data_format: 'NHWC' } as never), undefined);
  });
});

describe('wasm Conv2DBackpropInput and Conv2DBackpropFilter', () => {
  test('match the CPU reference', () => {
    for (const c of CASES) {
      const x = randomArray(c.x);
      const f = randomArray(c.f);
      const dy = randomArray(outShape(c, x, f));
      checkAgainstCpu('Conv2DBackpropInput', [ints(...c.x), f, dy], attrsOf(c), tolFor(c.f[0] * c.f[1] * c.f[3]));
      checkAgainstCpu('Conv2DBackpropFilter', [x, ints(...c.f), dy], attrsOf(c), tolFor((dy.size / c.f[3]) | 0));
    }
  });

  test('grouped, input_sizes of 2 values, empty batch', () => {
    const a = attrsOf({ x: [0, 0, 0, 0], f: [0, 0, 0, 0] });
    const dy = randomArray([2, 5, 5, 9]);
    checkAgainstCpu('Conv2DBackpropInput', [ints(2, 5, 5, 6), randomArray([3, 3, 2, 9]), dy], a, 1e-5);
    checkAgainstCpu('Conv2DBackpropFilter', [randomArray([2, 5, 5, 6]), ints(3, 3, 2, 9), dy], a, 1e-5);
    checkAgainstCpu('Conv2DBackpropInput', [ints(5, 5), randomArray([3, 3, 4, 3]), randomArray([2, 5, 5, 3])], a, 1e-5);
    checkAgainstCpu('Conv2DBackpropInput', [ints(0, 5, 5, 2), randomArray([3, 3, 2, 3]), randomArray([0, 5, 5, 3])], a);
    checkAgainstCpu('Conv2DBackpropFilter', [randomArray([0, 5, 5, 2]), ints(3, 3, 2, 3), randomArray([0, 5, 5, 3])], a);
  });

  test("TensorFlow's errors", () => {
    const a = attrsOf({ x: [0, 0, 0, 0], f: [0, 0, 0, 0] });
    assert.throws(() => runKernel(wasm1, 'Conv2DBackpropInput', [ints(1, 5, 5, 2), randomArray([3, 3, 2, 3]), randomArray([1, 4, 5, 3])], a), {
      name: 'InvalidArgumentError',
      message: "Conv2DBackpropInput: Size of out_backprop doesn't match computed: actual = [1,4,5,3], computed = [1,5,5,3]",
    });
    assert.throws(() => runKernel(wasm1, 'Conv2DBackpropFilter', [randomArray([1, 5, 5, 2]), ints(3, 3, 2), randomArray([1, 5, 5, 3])], a), {
      name: 'InvalidArgumentError',
      message: 'Conv2DBackpropFilter: filter_sizes input must be 1-dim, not 1',
    });
  });
});

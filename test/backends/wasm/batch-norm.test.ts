// FusedBatchNormV3 and FusedBatchNormGradV3 on the wasm backend (kernels/batch-norm.ts): every
// output bit for bit the CPU kernel's (the same float64 sums in the same order), channels last
// in 4-D and 5-D, odd channel counts (a last single channel), 1 and 2 threads, both modes, the
// averaging factor, empty batches; NCHW and float16 through the CPU kernel on heap views; errors.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import { NDArray } from '../../../src/core/ndarray.js';
import * as tf from '../../../src/v1.js';
import { randomArray, runKernel, wasm1, wasm2 } from './helpers.js';

const F32 = ['float32', 'float32', 'float32', 'float32', 'float32', 'float32'] as const;
const vec = (c: number, f: (i: number) => number) => new NDArray('float32', [c], Float32Array.from({ length: c }, (_, i) => f(i)));

/** Asserts every output of `op` on both wasm backends equals the CPU kernel's, bit for bit. */
function same(op: string, inputs: NDArray[], attrs: Record<string, unknown>, outputs: number): void {
  const want = runKernel(cpuBackend, op, inputs, attrs, [...F32].slice(0, outputs));
  for (const be of [wasm1, wasm2]) {
    const got = runKernel(be, op, inputs, attrs, [...F32].slice(0, outputs));
    got.forEach((g, i) => {
      assert.deepEqual([...g.shape], [...(want[i] as NDArray).shape], `${op} output ${i} shape`);
      assert.deepEqual(Array.from(g.data as Float32Array), Array.from((want[i] as NDArray).data as Float32Array), `${op} output ${i} on ${be.threads} thread(s), [${inputs[0]?.shape}]`);
    });
  }
}

describe('wasm FusedBatchNormV3 and its gradient', () => {
  const shapes = [
    [2, 5, 7, 6],
    [3, 4, 4, 64],
    [1, 9, 9, 7],
    [2, 3, 4, 1],
    [4, 16, 16, 33],
    [2, 2, 3, 4, 5],
    [0, 3, 3, 4],
  ];
  for (const shape of shapes) {
    test(`[${shape}] forward and gradient, training and inference`, () => {
      const C = shape.at(-1) as number;
      const x = randomArray(shape, 3);
      const dy = randomArray(shape, 1);
      const scale = vec(C, (i) => 0.5 + i / 7);
      const offset = vec(C, (i) => i / 3 - 1);
      const mean = vec(C, (i) => i / 5 - 0.2);
      const variance = vec(C, (i) => 1 + i / 4);
      const format = shape.length === 5 ? 'NDHWC' : 'NHWC';
      for (const [training, factor] of [[true, 1], [true, 0.3], [false, 1]] as const) {
        const attrs = { epsilon: Math.fround(0.001), is_training: training, exponential_avg_factor: factor, data_format: format };
        same('FusedBatchNormV3', [x, scale, offset, mean, variance], attrs, 6);
        const [, , , rs1, rs2] = runKernel(cpuBackend, 'FusedBatchNormV3', [x, scale, offset, mean, variance], attrs, [...F32]);
        const gradAttrs = { epsilon: Math.fround(0.001), is_training: training, data_format: format };
        same('FusedBatchNormGradV3', [dy, x, scale, rs1 as NDArray, rs2 as NDArray, new NDArray('float32', [0], new Float32Array(0))], gradAttrs, 5);
      }
    });
  }
  test("the CPU kernel's errors", () => {
    const x = randomArray([2, 3, 3, 4]);
    const v4 = vec(4, () => 1);
    const cases: [NDArray[], Record<string, unknown>][] = [
      [[randomArray([3, 4]), v4, v4, v4, v4], {}],
      [[x, vec(3, () => 1), v4, v4, v4], {}],
      [[x, v4, v4, vec(3, () => 1), v4], { is_training: false }],
    ];
    for (const [inputs, attrs] of cases) {
      const message = (be: typeof wasm1 | typeof cpuBackend) => {
        try {
          runKernel(be, 'FusedBatchNormV3', inputs, { epsilon: 0.001, ...attrs }, [...F32]);
        } catch (e) {
          assert.equal((e as Error).name, 'InvalidArgumentError');
          return (e as Error).message;
        }
        assert.fail(`${be.name}: no error`);
      };
      assert.equal(message(wasm1), message(cpuBackend));
    }
  });
  test('a layer of tf.layers.batchNormalization trains on wasm with no transfer steps', () => {
    const g = new tf.Graph();
    const { x, train } = g.asDefault(() => {
      const x = tf.placeholder('float32', [4, 6, 6, 8], 'x');
      const y = tf.layers.batchNormalization(x, { training: true });
      const loss = tf.reduceMean(tf.square(y));
      return { x, train: new tf.train.GradientDescentOptimizer(0.1).minimize(loss) };
    });
    const s = new tf.Session({ graph: g, backend: wasm2 });
    const plan = s.describePlan(train, new Map([[x, randomArray([4, 6, 6, 8])]])).toString();
    assert.match(plan, /FusedBatchNormV3.*\[wasm float32/);
    assert.match(plan, /FusedBatchNormGradV3.*\[wasm float32/);
    assert.doesNotMatch(plan, /transfer/);
    s.close();
  });
});

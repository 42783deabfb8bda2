// AvgPool and AvgPoolGrad on the wasm backend against the CPU reference (float32 sums in wasm,
// float64 on the CPU: within a few ulp), their errors, what falls back to the CPU backend, and a
// wasm session running them with no transfer step.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import { NDArray } from '../../../src/core/ndarray.js';
import * as tf from '../../../src/v1.js';
import { assertClose, checkAgainstCpu, randomArray, runKernel, wasm1, wasm2 } from './helpers.js';

const pool = (k: number, s: number, padding: string, sh = s, kh = k) => ({ ksize: [1, kh, k, 1], strides: [1, sh, s, 1], padding, data_format: 'NHWC' });
const shapeOf = (s: number[]) => new NDArray('int32', [4], Int32Array.from(s));

type Attrs = ReturnType<typeof pool>;

/** The output shape of an NHWC pooling (the CPU kernel's). */
function outShape(x: number[], attrs: Attrs): number[] {
  return runKernel(cpuBackend, 'AvgPool', [new NDArray('float32', x, new Float32Array(x.reduce((a, b) => a * b, 1)))], attrs)[0]?.shape as number[];
}

const CASES: [number[], Attrs][] = [
  // channels 1, 3, 4, 5, 13: the scalar loop alone, SIMD alone, SIMD and a scalar tail
  [[1, 5, 5, 1], pool(2, 2, 'VALID')],
  [[2, 7, 9, 3], pool(2, 2, 'SAME')],
  [[2, 7, 9, 4], pool(3, 2, 'SAME')],
  [[3, 8, 5, 5], pool(3, 1, 'SAME')],
  [[2, 6, 7, 13], pool(3, 2, 'VALID', 1)],
  // channels 16, 23, 36: AvgPool's sixteen-channel pass, then vectors and single channels
  [[2, 6, 7, 16], pool(3, 2, 'SAME')],
  [[1, 5, 6, 23], pool(2, 2, 'VALID')],
  [[1, 7, 7, 36], pool(3, 1, 'SAME')],
  // windows larger than the input (SAME: every window clipped on both sides)
  [[1, 3, 2, 5], pool(5, 1, 'SAME', 1, 7)],
  [[2, 4, 4, 8], pool(9, 9, 'SAME')],
  // stride beyond the window: cells no window covers get no gradient
  [[1, 9, 11, 4], pool(2, 3, 'VALID', 4)],
  [[1, 10, 10, 7], pool(2, 5, 'SAME')],
  // a 1×k window, a rectangular stride
  [[2, 5, 8, 6], pool(3, 1, 'SAME', 2, 1)],
  // empty batch and an empty output
  [[0, 4, 4, 3], pool(2, 2, 'SAME')],
  [[0, 4, 4, 8], pool(2, 2, 'VALID')],
  // VALID with a window larger than the input: no output, a zero gradient
  [[1, 2, 2, 4], pool(3, 1, 'VALID')],
];

describe('wasm AvgPool and AvgPoolGrad', () => {
  test('match the CPU reference on edge shapes (1 and 2 threads)', () => {
    for (const [shape, attrs] of CASES) {
      checkAgainstCpu('AvgPool', [randomArray(shape)], attrs);
      checkAgainstCpu('AvgPoolGrad', [shapeOf(shape), randomArray(outShape(shape, attrs))], attrs);
    }
  });

  test('a large batch split over two threads; infinities, NaN, large magnitudes', () => {
    const shape = [5, 33, 31, 13];
    const attrs = pool(3, 2, 'SAME');
    const x = randomArray(shape);
    const d = x.data as Float32Array;
    for (let i = 0; i < d.length; i += 101) d[i] = i % 2 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    d[17] = Number.NaN;
    checkAgainstCpu('AvgPool', [x], attrs);
    // large magnitudes whose float32 window sums stay finite
    for (let i = 0; i < d.length; i++) d[i] = 3e36 * (1 + (i % 7));
    checkAgainstCpu('AvgPool', [x], attrs);
    // 5·33·31·13 ≥ PARALLEL_MIN: the images split 3 + 2 over wasm2's threads
    checkAgainstCpu('AvgPoolGrad', [shapeOf(shape), randomArray(outShape(shape, attrs))], attrs);
  });

  test('the values: SAME averages over the real cells only', () => {
    const x = new NDArray('float32', [1, 3, 3, 1], Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const [y] = runKernel(wasm1, 'AvgPool', [x], pool(2, 2, 'SAME'));
    assert.deepEqual(Array.from(y?.data as Float32Array), [3, 4.5, 7.5, 9]);
    const [dx] = runKernel(wasm1, 'AvgPoolGrad', [shapeOf([1, 3, 3, 1]), new NDArray('float32', [1, 2, 2, 1], Float32Array.from([4, 2, 2, 1]))], pool(2, 2, 'SAME'));
    assert.deepEqual(Array.from(dx?.data as Float32Array), [1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  test('a window sum past the float32 range is infinite, as TensorFlow sums in float32', () => {
    // TF 2.21: avg_pool2d(full([1,3,3,4], 3e38), 3, 1, 'SAME') is inf everywhere (the CPU
    // reference here sums in float64 and gives 3e38: a deviation of that backend).
    const x = new NDArray('float32', [1, 3, 3, 4], new Float32Array(36).fill(3e38));
    for (const be of [wasm1, wasm2]) assert.deepEqual(Array.from(runKernel(be, 'AvgPool', [x], pool(3, 1, 'SAME'))[0]?.data as Float32Array), new Array(36).fill(Number.POSITIVE_INFINITY));
  });

  test('the CPU kernel errors, class and message', () => {
    const cases: [string, NDArray[], Attrs][] = [
      ['AvgPool', [randomArray([2, 3, 3])], pool(2, 2, 'VALID')],
      ['AvgPoolGrad', [new NDArray('int32', [3], Int32Array.from([1, 4, 4])), randomArray([1, 2, 2, 1])], pool(2, 2, 'VALID')],
      ['AvgPoolGrad', [shapeOf([1, 4, 4, 1]), randomArray([1, 2, 2])], pool(2, 2, 'VALID')],
      ['AvgPoolGrad', [shapeOf([1, 4, 4, 1]), randomArray([1, 3, 2, 1])], pool(2, 2, 'VALID')],
    ];
    for (const [op, inputs, attrs] of cases) {
      let want: unknown;
      assert.throws(
        () => runKernel(cpuBackend, op, inputs, attrs),
        (e: unknown) => {
          want = e;
          return true;
        },
      );
      const w = want as Error;
      assert.throws(() => runKernel(wasm1, op, inputs, attrs), { name: w.name, message: w.message }, `${op}: ${w.message}`);
    }
  });

  test('NCHW, other dtypes and depth windows have no wasm kernel (the CPU backend runs them)', () => {
    const nchw = { ...pool(2, 2, 'SAME'), data_format: 'NCHW', ksize: [1, 1, 2, 2], strides: [1, 1, 2, 2] };
    assert.equal(wasm1.kernel('AvgPool', { inputs: ['float32'], outputs: ['float32'] }, nchw as never), undefined);
    assert.equal(wasm1.kernel('AvgPool', { inputs: ['float64'], outputs: ['float64'] }, pool(2, 2, 'SAME') as never), undefined);
    assert.equal(wasm1.kernel('AvgPoolGrad', { inputs: ['int32', 'float16'], outputs: ['float16'] }, pool(2, 2, 'SAME') as never), undefined);
    assert.equal(wasm1.kernel('AvgPool', { inputs: ['float32'], outputs: ['float32'] }, { ...pool(1, 1, 'VALID'), ksize: [1, 1, 1, 2], strides: [1, 1, 1, 2] } as never), undefined);
    assert.ok(wasm1.kernel('AvgPoolGrad', { inputs: ['int32', 'float32'], outputs: ['float32'] }, pool(2, 2, 'SAME') as never));
  });

  test('a wasm session runs AvgPool, its gradient, Max, Min and Prod (and their gradients) with no step off wasm', () => {
    const g = new tf.Graph();
    const m = g.asDefault(() => {
      const x = tf.placeholder(tf.float32, [2, 6, 6, 5], 'x');
      const y = tf.nn.avgPool(x, 3, 2, 'SAME');
      const loss = tf.add(tf.reduceSum(tf.multiply(y, y)), tf.add(tf.reduceMax(x), tf.reduceSum(tf.reduceProd(tf.reduceMin(x, [1, 2]), 1))));
      const [dx] = tf.gradients(loss, [x]);
      return { x, fetches: [y, dx as tf.Tensor, loss] };
    });
    const feeds = new Map<tf.Tensor, NDArray>([[m.x, randomArray([2, 6, 6, 5])]]);
    const run = (backend: 'cpu' | 'wasm') => {
      using sess = new tf.Session({ graph: g, backend });
      if (backend === 'wasm') {
        const steps = sess.describePlan(m.fetches, feeds).steps;
        const off = steps.filter((s) => s.backend.name !== 'wasm' || s.kind === 'transfer').map((s) => (s.kind === 'transfer' ? 'transfer' : s.op.type));
        assert.deepEqual(off, [], 'steps off wasm');
        const types = new Set(steps.flatMap((s) => (s.kind === 'transfer' ? [] : [s.op.type])));
        for (const t of ['AvgPool', 'AvgPoolGrad', 'Max', 'Min', 'Prod']) assert.ok(types.has(t), `${t} in the plan`);
      }
      return sess.run(m.fetches, feeds) as NDArray[];
    };
    const want = run('cpu');
    run('wasm').forEach((a, i) => {
      assertClose(a, want[i] as NDArray, 1e-5, `fetch ${i}`);
    });
  });
});

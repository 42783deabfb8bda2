// The numeric gradient checker (src/autodiff/gradient-checker.ts, TensorFlow's
// gradient_checker.compute_gradient) and the conformance helpers checkGradient / checkGradient2
// built on tf.gradients.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeGradient, computeGradientError } from '../../src/autodiff/gradient-checker.js';
import type { GradFn, OpDef } from '../../src/ops/opdef.js';
import { getOpDef } from '../../src/ops/registry.js';
import * as tf from '../../src/v1.js';
import { checkGradient, checkGradient2, expectClose } from '../ops/helpers.js';

/** Runs `fn` with Square's gradient replaced by `grad`. */
function withSquareGrad(grad: GradFn, fn: () => void): void {
  const def = getOpDef('Square') as { -readonly [K in keyof OpDef]: OpDef[K] };
  const saved = def.grad;
  def.grad = grad;
  try {
    fn();
  } finally {
    def.grad = saved;
  }
}

describe('computeGradient', () => {
  test('matmul, float64: both Jacobians are [x size, y size] and agree; entry (i, j) is dy_j/dx_i', () => {
    const g = new tf.Graph();
    const { a, b, y } = g.asDefault(() => {
      const a = tf.placeholder('float64', [2, 3], 'a');
      const b = tf.constant([[1, 2], [3, 4], [5, 6]], { dtype: 'float64' });
      return { a, b, y: tf.matmul(a, b) };
    });
    const [t, n] = computeGradient(a, [2, 3], y, [2, 2], { xInitValue: [[1, 2, 3], [4, 5, 6]] });
    assert.deepEqual(t.shape, [6, 4]);
    assert.deepEqual(n.shape, [6, 4]);
    // y[0][1] = sum_k a[0][k]·b[k][1]: d y[0][1] / d a[0][2] = b[2][1] = 6 (row 2, column 1).
    assert.equal(t.data[2 * 4 + 1], 6);
    for (let k = 0; k < t.data.length; k++) expectClose(n.data[k], t.data[k], 1e-8);
    assert.ok(b);
    assert.ok(computeGradientError(a, [2, 3], y, [2, 2]) < 1e-8);
  });

  test('float32 with its default delta, and several xs at once', () => {
    const g = new tf.Graph();
    const { x, w, y } = g.asDefault(() => {
      const x = tf.placeholder('float32', [3], 'x');
      const w = tf.placeholder('float32', [3], 'w');
      return { x, w, y: tf.multiply(tf.square(x), w) };
    });
    const pairs = computeGradient([x, w], [[3], [3]], y, [3], { xInitValue: [[0.5, -1, 2], [1.5, 2, -0.5]] });
    assert.equal(pairs.length, 2);
    for (const [t, n] of pairs) for (let k = 0; k < t.data.length; k++) expectClose(n.data[k], t.data[k], 5e-3);
    expectClose(Array.from(pairs[0]?.[0].data ?? []), [1.5, 0, 0, 0, -4, 0, 0, 0, -2]);
    assert.ok(computeGradientError([x, w], [[3], [3]], y, [3]) < 5e-3);
  });

  test('an x that y does not depend on has a zero theoretical Jacobian', () => {
    const g = new tf.Graph();
    const { x, z, y } = g.asDefault(() => {
      const x = tf.placeholder('float64', [2], 'x');
      const z = tf.placeholder('float64', [2], 'z');
      return { x, z, y: tf.square(x) };
    });
    const [t, n] = computeGradient(z, [2], y, [2], { extraFeedDict: new Map([[x, [1, 2]]]) });
    assert.deepEqual(Array.from(t.data), [0, 0, 0, 0]);
    assert.deepEqual(Array.from(n.data), [0, 0, 0, 0]);
  });

  test('a wrong gradient function shows as a large error; non-float tensors are refused', () => {
    const g = new tf.Graph();
    const { x, y, i } = g.asDefault(() => {
      const x = tf.placeholder('float64', [2], 'x');
      return { x, y: tf.square(x), i: tf.placeholder('int32', [2], 'i') };
    });
    withSquareGrad(
      (op, [dy]) => [dy ? tf.multiply(dy, op.inputs[0] as tf.Tensor) : null],
      () => {
        const g2 = new tf.Graph();
        const { x2, y2 } = g2.asDefault(() => {
          const x2 = tf.placeholder('float64', [2], 'x');
          return { x2, y2: tf.square(x2) };
        });
        assert.ok(computeGradientError(x2, [2], y2, [2], { xInitValue: [1, 2] }) > 0.9);
      },
    );
    assert.ok(computeGradientError(x, [2], y, [2], { xInitValue: [1, 2] }) < 1e-6);
    assert.throws(() => computeGradient(i, [2], y, [2]), { name: 'TypeError', message: 'computeGradient checks float32 and float64 tensors, not i:0 of int32' });
  });
});

describe('checkGradient and checkGradient2 (test/ops/helpers.ts)', () => {
  test('checkGradient catches a wrong gradient function', () => {
    withSquareGrad(
      (op, [dy]) => [dy ? tf.multiply(dy, op.inputs[0] as tf.Tensor) : null],
      () => assert.throws(() => checkGradient(([x]) => tf.square(x as tf.Tensor), [[1, 2]], [[2]]), /analytic/),
    );
  });

  test('checkGradient checks a composite through tf.gradients, including repeated inputs', () => {
    checkGradient(([x, w]) => tf.addN([tf.multiply(x as tf.Tensor, w as tf.Tensor), tf.square(x as tf.Tensor), x as tf.Tensor]), [[1, -2, 0.5], [3, 0.25, -1]], [[3], [3]]);
  });

  test('checkGradient refuses an output no input reaches', () => {
    assert.throws(() => checkGradient(([x]) => tf.stopGradient(tf.square(x as tf.Tensor)), [[1]], [[1]]));
  });

  test('second order of Mul, Square, RealDiv, MatMul and AddN', () => {
    const A = [0.5, -1.25, 2, 3.5, -0.75, 1.5];
    const B = [1.5, 0.25, -2, 0.5, 1.75, -1];
    checkGradient2(([x, y]) => tf.multiply(x as tf.Tensor, y as tf.Tensor), [A, B], [[2, 3], [2, 3]]);
    checkGradient2(([x]) => tf.square(x as tf.Tensor), [A], [[6]]);
    checkGradient2(([x, y]) => tf.realdiv(x as tf.Tensor, y as tf.Tensor), [A, B], [[6], [6]], 1e-4);
    checkGradient2(([x, y]) => tf.matmul(x as tf.Tensor, y as tf.Tensor), [A, B], [[2, 3], [3, 2]]);
    checkGradient2(([x, y]) => tf.addN([tf.square(x as tf.Tensor), tf.multiply(x as tf.Tensor, y as tf.Tensor)]), [A, B], [[6], [6]]);
  });

  test('checkGradient2 catches a wrong second derivative', () => {
    // 2x·dy built as 2·x·x·dy / stopGradient(x): right to first order (checkGradient passes),
    // but its own derivative is 4·dy instead of 2·dy.
    withSquareGrad(
      (op, [dy]) => {
        const x = op.inputs[0] as tf.Tensor;
        return [dy ? tf.realdiv(tf.multiply(dy, tf.multiply(tf.multiply(x, x), tf.constant(2, { dtype: 'float64' }))), tf.stopGradient(x)) : null];
      },
      () => {
        checkGradient(([x]) => tf.square(x as tf.Tensor), [[1.5, 2]], [[2]]);
        assert.throws(() => checkGradient2(([x]) => tf.square(x as tf.Tensor), [[1.5, 2]], [[2]]), /analytic/);
      },
    );
  });
});

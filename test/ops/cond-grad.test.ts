// Gradients through tf.cond (If / StatelessIf, TensorFlow's cond_v2 _IfGrad), checked by finite
// differences; values cross-checked with TensorFlow 2.21 (tf.compat.v1, control flow v2).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, checkGradient, checkGradient2, expectArray } from './helpers.js';

const T = (v: unknown) => v as tf.Tensor;
const cond = (p: unknown, a: () => unknown, b: () => unknown) => T(tf.cond(p, a, b));

describe('gradients of tf.cond', () => {
  for (const taken of [true, false]) {
    test(`cond(p, x*x, x*3) with p = ${taken}`, () => {
      checkGradient(([x]) => cond(tf.constant(taken), () => tf.multiply(T(x), T(x)), () => tf.multiply(T(x), 3)), [[1.5, -2, 0.25]], [[3]]);
      checkGradient2(([x]) => cond(tf.constant(taken), () => tf.multiply(tf.multiply(T(x), T(x)), T(x)), () => tf.multiply(T(x), 3)), [[1.5, -2, 0.25]], [[3]]);
    });
  }

  test('the predicate is fed: one graph gives both branches\' gradients; second order through cond', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float64', [2], 'x');
      const p = tf.placeholder('bool', [], 'p');
      const y = cond(p, () => tf.multiply(x, x), () => tf.multiply(x, 3));
      const [dx] = tf.gradients(y, x);
      const [ddx] = tf.gradients(T(dx), x);
      return { x, p, y, dx: T(dx), ddx: T(ddx) };
    });
    const run = (p: boolean) => sess.run([out.dx, out.ddx], new Map<unknown, unknown>([[out.x, [1.5, -2]], [out.p, p]]));
    const [a, b] = run(true);
    expectArray(a as tf.NDArray, 'float64', [2], [3, -4]);
    expectArray(b as tf.NDArray, 'float64', [2], [2, 2]);
    const [c, d] = run(false);
    expectArray(c as tf.NDArray, 'float64', [2], [3, 3]);
    expectArray(d as tf.NDArray, 'float64', [2], [0, 0]);
    assert.equal(out.dx.op.type, 'StatelessIf');
  });

  test('nested cond and several captured tensors, each used in one branch only', () => {
    for (const [p, q] of [[true, true], [true, false], [false, true], [false, false]]) {
      checkGradient(
        ([x, w, v]) =>
          cond(
            tf.constant(p),
            () => cond(tf.constant(q), () => tf.multiply(tf.square(T(x)), T(w)), () => tf.add(T(x), T(w))),
            () => tf.multiply(T(v), tf.square(T(x))),
          ),
        [[0.5, -1.5], [2, 3], [-1, 4]],
        [[2], [2], [2]],
      );
    }
  });

  test('a branch returning a captured tensor unchanged; several outputs with one unused', () => {
    checkGradient(([x]) => cond(tf.constant(true), () => T(x), () => tf.square(T(x))), [[2, -3]], [[2]]);
    checkGradient(
      ([x, y]) => {
        const r = tf.cond(tf.constant(false), () => [tf.multiply(T(x), T(y)), T(x)], () => [tf.subtract(T(x), T(y)), tf.square(T(y))]) as tf.Tensor[];
        return T(r[1]);
      },
      [[2, -3], [0.5, 4]],
      [[2], [2]],
    );
  });

  test('integer inputs and inputs no branch output depends on give null; unconnectedGradients zero', () => {
    build(() => {
      const x = tf.placeholder('float32', [], 'x');
      const z = tf.placeholder('float32', [], 'z');
      const n = tf.placeholder('int32', [], 'n');
      const p = tf.placeholder('bool', [], 'p');
      const y = cond(p, () => tf.multiply(x, tf.cast(n, 'float32')), () => tf.add(x, tf.cast(n, 'float32')));
      const unused = cond(p, () => tf.multiply(z, 0), () => tf.stopGradient(z));
      const [gx, gn, gz] = tf.gradients(y, [x, n, z]);
      assert.ok(gx instanceof tf.Tensor);
      assert.equal(gn, null);
      assert.equal(gz, null);
      const [gz2] = tf.gradients(unused, [z]);
      assert.ok(gz2 instanceof tf.Tensor, 'the true branch differentiates z');
      assert.equal(tf.gradients(cond(p, () => tf.stopGradient(z), () => tf.stopGradient(z)), [z])[0], null);
    });
  });

  test('a stateful op on the gradient path inside a branch is refused (recomputing would repeat it)', () => {
    build(() => {
      const x = tf.placeholder('float32', [], 'x');
      const p = tf.placeholder('bool', [], 'p');
      const y = cond(p, () => tf.multiply(tf.Print(x, [x], 'side effect'), x), () => x);
      assert.throws(() => tf.gradients(y, x), (e: Error) => e instanceof TypeError && /recomputing it, which would run the stateful op .*Print.* again/.test(e.message));
      // A Print whose value the gradient does not use (its gradient is the identity) is fine.
      const y2 = cond(p, () => tf.Print(tf.multiply(x, x), [x]), () => x);
      assert.ok(tf.gradients(y2, x)[0] instanceof tf.Tensor);
      const y3 = cond(p, () => tf.multiply(x, x), () => tf.identity(x));
      assert.ok(tf.gradients(y3, x)[0] instanceof tf.Tensor);
    });
  });
});

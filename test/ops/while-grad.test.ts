// Gradients through tf.whileLoop (While / StatelessWhile, TensorFlow's while_v2 _WhileGrad),
// checked by finite differences, and the stack ops the gradient uses.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { StackPopV2, StackPushV2, StackV2 } from '../../src/ops/defs/control/stack.js';
import { applyOp1 } from '../../src/ops/builder.js';
import { build, checkGradient, expectArray, expectOpError } from './helpers.js';

const T = (v: unknown) => v as tf.Tensor;
const i32 = (v: number) => tf.constant(v, { dtype: 'int32' });

describe('gradients of tf.whileLoop', () => {
  for (const n of [0, 1, 4]) {
    test(`x^${n} by a loop multiplying by x (a captured tensor)`, () => {
      checkGradient(
        ([x]) => {
          const r = tf.whileLoop((i: tf.Tensor) => tf.less(i, n), (i: tf.Tensor, y: tf.Tensor) => [tf.add(i, 1), tf.multiply(y, T(x))], [i32(0), tf.onesLike(T(x))]) as tf.Tensor[];
          return T(r[1]);
        },
        [[1.5, -0.7, 0.3]],
        [[3]],
      );
    });
  }

  test('gradients of the initial values and of loop-invariant captures, with maximumIterations', () => {
    checkGradient(
      ([a, w, b]) => {
        const r = tf.whileLoop(
          () => tf.constant(true),
          (y: tf.Tensor, z: tf.Tensor) => [tf.add(tf.multiply(y, T(w)), T(b)), tf.multiply(z, tf.sin(y))],
          [T(a), tf.onesLike(T(a))],
          { maximumIterations: 3 },
        ) as tf.Tensor[];
        return tf.add(T(r[0]), T(r[1]));
      },
      [[0.5, -1], [0.9, 1.1], [0.2, -0.3]],
      [[2], [2], [2]],
    );
  });

  test('a data-dependent iteration count (square until the value exceeds 10)', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float64', [], 'x');
      const y = T(tf.whileLoop((v: tf.Tensor) => tf.less(v, 10), (v: tf.Tensor) => tf.multiply(v, v), [x]));
      return { x, y, dx: T(tf.gradients(y, x)[0]) };
    });
    const run = (x: number) => sess.run([out.y, out.dx], new Map<unknown, unknown>([[out.x, x]]));
    // 1.5 → 2.25 → 5.0625 → 25.6: y = x^8, dy/dx = 8 x^7.
    const [y1, d1] = run(1.5);
    assert.ok(Math.abs((y1 as tf.NDArray).item() as number - 1.5 ** 8) < 1e-9);
    assert.ok(Math.abs((d1 as tf.NDArray).item() as number - 8 * 1.5 ** 7) < 1e-9);
    // 4 → 16: y = x^2.
    const [, d2] = run(4);
    assert.equal((d2 as tf.NDArray).item(), 8);
    // 20: no iteration, the identity.
    const [, d3] = run(20);
    assert.equal((d3 as tf.NDArray).item(), 1);
    checkGradient(([x]) => T(tf.whileLoop((v: tf.Tensor) => tf.less(tf.reduceSum(v), 10), (v: tf.Tensor) => tf.multiply(v, 1.7), [T(x)])), [[0.5, 0.8]], [[2]]);
  });

  test('nested loops, a cond inside a loop body and a loop inside a cond branch', () => {
    checkGradient(
      ([x]) =>
        T(
          (tf.whileLoop(
            (i: tf.Tensor) => tf.less(i, 3),
            (i: tf.Tensor, y: tf.Tensor) => [
              tf.add(i, 1),
              T((tf.whileLoop((j: tf.Tensor) => tf.less(j, i), (j: tf.Tensor, z: tf.Tensor) => [tf.add(j, 1), tf.multiply(z, tf.cos(T(x)))], [i32(0), y]) as tf.Tensor[])[1]),
            ],
            [i32(0), T(x)],
          ) as tf.Tensor[]
        )[1],
        ),
      [[0.4, 1.2]],
      [[2]],
    );
    checkGradient(
      ([x]) =>
        T(
          (tf.whileLoop(
            (i: tf.Tensor) => tf.less(i, 4),
            (i: tf.Tensor, y: tf.Tensor) => [tf.add(i, 1), T(tf.cond(tf.less(i, 2), () => tf.multiply(y, T(x)), () => tf.add(y, tf.square(T(x)))))],
            [i32(0), T(x)],
          ) as tf.Tensor[]
        )[1],
        ),
      [[0.4, -1.2]],
      [[2]],
    );
    for (const p of [true, false]) {
      checkGradient(
        ([x]) => T(tf.cond(tf.constant(p), () => T(tf.whileLoop((v: tf.Tensor) => tf.less(tf.reduceSum(v), 5), (v: tf.Tensor) => tf.multiply(v, T(x)), [T(x)])), () => tf.negative(T(x)))),
        [[1.1, 1.3]],
        [[2]],
      );
    }
  });

  test('integer loop variables and the loop counter give null; an unused float variable gives zeros as in TensorFlow', () => {
    const { sess, out } = build(() => {
      const a = tf.placeholder('float32', [], 'a');
      const b = tf.placeholder('float32', [], 'b');
      const n = tf.placeholder('int32', [], 'n');
      const r = tf.whileLoop((i: tf.Tensor) => tf.less(i, n), (i: tf.Tensor, x: tf.Tensor, y: tf.Tensor) => [tf.add(i, 1), tf.multiply(x, 2), tf.multiply(y, 3)], [i32(0), a, b]) as tf.Tensor[];
      const [ga, gb, gn] = tf.gradients(r[1], [a, b, n]);
      assert.equal(gn, null);
      return { a, b, n, ga: T(ga), gb: T(gb) };
    });
    const [ga, gb] = sess.run([out.ga, out.gb], new Map<unknown, unknown>([[out.a, 1], [out.b, 1], [out.n, 3]]));
    expectArray(ga as tf.NDArray, 'float32', [], 8);
    expectArray(gb as tf.NDArray, 'float32', [], 0);
  });

  test('a ref variable captured by a loop and a cond: its gradient, and a training step', () => {
    const { sess, out } = build(() => {
      const w = new tf.Variable(1.5, { name: 'w' });
      const x = tf.placeholder('float32', [], 'x');
      const p = tf.placeholder('bool', [], 'p');
      const y = T((tf.whileLoop((i: tf.Tensor) => tf.less(i, 3), (i: tf.Tensor, v: tf.Tensor) => [tf.add(i, 1), tf.multiply(v, w)], [i32(0), x]) as tf.Tensor[])[1]);
      const z = T(tf.cond(p, () => tf.multiply(y, w), () => tf.square(w)));
      const [dw, dx] = tf.gradients(z, [w, x]);
      return { w, x, p, z, dw: T(dw), dx: T(dx), step: tf.assignSub(w, tf.multiply(T(dw), 0.01)), init: tf.globalVariablesInitializer() };
    });
    sess.run(out.init);
    const f = new Map<unknown, unknown>([[out.x, 2], [out.p, true]]);
    // z = x w^4: dz/dw = 4 x w^3 = 27, dz/dx = w^4.
    const [z, dw, dx] = sess.run([out.z, out.dw, out.dx], f);
    expectArray(z as tf.NDArray, 'float32', [], 10.125);
    expectArray(dw as tf.NDArray, 'float32', [], 27);
    expectArray(dx as tf.NDArray, 'float32', [], 5.0625);
    f.set(out.p, false);
    expectArray(sess.run(out.dw, f), 'float32', [], 3);
    sess.run(out.step, f);
    assert.ok(Math.abs((sess.run(out.w.value()).item() as number) - 1.47) < 1e-6);
  });

  test('a gradient of the gradient of a loop is refused with a clear error', () => {
    build(() => {
      const x = tf.placeholder('float32', [], 'x');
      const y = T(tf.whileLoop((v: tf.Tensor) => tf.less(v, 10), (v: tf.Tensor) => tf.multiply(v, v), [x]));
      const [dx] = tf.gradients(y, x);
      assert.throws(() => tf.gradients(T(dx), x), /Gradients of the gradient of a tf.whileLoop are not supported/);
    });
  });
});

describe('StackV2 / StackPushV2 / StackPopV2', () => {
  test('pops in reverse push order; a fresh stack per StackV2 run; popping an empty stack fails', () => {
    const { sess, out } = build(() => {
      const h = applyOp1(StackV2, [i32(-1)], { elem_type: 'float32' }) as tf.Tensor;
      const p1 = applyOp1(StackPushV2, [h, tf.constant([1, 2])], {}) as tf.Tensor;
      const p2 = tf.controlDependencies([p1], () => applyOp1(StackPushV2, [h, tf.constant([3, 4])], {})) as tf.Tensor;
      const a = tf.controlDependencies([p2], () => applyOp1(StackPopV2, [h], { elem_type: 'float32' })) as tf.Tensor;
      const b = tf.controlDependencies([a], () => applyOp1(StackPopV2, [h], { elem_type: 'float32' })) as tf.Tensor;
      const c = tf.controlDependencies([b], () => applyOp1(StackPopV2, [h], { elem_type: 'float32' })) as tf.Tensor;
      return { h, a, b, c };
    });
    assert.equal(out.h.dtype, 'string');
    const [a, b] = sess.run([out.a, out.b]);
    expectArray(a as tf.NDArray, 'float32', [2], [3, 4]);
    expectArray(b as tf.NDArray, 'float32', [2], [1, 2]);
    const [a2] = sess.run([out.a, out.b]);
    expectArray(a2 as tf.NDArray, 'float32', [2], [3, 4]);
    expectOpError(() => sess.run(out.c), tf.errors.InvalidArgumentError, 'StackPopV2_2', 'Stack[StackV2#2] is empty.');
  });
});

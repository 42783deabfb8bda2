// Spec items 101–106 (tf-semantics.md §G) beyond cond.test.ts / while-loop.test.ts: functions
// traced once, branch-local ops (checks, asserts, prints) running only where taken, outside ops
// running unconditionally, per-iteration side effects, and gradients that only run the taken
// gradient branch.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, capture, expectArray } from './helpers.js';

const feeds = (...pairs: [tf.Tensor, unknown][]) => new Map<unknown, unknown>(pairs);
const T = (v: unknown) => v as tf.Tensor;

describe('items 101–106', () => {
  test('101: cond, case and whileLoop call their functions exactly once, at build time', () => {
    const calls = { t: 0, f: 0, c: 0, b: 0, d: 0 };
    const counted = <A extends unknown[], R>(k: keyof typeof calls, fn: (...a: A) => R) => (...a: A): R => {
      calls[k]++;
      return fn(...a);
    };
    const { sess, out } = build(() => {
      const p = tf.placeholder('bool', [], 'p');
      const x = tf.constant(2);
      const r = T(tf.cond(p, counted('t', () => tf.add(x, 1)), counted('f', () => tf.multiply(x, 3))));
      const w = T(tf.whileLoop(counted('c', (v: tf.Tensor) => tf.less(v, 100)), counted('b', (v: tf.Tensor) => tf.multiply(v, 2)), [x]));
      const k = T(tf.case([[p, () => x]], counted('d', () => tf.negative(x))));
      return { p, r, w, k };
    });
    for (const v of [true, false, true]) sess.run([out.r, out.w, out.k], feeds([out.p, v]));
    assert.deepEqual(calls, { t: 1, f: 1, c: 1, b: 1, d: 1 });
    expectArray(sess.run(out.w, feeds([out.p, true])), 'float32', [], 128);
  });

  test('101: a check inside the untaken branch never runs; one created outside runs whichever branch is taken', () => {
    const { sess, out } = build(() => {
      const p = tf.placeholder('bool', [], 'p');
      const x = tf.placeholder('float32', [], 'x');
      const inside = T(tf.cond(p, () => tf.checkNumerics(tf.sqrt(x), 'sqrt of a negative'), () => tf.negative(x)));
      const outsideCheck = tf.checkNumerics(tf.sqrt(x), 'outside');
      const outside = T(tf.cond(p, () => outsideCheck, () => tf.negative(x)));
      return { p, x, inside, outside };
    });
    expectArray(sess.run(out.inside, feeds([out.p, false], [out.x, -4])), 'float32', [], 4);
    assert.throws(() => sess.run(out.inside, feeds([out.p, true], [out.x, -4])), /sqrt of a negative : Tensor had NaN values/);
    assert.throws(() => sess.run(out.outside, feeds([out.p, false], [out.x, -4])), /outside : Tensor had NaN values/);
  });

  test('103: an assert made a control dependency inside a branch runs only with that branch', () => {
    const { sess, out } = build(() => {
      const p = tf.placeholder('bool', [], 'p');
      const x = tf.placeholder('int32', [], 'x');
      const r = T(
        tf.cond(
          p,
          () => tf.controlDependencies([tf.assertPositive(x, { message: 'x must be positive' })], () => tf.identity(x)),
          () => tf.negative(x),
        ),
      );
      return { p, x, r };
    });
    expectArray(sess.run(out.r, feeds([out.p, false], [out.x, -3])), 'int32', [], 3);
    assert.throws(() => sess.run(out.r, feeds([out.p, true], [out.x, -3])), /assertion failed: \[x must be positive\. {2}\] \[Condition x > 0 did not hold element-wise:\] \[x \(x:0\) = \] \[-3\]/);
  });

  test('102/106: a body Print prints once per iteration, inside one session.run', () => {
    const { sess, out } = build(() => {
      const n = tf.placeholder('int32', [], 'n');
      const r = tf.whileLoop((i: tf.Tensor) => tf.less(i, n), (i: tf.Tensor) => tf.Print(tf.add(i, 1), [i], 'it '), [tf.constant(0, { dtype: 'int32' })]);
      return { n, r: T(r) };
    });
    assert.equal(capture('stderr', () => sess.run(out.r, feeds([out.n, 3]))), 'it [0]\nit [1]\nit [2]\n');
    assert.equal(capture('stderr', () => sess.run(out.r, feeds([out.n, 0]))), '');
  });

  test('gradients: only the taken gradient branch runs (the untaken branch\'s NaN gradient never appears)', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float32', [], 'x');
      const y = T(tf.cond(tf.greater(x, 0), () => tf.sqrt(x), () => tf.multiply(x, 0)));
      return { x, y, dx: T(tf.gradients(y, x)[0]) };
    });
    expectArray(sess.run(out.dx, feeds([out.x, -1])), 'float32', [], 0);
    expectArray(sess.run(out.dx, feeds([out.x, 4])), 'float32', [], 0.25);
  });

  test('106: a variable updated inside a loop body, with a gradient of a loop reading it', () => {
    const { sess, out } = build(() => {
      const v = new tf.Variable(0, { name: 'v', dtype: 'float32' });
      const x = tf.placeholder('float32', [], 'x');
      const counted = T(tf.whileLoop((i: tf.Tensor) => tf.less(i, 3), (i: tf.Tensor) => tf.controlDependencies([tf.assignAdd(v, 1)], () => tf.add(i, 1)), [tf.constant(0, { dtype: 'int32' })]));
      const cube = T((tf.whileLoop((i: tf.Tensor) => tf.less(i, 3), (i: tf.Tensor, y: tf.Tensor) => [tf.add(i, 1), tf.multiply(y, x)], [tf.constant(0, { dtype: 'int32' }), tf.constant(1)]) as tf.Tensor[])[1]);
      return { v, x, counted, dcube: T(tf.gradients(cube, x)[0]), init: tf.globalVariablesInitializer() };
    });
    sess.run(out.init);
    sess.run(out.counted);
    expectArray(sess.run(out.v.value()), 'float32', [], 3);
    expectArray(sess.run(out.dcube, feeds([out.x, 2])), 'float32', [], 12);
  });
});

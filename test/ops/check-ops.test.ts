// CheckNumerics, tf.verifyTensorAllFinite and the tf.debugging.assert_* family (TF1 check_ops in
// graph mode). Messages, data layouts and op names checked against TensorFlow 2.21 (tf.compat.v1).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, checkGradient, expectArray, expectOpError } from './helpers.js';

const first = (name: string, message: string) => (e: Error) => e.name === name && e.message.split('\n')[0] === message;
const feeds = (...pairs: [tf.Tensor, unknown][]) => new Map<unknown, unknown>(pairs);
const ints = (v: number[], name: string) => tf.constant(v, { dtype: 'int32', name });

describe('CheckNumerics / tf.debugging.checkNumerics / tf.verifyTensorAllFinite', () => {
  test('passes finite values; NaN, Inf, both: TF\'s kernel messages', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float32', [3], 'x');
      return { x, c: tf.debugging.checkNumerics(x, 'boom'), v: tf.verifyTensorAllFinite(x, 'vf') };
    });
    assert.equal(out.c.op.name, 'CheckNumerics');
    assert.equal(out.v.name, 'VerifyFinite/control_dependency:0');
    expectArray(sess.run(out.c, feeds([out.x, [1, 2, 3]])), 'float32', [3], [1, 2, 3]);
    expectOpError(() => sess.run(out.c, feeds([out.x, [1, Number.NaN, 2]])), tf.errors.InvalidArgumentError, 'CheckNumerics', 'boom : Tensor had NaN values');
    expectOpError(() => sess.run(out.c, feeds([out.x, [1, Number.POSITIVE_INFINITY, 2]])), tf.errors.InvalidArgumentError, 'CheckNumerics', 'boom : Tensor had Inf values');
    expectOpError(() => sess.run(out.c, feeds([out.x, [Number.NaN, Number.NEGATIVE_INFINITY, 1]])), tf.errors.InvalidArgumentError, 'CheckNumerics', 'boom : Tensor had Inf and NaN values');
    expectOpError(() => sess.run(out.v, feeds([out.x, [Number.NaN, 0, 1]])), tf.errors.InvalidArgumentError, 'VerifyFinite/CheckNumerics', 'vf : Tensor had NaN values');
    expectArray(sess.run(out.v, feeds([out.x, [4, 5, 6]])), 'float32', [3], [4, 5, 6]);
  });

  test('float dtypes only; the gradient passes through a CheckNumerics of its own', () => {
    assert.throws(() => build(() => tf.checkNumerics(tf.constant([1], { dtype: 'int32' }), 'm')), TypeError);
    build(() => {
      const x = tf.placeholder('float32', [3], 'x');
      const [g] = tf.gradients(tf.checkNumerics(x, 'boom'), x);
      assert.equal(g?.op.type, 'CheckNumerics');
      assert.equal(g?.op.attrs.message, 'Not a number (NaN) or infinity (Inf) values detected in gradient. boom');
    });
    checkGradient(([x]) => tf.checkNumerics(tf.square(x as tf.Tensor), 'm'), [[1, -2]], [[2]]);
  });
});

describe('tf.addCheckNumericsOps', () => {
  test('checks every float output of the graph built so far, named <op>:<index>', () => {
    const { sess, out, g } = build(() => {
      const x = tf.placeholder('float32', [2], 'x');
      const y = tf.log(x, 'y');
      const n = tf.placeholder('int32', [], 'n');
      return { x, y, n, check: tf.addCheckNumericsOps() };
    });
    const checks = g.getOperations().filter((o) => o.type === 'CheckNumerics');
    assert.deepEqual(checks.map((o) => o.attrs.message), ['x:0', 'y:0']);
    assert.equal(out.check.type, 'NoOp');
    sess.run(out.check, feeds([out.x, [1, 2]]));
    assert.throws(() => sess.run(out.check, feeds([out.x, [1, -2]])), (e: Error) => e instanceof tf.errors.InvalidArgumentError && e.message.startsWith('y:0 : Tensor had NaN values'));
    assert.throws(() => sess.run(out.check, feeds([out.x, [0, 2]])), /y:0 : Tensor had Inf values/);
  });
});

describe('tf.assert* (graph mode)', () => {
  test('run-time failure: TF\'s data layout, summarize, message first', () => {
    const { sess, out } = build(() => {
      const a = tf.placeholder('int32', [2], 'a');
      const b = tf.placeholder('int32', [2], 'b');
      return {
        a,
        b,
        eq: tf.assertEqual(a, b),
        lt: tf.assertLess(a, b, { message: 'hi', summarize: 1 }),
        neg: tf.assertNegative(a),
        nn: tf.debugging.assertNonNegative(a),
        ne: tf.assertNoneEqual(a, b),
        gt: tf.assertGreater(b, a),
        ge: tf.assertGreaterEqual(a, b),
        le: tf.assertLessEqual(a, b),
        pos: tf.assertPositive(a),
        np: tf.assertNonPositive(a),
      };
    });
    assert.equal(out.eq.name, 'assert_equal_1/Assert/Assert');
    assert.equal(out.lt.name, 'assert_less/Assert/Assert');
    assert.equal(out.neg.name, 'assert_negative/assert_less/Assert/Assert');
    assert.equal(out.nn.name, 'assert_non_negative/assert_less_equal/Assert/Assert');
    const f = feeds([out.a, [1, 2]], [out.b, [1, 3]]);
    const fails = (op: tf.Operation, text: string) => expectOpError(() => sess.run(op, f), tf.errors.InvalidArgumentError, op.name, text);
    fails(out.eq, 'assertion failed: [Condition x == y did not hold element-wise:] [x (a:0) = ] [1 2] [y (b:0) = ] [1 3]');
    fails(out.lt, 'assertion failed: [hi] [Condition x < y did not hold element-wise:] [x (a:0) = ] [1...] [y (b:0) = ] [1...]');
    fails(out.neg, 'assertion failed: [] [Condition x < 0 did not hold element-wise:] [x (a:0) = ] [1 2]');
    fails(out.ne, 'assertion failed: [Condition x != y did not hold element-wise:] [x (a:0) = ] [1 2] [y (b:0) = ] [1 3]');
    fails(out.gt, 'assertion failed: [Condition x > y did not hold element-wise:] [x (b:0) = ] [1 3] [y (a:0) = ] [1 2]');
    fails(out.np, 'assertion failed: [] [Condition x <= 0 did not hold element-wise:] [x (a:0) = ] [1 2]');
    // Conditions that hold run silently.
    sess.run([out.nn, out.le, out.pos], f);
    fails(out.ge, 'assertion failed: [Condition x >= y did not hold element-wise:] [x (a:0) = ] [1 2] [y (b:0) = ] [1 3]');
  });

  test('an assert only runs when run (fetched or a control dependency)', () => {
    const { sess, out } = build(() => {
      const a = tf.placeholder('int32', [], 'a');
      const check = tf.assertPositive(a);
      const guarded = tf.controlDependencies([check], () => tf.identity(a));
      return { a, loose: tf.add(a, 1), guarded };
    });
    assert.equal(sess.run(out.loose, feeds([out.a, -1])).item(), 0);
    assert.throws(() => sess.run(out.guarded, feeds([out.a, -1])), tf.errors.InvalidArgumentError);
  });

  test('static values: InvalidArgumentError at build time with the data lines joined by newlines', () => {
    build(() => {
      const k1 = ints([1, 2], 'k1');
      const k2 = ints([1, 3], 'k2');
      assert.throws(() => tf.assertEqual(k1, k2), (e: Error) => e instanceof tf.errors.InvalidArgumentError && e.message.startsWith('Condition x == y did not hold element-wise:\nx (k1:0) = \n[1 2]\ny (k2:0) = \n[1 3]'));
      assert.throws(() => tf.assertEqual(k1, k2, ['d1', k1], { message: 'm' }), (e: Error) => e.message.startsWith('m\nd1\n[1 2]'));
      assert.throws(() => tf.assertLess(k2, k1), (e: Error) => e.message.startsWith('Condition x < y did not hold element-wise:\nx (k2:0) = \n[1 3]\ny (k1:0) = \n[1 2]'));
      // Holding statically: still an Assert op; the same tensor twice: a NoOp.
      assert.equal(tf.assertLess(k1, tf.constant([5, 5], { dtype: 'int32' })).type, 'Assert');
      assert.equal(tf.assertEqual(k1, k1).type, 'NoOp');
      // A computed value is not a constant here (as TensorFlow's constant_value of a Sub): no static check.
      assert.equal(tf.assertPositive(tf.subtract(k1, 1)).type, 'Assert');
    });
  });

  test('rank, type, integer and scalar checks (TF\'s static errors)', () => {
    build(() => {
      const k1 = ints([1, 2], 'k1');
      const a = tf.placeholder('int32', [2], 'a');
      assert.throws(() => tf.assertRank(k1, 2), first('ValueError', 'Tensor k1:0 must have rank 2.  Received rank 1, shape (2,)'));
      assert.throws(() => tf.assertRank(a, 2, { message: 'msg' }), first('ValueError', 'msg.  Tensor a:0 must have rank 2.  Received rank 1, shape (2,)'));
      assert.throws(() => tf.assertRankAtLeast(k1, 2), first('ValueError', 'Tensor k1:0 must have rank at least 2.  Received rank 1, shape (2,)'));
      assert.equal(tf.assertRank(k1, 1).name, 'assert_rank_2/static_checks_determined_all_ok');
      assert.throws(() => tf.assertType(k1, 'float32'), first('TypeError', 'k1:0 must be of type tf.float32; got tf.int32'));
      assert.equal(tf.assertType(k1, 'int32').name, 'assert_type_1/statically_determined_correct_type');
      assert.throws(() => tf.assertInteger(tf.constant(1, { name: 'Const' })), first('TypeError', 'Expected "x" to be integer type.  Found: Const:0 of dtype <dtype: \'float32\'>'));
      assert.throws(() => tf.assertScalar(k1), first('ValueError', 'Expected scalar shape for k1:0, saw shape: (2,).'));
      const s = tf.constant(3);
      assert.equal(tf.assertScalar(s), s);
    });
  });

  test('a rank only known at run time: an Assert with TF\'s data', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float32', null, 'x');
      return { x, r: tf.assertRank(x, 2) };
    });
    assert.equal(out.r.type, 'Assert');
    sess.run(out.r, feeds([out.x, [[1, 2]]]));
    expectOpError(() => sess.run(out.r, feeds([out.x, [1, 2, 3]])), tf.errors.InvalidArgumentError, out.r.name, 'assertion failed: [] [Tensor x:0 must have rank] [2] [Received shape: ] [3]');
  });

  test('assertNear: |x - y| < atol + rtol |y|', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float32', [1], 'x');
      return { x, r: tf.assertNear(x, tf.constant([1])) };
    });
    sess.run(out.r, feeds([out.x, [1]]));
    assert.throws(
      () => sess.run(out.r, feeds([out.x, [2]])),
      (e: Error) => e instanceof tf.errors.InvalidArgumentError && e.message.includes('[x and y not equal to tolerance rtol = Tensor("assert_near/rtol:0", shape=(), dtype=float32), atol = Tensor("assert_near/atol:0", shape=(), dtype=float32)] [x (x:0) = ] [2]'),
    );
  });
});

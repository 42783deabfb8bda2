// tf.case (TF1 control_flow_case.case): nested conds, default action, exclusive check. Messages
// and op names checked against TensorFlow 2.21 (tf.compat.v1).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, checkGradient, expectArray } from './helpers.js';

const i32 = (v: number) => tf.constant(v, { dtype: 'int32' });
/** The error's class and first line (build errors add the build site on a second line). */
const err = (name: string, message: string) => (e: Error) => e.name === name && e.message.split('\n')[0] === message;

function graph(exclusive: boolean, withDefault: boolean) {
  return build(() => {
    const x = tf.placeholder('int32', [], 'x');
    const p1 = tf.less(x, 1, 'p1');
    const p2 = tf.less(x, 3, 'p2');
    const pairs: [tf.Tensor, () => tf.Tensor][] = [
      [p1, () => i32(1)],
      [p2, () => i32(2)],
    ];
    const r = withDefault ? tf.case(pairs, () => i32(3), exclusive) : tf.case(pairs, { exclusive });
    return { x, r: r as tf.Tensor };
  });
}

describe('tf.case', () => {
  test('the first true predicate wins; else the default', () => {
    const { sess, out } = graph(false, true);
    const run = (v: number) => sess.run(out.r, new Map<unknown, unknown>([[out.x, v]])).item();
    assert.equal(run(0), 1);
    assert.equal(run(2), 2);
    assert.equal(run(5), 3);
    assert.equal(out.r.name, 'case/cond/Identity:0');
  });

  test('exclusive=True fails at run time when several predicates hold (TF\'s message)', () => {
    const { sess, out, g } = graph(true, true);
    const run = (v: number) => sess.run(out.r, new Map<unknown, unknown>([[out.x, v]])).item();
    assert.equal(run(2), 2);
    assert.equal(run(5), 3);
    assert.throws(
      () => run(0),
      (e: Error) => e instanceof tf.errors.InvalidArgumentError && e.message.startsWith('assertion failed: [Input error: exclusive=True: more than 1 conditions (p1:0, p2:0) evaluated as True:] [1 1]'),
    );
    const names = g.getOperations().map((o) => o.name);
    for (const n of ['case/preds_c', 'case/num_true_conds', 'case/n_true_conds', 'case/Assert/Assert', 'case/cond']) assert.ok(names.includes(n), n);
  });

  test('without a default the last pair is the default, asserting that some predicate holds', () => {
    const { sess, out } = graph(false, false);
    const run = (v: number) => sess.run(out.r, new Map<unknown, unknown>([[out.x, v]])).item();
    assert.equal(run(0), 1);
    assert.equal(run(2), 2);
    assert.throws(() => run(5), (e: Error) => e instanceof tf.errors.InvalidArgumentError && e.message.startsWith('assertion failed: [Input error: None of conditions evaluated as True:] [0 0]'));
  });

  test('argument errors (TypeError / ValueError texts of TensorFlow)', () => {
    build(() => {
      const x = tf.placeholder('int32', [], 'x');
      const p1 = tf.less(x, 1, 'p1');
      assert.throws(() => tf.case(5), err('TypeError', "'pred_fn_pairs' must be a list, tuple, or dict. Received: <class 'number'>"));
      assert.throws(() => tf.case([[p1]]), err('TypeError', "Each entry in 'pred_fn_pairs' must be a 2-tuple. Received (Tensor(\"p1:0\", shape=(), dtype=bool),)."));
      assert.throws(() => tf.case([[true, () => 1]]), err('TypeError', 'pred must be a Tensor, got: True'));
      assert.throws(() => tf.case([[x, () => 1]]), err('TypeError', 'pred must be Tensor of type bool: x:0'));
      assert.throws(() => tf.case([[p1, 3]]), err('TypeError', 'fn for pred p1:0 must be callable.'));
      assert.throws(() => tf.case([]), err('ValueError', 'not enough values to unpack (expected 2, got 0)'));
    });
  });

  test('a Map of pairs keeps its order; gradients flow through the nested conds', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float32', [], 'x');
      const m = new Map<tf.Tensor, () => tf.Tensor>([
        [tf.less(x, 0), () => tf.negative(x)],
        [tf.less(x, 10), () => tf.square(x)],
      ]);
      return { x, r: tf.case(m, () => x) as tf.Tensor };
    });
    expectArray(sess.run(out.r, new Map<unknown, unknown>([[out.x, 3]])), 'float32', [], 9);
    for (const v of [-2, 3, 12]) {
      checkGradient(([x]) => tf.case([[tf.less(tf.reduceSum(x as tf.Tensor), 0), () => tf.negative(x as tf.Tensor)], [tf.less(tf.reduceSum(x as tf.Tensor), 10), () => tf.square(x as tf.Tensor)]], () => tf.multiply(x as tf.Tensor, 2)) as tf.Tensor, [[v]], [[1]]);
    }
  });
});

describe('tf.switchCase', () => {
  test('branch by index; an index out of range takes the default (or the last branch)', () => {
    const { sess, out } = build(() => {
      const i = tf.placeholder('int32', [], 'i');
      const r = tf.switchCase(i, [() => i32(10), () => i32(20)], () => i32(-1)) as tf.Tensor;
      const r2 = tf.switchCase(i, new Map([[1, () => i32(2)], [0, () => i32(1)]])) as tf.Tensor;
      return { i, r, r2 };
    });
    const run = (t: tf.Tensor, v: number) => sess.run(t, new Map<unknown, unknown>([[out.i, v]])).item();
    assert.deepEqual([0, 1, 2, -1, 7].map((v) => run(out.r, v)), [10, 20, -1, -1, -1]);
    assert.deepEqual([0, 1, 5].map((v) => run(out.r2, v)), [1, 2, 2]);
    assert.ok(out.r.name.startsWith('switch_case/'));
  });

  test('argument errors (TensorFlow\'s texts)', () => {
    build(() => {
      const i = tf.placeholder('int32', [], 'i');
      const f = tf.placeholder('float32', [], 'f');
      assert.throws(() => tf.switchCase(1, [() => 1]), err('TypeError', "'branch_index' must be a Tensor, got <class 'number'>"));
      assert.throws(() => tf.switchCase(f, [() => 1]), err('TypeError', "'branch_index' must be an integer Tensor, got <dtype: 'float32'>"));
      assert.throws(() => tf.switchCase(i, []), err('ValueError', "Must provide at least one item in 'branch_fns'"));
      assert.throws(() => tf.switchCase(i, 5), err('TypeError', "'branch_fns' must be a list, tuple, or dict"));
      assert.throws(() => tf.switchCase(i, [[0, () => 1], [2, () => 2]]), err('ValueError', 'branch indices (keys) must form contiguous range of [0 to 2) but found {0,2}'));
      assert.throws(() => tf.switchCase(i, [[0, 3]]), err('TypeError', 'fn for key 0 must be callable.'));
      assert.throws(() => tf.switchCase(i, [[0]]), err('TypeError', "Each entry in 'branch_fns' must be a 2-tuple. Received (0,)."));
    });
  });

  test('gradients through the selected branch', () => {
    for (const k of [0, 1, 3]) {
      checkGradient(([x]) => tf.switchCase(i32(k), [() => tf.square(x as tf.Tensor), () => tf.sin(x as tf.Tensor)], () => tf.multiply(x as tf.Tensor, 4)) as tf.Tensor, [[0.5, -1]], [[2]]);
    }
  });
});

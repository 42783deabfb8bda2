// tf.train.ExponentialMovingAverage: shadow variables, update ops, names, values.
// Expected values and names from TensorFlow 2.21 (tf.compat.v1, ref variables, control flow v1).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, expectClose, expectTypeError, opNames } from '../ops/helpers.js';

describe('tf.train.ExponentialMovingAverage', () => {
  test('apply: shadows named <var>/ExponentialMovingAverage, numUpdates decay, values as TensorFlow', () => {
    const { g, sess, out } = build(() => {
      const w = new tf.Variable([1, 2], { name: 'w' });
      const b = new tf.Variable(3, { name: 'b', dtype: 'float64' });
      const step = new tf.Variable(0, { name: 'step', trainable: false, dtype: 'int32' });
      const ema = new tf.train.ExponentialMovingAverage(0.9, step);
      const op = ema.apply([w, b]);
      const upd = tf.controlDependencies([op], () => tf.group(tf.assign(w, [5, 6]), tf.assignAdd(step, 1)));
      return { w, b, ema, op, upd, init: tf.globalVariablesInitializer() };
    });
    const { ema, w, b, op } = out;
    assert.equal(op.name, 'ExponentialMovingAverage');
    assert.equal(op.type, 'NoOp');
    assert.deepEqual(op.controlInputs.map((o) => o.name), ['ExponentialMovingAverage/AssignMovingAvg', 'ExponentialMovingAverage/AssignMovingAvg_1']);
    assert.equal(g.getOperationByName('ExponentialMovingAverage/AssignMovingAvg').type, 'AssignSub');
    assert.equal(ema.average(w)?.name, 'w/ExponentialMovingAverage:0');
    assert.equal(ema.average(b)?.dtype, 'float64');
    assert.equal(ema.averageName(w), 'w/ExponentialMovingAverage');
    assert.deepEqual(ema.average(w)?.op.colocationGroups(), ['loc:@w']);
    for (const n of [
      'ExponentialMovingAverage/decay',
      'ExponentialMovingAverage/num_updates',
      'ExponentialMovingAverage/truediv',
      'ExponentialMovingAverage/Minimum',
      'ExponentialMovingAverage/AssignMovingAvg/sub',
      'ExponentialMovingAverage/AssignMovingAvg/sub_1',
      'ExponentialMovingAverage/AssignMovingAvg/mul',
      'ExponentialMovingAverage/AssignMovingAvg_1/Cast',
    ]) {
      assert.ok(opNames(g).includes(n), n);
    }
    assert.deepEqual(g.getCollection<tf.Variable>(tf.GraphKeys.MOVING_AVERAGE_VARIABLES), [w, b]);
    assert.deepEqual(g.getCollection(tf.GraphKeys.TRAINABLE_VARIABLES), [w, b]);
    sess.run(out.init);
    const expected = [[[1, 2], 3], [[4.272727, 5.272727], 3], [[4.818182, 5.818182], 3]];
    for (const e of expected) {
      sess.run(out.upd);
      const [aw, ab] = sess.run([ema.average(w) as tf.Variable, ema.average(b) as tf.Variable]);
      expectClose(aw?.toArray(), e[0], 1e-6);
      expectClose(ab?.item(), e[1]);
    }
  });

  test('a tensor with zeroDebias: zero-initialized shadow, biased and local_step variables', () => {
    const { sess, out } = build(() => {
      const w = new tf.Variable([1, 2], { name: 'w' });
      const t = tf.multiply(w, 2);
      const ema = new tf.train.ExponentialMovingAverage(0.5, { zeroDebias: true, name: 'foo' });
      const op = ema.apply([t]);
      return { w, t, ema, op, bump: tf.assignAdd(w, [1, 1]), init: tf.globalVariablesInitializer(), map: ema.variablesToRestore() };
    });
    const { ema, t } = out;
    assert.equal(ema.averageName(t), 'Mul/foo');
    assert.equal(out.op.name, 'foo');
    assert.deepEqual(Object.keys(out.map).sort(), ['Mul/foo', 'Mul/foo/biased', 'Mul/foo/local_step', 'w/foo']);
    sess.run(out.init);
    for (const e of [[2, 4], [3.3333333, 5.3333335], [4.857143, 6.857143]]) {
      sess.run(out.op);
      expectClose(sess.run(ema.average(t) as tf.Variable).toArray(), e, 1e-6);
      sess.run(out.bump);
    }
  });

  test("variablesToRestore, apply() on the trainable variables, a shadow's initial value once initialized", () => {
    const { sess, out } = build(() => {
      const w = new tf.Variable([1, 2], { name: 'w' });
      const b = new tf.Variable(3, { name: 'b' });
      const step = new tf.Variable(0, { name: 'step', trainable: false });
      const ema = new tf.train.ExponentialMovingAverage(0.9);
      const op = ema.apply();
      return { w, b, step, ema, op, init: tf.globalVariablesInitializer(), map: ema.variablesToRestore() };
    });
    const map = out.map;
    assert.deepEqual(Object.keys(map).sort(), ['b/ExponentialMovingAverage', 'step', 'w/ExponentialMovingAverage']);
    assert.equal(map['w/ExponentialMovingAverage'], out.w);
    sess.run(out.init);
    expectClose(sess.run(out.ema.average(out.b) as tf.Variable).item(), 3);
    sess.run(out.op);
    expectClose(sess.run(out.ema.average(out.w) as tf.Variable).toArray(), [1, 2]);
  });

  test('a non-float variable is refused', () => {
    build(() => {
      const step = new tf.Variable(0, { name: 'step', dtype: 'int32' });
      expectTypeError(() => new tf.train.ExponentialMovingAverage(0.9).apply([step]), 'The variables must be half, float, or double: step:0');
    });
  });
});

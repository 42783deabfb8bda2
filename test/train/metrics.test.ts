// tf.metrics.accuracy / tf.metrics.mean (TF1 metrics_impl.py); names and values from TensorFlow 2.21.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, checkGradient, expectArray, expectClose, expectValueError, opNames } from '../ops/helpers.js';

describe('tf.metrics', () => {
  test("accuracy: TensorFlow's ops and local variables; the update op accumulates batches", () => {
    const { g, sess, out } = build(() => {
      const labels = tf.placeholder('int64', [null], 'labels');
      const preds = tf.placeholder('int64', [null], 'preds');
      const n0 = tf.getDefaultGraph().getOperations().length;
      const [acc, upd] = tf.metrics.accuracy(labels, preds);
      const names = tf.getDefaultGraph().getOperations().slice(n0).map((o) => `${o.name}:${o.type}`);
      return { labels, preds, acc, upd, names, init: tf.localVariablesInitializer() };
    });
    assert.equal(out.acc.name, 'accuracy/value:0');
    assert.equal(out.upd.name, 'accuracy/update_op:0');
    for (const n of [
      'Equal:Equal', 'Cast:Cast', 'accuracy/total/Initializer/zeros:Const', 'accuracy/total:VariableV2', 'accuracy/count:VariableV2',
      'accuracy/Size:Size', 'accuracy/Sum:Sum', 'accuracy/AssignAdd:AssignAdd', 'accuracy/AssignAdd_1:AssignAdd',
      'accuracy/Maximum:Maximum', 'accuracy/value:DivNoNan', 'accuracy/Maximum_1:Maximum', 'accuracy/update_op:DivNoNan',
    ]) {
      assert.ok(out.names.includes(n), `${n} in ${out.names.join(', ')}`);
    }
    const local = g.getCollection<tf.Variable>(tf.GraphKeys.LOCAL_VARIABLES).map((v) => v.name);
    assert.deepEqual(local, ['accuracy/total:0', 'accuracy/count:0']);
    assert.deepEqual(g.getCollection<tf.Variable>(tf.GraphKeys.METRIC_VARIABLES).map((v) => v.name), local);
    assert.deepEqual(g.getCollection(tf.GraphKeys.GLOBAL_VARIABLES), []);
    sess.run(out.init);
    expectArray(sess.run(out.acc), 'float32', [], 0);
    const f = (l: number[], p: number[]) => new Map<unknown, unknown>([[out.labels, l.map(BigInt)], [out.preds, p.map(BigInt)]]);
    expectClose(sess.run(out.upd, f([1, 2, 3, 4], [1, 2, 0, 4])).item(), 0.75);
    expectClose(sess.run(out.upd, f([1, 2], [0, 0])).item(), 0.5);
    expectClose(sess.run(out.acc).item(), 0.5);
    assert.ok(opNames(g).includes('accuracy/total/read'));
  });

  test('mean with weights; accuracy squeezes [n,1] labels and weights; collections', () => {
    const { sess, out } = build(() => {
      const [m, mu] = tf.metrics.mean(tf.constant([1, 2, 3]), tf.constant([1, 0, 1]), ['mc'], { updatesCollections: ['uc'] });
      const [w, wu] = tf.metrics.accuracy([[1], [2], [3]], [1, 0, 3], { weights: [1, 1, 0] });
      assert.deepEqual(tf.getCollection('mc'), [m]);
      assert.deepEqual(tf.getCollection('uc'), [mu]);
      return { m, mu, w, wu, init: tf.localVariablesInitializer() };
    });
    assert.equal(out.m.name, 'mean/value:0');
    assert.equal(out.mu.name, 'mean/update_op:0');
    sess.run(out.init);
    expectClose(sess.run(out.mu).item(), 2);
    expectClose(sess.run(out.m).item(), 2);
    expectClose(sess.run(out.wu).item(), 0.5);
    expectClose(sess.run(out.w).item(), 0.5);
  });

  test("TensorFlow's errors", () => {
    build(() => {
      expectValueError(() => tf.metrics.accuracy([1, 2, 3], [1, 2]), 'Shapes (2,) and (3,) are incompatible');
    });
  });
});

describe('DivNoNan', () => {
  test('values: 0 where y is 0, broadcasting', () => {
    const { sess, out } = build(() => tf.math.divideNoNan(tf.constant([[1, 2], [3, 4]]), tf.constant([0, 2])));
    expectArray(sess.run(out), 'float32', [2, 2], [[0, 1], [0, 2]]);
  });
  test('gradient', () => {
    checkGradient(([x, y]) => tf.math.divideNoNan(x as tf.Tensor, y as tf.Tensor), [[0.5, -1.5, 2, 3], [1.5, -2]], [[2, 2], [2]]);
  });
});

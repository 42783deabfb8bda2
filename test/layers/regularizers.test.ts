// tf.contrib.layers.l1Regularizer / l2Regularizer and tf.keras.regularizers.l1 / l2 with
// tf.getVariable, tf.layers.dense / conv2d and tf.losses' regularization getters.
// Keras values and op names from TensorFlow 2.21 (Keras 3); tf.contrib's from TF1's source.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import * as tf2 from '../../src/index.js';
import { build, expectClose, expectValueError, opNames } from '../ops/helpers.js';

const W = [[1, -2], [3, 0.5]];
const init = (v: number[][]) => tf.constantInitializer(v.flat());

describe('weight regularizers', () => {
  test('values: contrib l2 (half the sum of squares) and l1; keras l2 and l1', () => {
    const { sess, out } = build(() => {
      const w = tf.constant(W);
      return [tf.contrib.layers.l2Regularizer(0.1)(w), tf.contrib.layers.l1Regularizer(0.2)(w), tf.keras.regularizers.l2(0.1)(w), tf.keras.regularizers.l1(0.2)(w)] as tf.Tensor[];
    });
    expectClose(sess.run(out).map((x) => x.item()), [0.71250004, 1.3000001, 1.4250001, 1.3000001], 1e-6);
  });

  test('contrib scale checks: negative refused, 0 disables (no loss added)', () => {
    expectValueError(() => tf.contrib.layers.l2Regularizer(-0.5), 'Setting a scale less than 0 on a regularizer: -0.5.');
    expectValueError(() => tf.contrib.layers.l1Regularizer(-1e-7), 'Setting a scale less than 0 on a regularizer: -1e-07.');
    const { g } = build(() => tf.getVariable('w', [2], { regularizer: tf.contrib.layers.l2Regularizer(0) }));
    assert.deepEqual(g.getCollection(tf.GraphKeys.REGULARIZATION_LOSSES), []);
  });

  test('keras factor checks and config', () => {
    expectValueError(() => tf.keras.regularizers.l2(-1), 'Invalid value for argument l2: expected a non-negative float.Received: l2=-1');
    expectValueError(() => tf.keras.regularizers.l1('a' as never), 'Invalid value for argument l1: expected a non-negative float.Received: l1=a');
    assert.deepEqual(tf.keras.regularizers.l2().getConfig(), { l2: 0.01 });
    assert.deepEqual(tf.keras.regularizers.L1({ l1: 0.3 }).getConfig(), { l1: 0.3 });
  });

  test("getVariable's regularizer: loss named <var>/Regularizer/l2_regularizer, in REGULARIZATION_LOSSES", () => {
    const { g, sess, out } = build(() => {
      const w = tf.getVariable('w', [2, 2], { initializer: init(W), regularizer: tf.contrib.layers.l2Regularizer(0.1) });
      const k = tf.getVariable('k', [2, 2], { initializer: init(W), regularizer: tf.keras.regularizers.l2(0.1) });
      return { w, k, total: tf.losses.getRegularizationLoss(), init: tf.globalVariablesInitializer() };
    });
    const losses = g.getCollection<tf.Tensor>(tf.GraphKeys.REGULARIZATION_LOSSES);
    assert.deepEqual(losses.map((t) => t.name), ['w/Regularizer/l2_regularizer:0', 'k/Regularizer/mul:0']);
    assert.ok(opNames(g).includes('w/Regularizer/l2_regularizer/scale'));
    assert.ok(['k/Regularizer/Square', 'k/Regularizer/Sum'].every((n) => opNames(g).includes(n)));
    assert.equal(out.total.name, 'total_regularization_loss:0');
    sess.run(out.init);
    expectClose(sess.run(out.total).item(), 0.71250004 + 1.4250001, 1e-6);
  });

  test('tf.layers.dense / conv2d kernelRegularizer and biasRegularizer; getTotalLoss adds them to the losses', () => {
    const { g, sess, out } = build(() => {
      const x = tf.constant([[1, 2]]);
      const y = tf.layers.dense(x, 2, {
        kernelInitializer: init(W),
        biasInitializer: tf.constantInitializer([1, -1]),
        kernelRegularizer: tf.contrib.layers.l2Regularizer(0.1),
        biasRegularizer: tf.contrib.layers.l1Regularizer(0.5),
      });
      const img = tf.ones([1, 3, 3, 1]);
      tf.layers.conv2d(img, 1, 2, { kernelInitializer: tf.onesInitializer(), kernelRegularizer: tf.keras.regularizers.l1(0.25) });
      tf.losses.meanSquaredError([[0, 0]], y);
      return { losses: tf.losses.getRegularizationLosses(), total: tf.losses.getTotalLoss(), reg: tf.losses.getRegularizationLoss(), init: tf.globalVariablesInitializer() };
    });
    assert.deepEqual(out.losses.map((t) => t.name), ['dense/kernel/Regularizer/l2_regularizer:0', 'dense/bias/Regularizer/l1_regularizer:0', 'conv2d/kernel/Regularizer/mul:0']);
    assert.equal(out.total.name, 'total_loss:0');
    assert.ok(opNames(g).includes('dense/kernel/Regularizer/l2_regularizer/L2Loss'));
    sess.run(out.init);
    // y = [1·1 + 2·3 + 1, 1·(−2) + 2·0.5 − 1] = [8, −2]: mse 34; regularization 0.7125 + 1 + 1.
    expectClose(sess.run(out.reg).item(), 2.7125, 1e-6);
    expectClose(sess.run(out.total).item(), 34 + 2.7125, 1e-6);
  });

  test('namespaces: tf.contrib.layers and tf.keras.regularizers in tensorgraph/v1 and compat.v1', () => {
    assert.equal(tf2.compat.v1.contrib.layers.l2Regularizer, tf.contrib.layers.l2Regularizer);
    assert.equal(tf2.compat.v1.keras.regularizers.l2, tf.keras.regularizers.l2);
  });
});

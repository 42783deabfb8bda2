// Conformance: MatrixDiagV3 / MatrixDiagPartV3 / MatrixSetDiagV3 (tf.linalg.diag / diagPart /
// setDiag), tf.eye, tf.linalg.trace, ApplyAdadelta (tf.train.AdadeltaOptimizer), Keras L1L2.
// Expected values and messages from TensorFlow 2.21 (CPU).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { keras } from '../../src/v1.js';
import { build, checkGradient, evalT, expectClose, expectOpError, opNames } from './helpers.js';

const d = [[1, 2, 3], [4, 5, 6]];
const x = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]];

describe('MatrixDiag family', () => {
  test('values with bands and align', () => {
    expectClose(evalT(() => tf.linalg.diag(d, { k: [-1, 0], numRows: 3, align: 'LEFT_RIGHT' })).toArray(), [[1, 0, 0], [5, 2, 0], [0, 6, 3]]);
    expectClose(evalT(() => tf.linalg.diag([1, 2, 3], { k: 1 })).toArray(), [[0, 1, 0, 0], [0, 0, 2, 0], [0, 0, 0, 3], [0, 0, 0, 0]]);
    expectClose(evalT(() => tf.linalg.diagPart(x, { k: [-1, 1], paddingValue: 9 })).toArray(), [[2, 7, 12], [1, 6, 11], [5, 10, 9]]);
    expectClose(evalT(() => tf.linalg.diagPart(x, { k: [-1, 1], align: 'LEFT_LEFT' })).toArray(), [[2, 7, 12], [1, 6, 11], [5, 10, 0]]);
    expectClose(evalT(() => tf.linalg.setDiag(x, [[7, 7, 7], [8, 8, 8]], { k: [0, 1] })).toArray(), [[8, 7, 3, 4], [5, 8, 7, 8], [9, 10, 8, 7]]);
    expectClose(evalT(() => tf.linalg.trace(x)).toArray(), 18);
    expectClose(evalT(() => tf.eye(2, 3, [2])).toArray(), [[[1, 0, 0], [0, 1, 0]], [[1, 0, 0], [0, 1, 0]]]);
    expectClose(evalT(() => tf.matrixDiag(tf.constant([1, 2], 'int32'))).toArray(), [[1, 0], [0, 2]]);
  });

  test('op structure as TensorFlow', () => {
    const { g, out } = build(() => [tf.eye(2), tf.eye(2, 3), tf.linalg.trace([[1, 2], [3, 4]])]);
    assert.equal(out[0]?.op.type, 'MatrixDiagV3');
    assert.equal(out[0]?.op.name, 'eye/diag');
    assert.equal(out[1]?.op.name, 'eye_1/set_diag');
    assert.equal(out[2]?.op.name, 'Trace');
    assert.ok(opNames(g).includes('Trace/diag_part'));
    assert.ok(opNames(g).includes('eye/diag/num_rows'));
    assert.equal(out[0]?.shape.toString(), '(2, 2)');
  });

  test('errors', () => {
    expectOpError(() => evalT(() => tf.linalg.diagPart(tf.placeholderWithDefault(tf.constant([1, 2]), null))), tf.errors.InvalidArgumentError, 'diag_part', 'input must be at least 2-dim, received shape: [2]');
    expectOpError(
      () => evalT(() => tf.linalg.diag(d, { k: tf.placeholderWithDefault(tf.constant([1, 0], 'int32'), null) })),
      tf.errors.InvalidArgumentError,
      'diag',
      'lower_diag_index must not be larger than upper_diag_index: 1 > 0',
    );
  });

  test('gradients', () => {
    checkGradient(([a]) => tf.linalg.diag(a as tf.Tensor, { k: [-1, 0] }), [[1, 2, 3, 4, 5, 6]], [[2, 3]]);
    checkGradient(([a]) => tf.linalg.diagPart(a as tf.Tensor, { k: [-1, 1] }), [x.flat()], [[3, 4]]);
    checkGradient(([a, b]) => tf.linalg.setDiag(a as tf.Tensor, b as tf.Tensor, { k: 1 }), [x.flat(), [1, 2, 3]], [[3, 4], [3]]);
    checkGradient(([a]) => tf.linalg.trace(a as tf.Tensor), [x.flat()], [[3, 4]]);
  });
});

describe('AdadeltaOptimizer', () => {
  test('two steps equal TensorFlow 2.21', () => {
    const { sess, out } = build(() => {
      const v = new tf.Variable([1.0, 2.0, -3.0], { name: 'v' });
      const loss = tf.reduceSum(tf.multiply(tf.multiply(v, v), v));
      const opt = new tf.train.AdadeltaOptimizer(0.5, 0.9, 1e-6);
      return { v, t: opt.minimize(loss), opt, init: tf.globalVariablesInitializer() };
    });
    sess.run(out.init);
    sess.run(out.t);
    sess.run(out.t);
    expectClose((sess.run(out.v) as tf.NDArray).toArray(), [0.9967991, 1.9967978, -3.003204], 1e-6);
    expectClose((sess.run(out.opt.getSlot(out.v, 'accum') as tf.Variable) as tf.NDArray).toArray(), [1.7043219, 27.314522, 138.66385], 1e-4);
    expectClose((sess.run(out.opt.getSlot(out.v, 'accum_update') as tf.Variable) as tf.NDArray).toArray(), [1.9494728e-6, 1.9510539e-6, 1.9536824e-6], 1e-11);
  });
});

describe('keras L1L2', () => {
  test('value and config', () => {
    const r = keras.regularizers.L1L2(0.5, 0.25);
    expectClose(evalT(() => r(tf.constant([1, -2, 3])) as tf.Tensor).toArray(), 6.5);
    assert.deepEqual(r.getConfig(), { l1: 0.5, l2: 0.25 });
    assert.deepEqual(keras.regularizers.l1_l2().getConfig(), { l1: 0, l2: 0 });
  });
});

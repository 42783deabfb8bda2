// Conformance: MatrixDiagV3 / MatrixDiagPartV3 / MatrixSetDiagV3 (tf.linalg.diag / diagPart /
// setDiag), tf.eye, tf.linalg.trace, ApplyAdadelta (tf.train.AdadeltaOptimizer), Keras L1L2.
// Expected values and messages from TensorFlow 2.21 (CPU).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { keras } from '../../src/v1.js';
import { applyOp1 } from '../../src/ops/builder.js';
import { MatrixDiag, MatrixDiagPart, MatrixSetDiag } from '../../src/ops/defs/array/matrix-diag.js';
import { build, checkGradient, evalT, expectArray, expectClose, expectOpError, expectValueError, expectValueErrorPrefix, opNames } from './helpers.js';

const pw = (v: unknown, dtype: tf.DType = 'float32') => tf.placeholderWithDefault(tf.constant(v as number[], dtype), null);

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

  test('dtypes, padding, empty shapes', () => {
    expectArray(evalT(() => tf.linalg.diag(tf.constant([[1, 2], [3, 4]], 'int64'), { k: [0, 1], paddingValue: 7 })), 'int64', [2, 2], [[3n, 2n], [7n, 4n]]);
    expectArray(evalT(() => tf.linalg.diag(tf.constant([true, false]))), 'bool', [2, 2], [[true, false], [false, false]]);
    assert.deepEqual(evalT(() => tf.linalg.diag(tf.zeros([2, 0]))).shape, [2, 0, 0]);
    assert.deepEqual(evalT(() => tf.linalg.diagPart(tf.zeros([2, 0, 3]))).shape, [2, 0]);
    assert.deepEqual(evalT(() => tf.linalg.diagPart(tf.zeros([0, 3]), { k: [0, 1] })).shape, [2, 0]);
    expectArray(evalT(() => tf.eye(3, undefined, undefined, 'int32')), 'int32', [3, 3], [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
  });

  test("TF1's MatrixDiag / MatrixDiagPart / MatrixSetDiag", () => {
    expectClose(evalT(() => applyOp1(MatrixDiag, [tf.constant([1, 2], 'int32')])).toArray(), [[1, 0], [0, 2]]);
    expectClose(evalT(() => applyOp1(MatrixDiagPart, [tf.constant(x)])).toArray(), [1, 6, 11]);
    expectClose(evalT(() => applyOp1(MatrixSetDiag, [tf.constant(x), tf.constant([0, 0, 0])])).toArray(), [[0, 2, 3, 4], [5, 0, 7, 8], [9, 10, 0, 12]]);
    checkGradient(([a]) => applyOp1(MatrixDiagPart, [a]), [x.flat()], [[3, 4]]);
    checkGradient(([a, b]) => applyOp1(MatrixSetDiag, [a, b]), [x.flat(), [1, 2, 3]], [[3, 4], [3]]);
    checkGradient(([a]) => applyOp1(MatrixDiag, [a]), [[1, 2, 3]], [[3]]);
  });

  test('kernel errors', () => {
    expectOpError(
      () => evalT(() => tf.linalg.setDiag(pw(x), pw([1, 2]))),
      tf.errors.InvalidArgumentError,
      'set_diag',
      "Either first dimensions of diagonal don't match input.shape[:-2], or diagonal.shape[:-1] is not equal to the longests diagonal in range [lower_diag_index:upper_diag_index].\nInput shape: [3,4]\nDiagonal shape: [2]\nExpected diagonal shape: [3]",
    );
    expectOpError(() => evalT(() => tf.linalg.diagPart(pw(x), { k: pw(4, 'int32') })), tf.errors.InvalidArgumentError, 'diag_part', 'lower_diag_index is out of bound: 4. It must be between -3 and 4');
    expectOpError(() => evalT(() => tf.linalg.setDiag(pw(x), pw([1, 2, 3]), { k: pw(-3, 'int32') })), tf.errors.InvalidArgumentError, 'set_diag', 'lower_diag_index is out of bound: -3 It must be between -3 and 4');
    expectOpError(() => evalT(() => tf.linalg.diag([1, 2], { numRows: pw(1, 'int32'), numCols: 5 })), tf.errors.InvalidArgumentError, 'diag', 'The number of rows is too small.');
    expectOpError(() => evalT(() => tf.linalg.diag([1, 2], { numRows: pw(4, 'int32'), numCols: 5 })), tf.errors.InvalidArgumentError, 'diag', 'The number of rows or columns is not consistent with the specified d_lower, d_upper, and diagonal.');
    expectOpError(() => evalT(() => tf.linalg.diag([[1, 2]], { k: pw([0, 1], 'int32') })), tf.errors.InvalidArgumentError, 'diag', 'The number of diagonals provided in the input does not match the lower_diag_index and upper_diag_index range.');
    expectOpError(() => evalT(() => tf.linalg.diag([1, 2], { k: pw([0, 1, 2], 'int32') })), tf.errors.InvalidArgumentError, 'diag', 'diag_index must have only one or two elements, received 3 elements.');
    expectOpError(() => evalT(() => applyOp1(MatrixDiag, [pw(1)])), tf.errors.InvalidArgumentError, 'MatrixDiag', 'diagonal must be at least 1-dim, received shape: []');
  });

  test('build-time errors', () => {
    expectValueErrorPrefix(() => build(() => tf.linalg.diagPart(x, { k: 4 })), 'lower_diag_index is out of bound. for ');
    expectValueErrorPrefix(() => build(() => tf.linalg.diag([1, 2], { numRows: 1, numCols: 5 })), 'num_rows is too small for ');
    expectValueErrorPrefix(() => build(() => tf.linalg.diag(1)), 'Shape must be at least rank 1 but is rank 0 for ');
    expectValueErrorPrefix(() => build(() => tf.linalg.diagPart([1])), 'Shape must be at least rank 2 but is rank 1 for ');
    expectValueErrorPrefix(() => build(() => tf.linalg.diag([1, 2], { k: [0, 1, 2] })), 'diag_index must be a vector with one or two elements. It has 3 elements. for ');
    expectValueErrorPrefix(
      () => build(() => tf.linalg.diag([[1, 2]], { k: [0, 1] })),
      "The number of rows of `diagonal` doesn't match the number of diagonals implied from `d_lower` and `d_upper`.\nnum_diags = 1, d_lower = 0, d_upper = 1 2 2 for ",
    );
    expectValueError(() => build(() => tf.linalg.diag([1, 2], { align: 'FOO' as never })), `Attr 'align' of 'MatrixDiagV3' Op passed string 'FOO' not in: "LEFT_RIGHT", "RIGHT_LEFT", "LEFT_LEFT", "RIGHT_RIGHT".`);
    // A diagonal of the wrong length is only found by the kernel, as TensorFlow's shape function.
    assert.equal(build(() => tf.linalg.setDiag(x, [1, 2])).out.shape.toString(), '(3, 4)');
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
    const names = opNames(out.v.graph);
    for (const n of ['v/Adadelta', 'v/Adadelta_1', 'Adadelta/lr', 'Adadelta/rho', 'Adadelta/epsilon', 'Adadelta/update_v/ApplyAdadelta']) assert.ok(names.includes(n), n);
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

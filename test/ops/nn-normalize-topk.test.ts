// tf.nn.l2Normalize, tf.math.logSigmoid, tf.nn.swish, tf.nn.inTopK (InTopKV2).
// Expected values, names and messages from TensorFlow 2.21 (tf.compat.v1, graph mode).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, checkGradient, evalT, expectClose, expectOpError, expectTypeError, expectValueError, opNames } from './helpers.js';

const X = [[1, 2, -2], [0, 0, 0]];

describe('tf.nn.l2Normalize', () => {
  test('values: one axis, all axes, the TF1 dim alias with epsilon', () => {
    const { sess, out } = build(() => [tf.nn.l2Normalize(X, 1), tf.nn.l2Normalize(X), tf.nn.l2Normalize(X, { dim: 0, epsilon: 0.1 })]);
    const r = sess.run(out).map((x) => x.toArray());
    expectClose(r[0], [[1 / 3, 2 / 3, -2 / 3], [0, 0, 0]]);
    expectClose(r[1], [[1 / 3, 2 / 3, -2 / 3], [0, 0, 0]]);
    expectClose(r[2], [[1, 1, -1], [0, 0, 0]]);
  });

  test("TensorFlow's graph; exported in tf.nn, tf.math, tf.linalg", () => {
    const { g, out } = build(() => tf.nn.l2Normalize(tf.placeholder('float32', [2, 3], 'x'), 1));
    assert.equal(out.name, 'l2_normalize:0');
    assert.deepEqual(opNames(g), ['x', 'l2_normalize/Square', 'l2_normalize/Sum/reduction_indices', 'l2_normalize/Sum', 'l2_normalize/Maximum/y', 'l2_normalize/Maximum', 'l2_normalize/Rsqrt', 'l2_normalize']);
    assert.equal(out.op.type, 'Mul');
    assert.equal(tf.math.l2Normalize, tf.nn.l2Normalize);
    assert.equal(tf.linalg.l2Normalize, tf.nn.l2Normalize);
  });

  test('axis and dim together are refused; gradient', () => {
    build(() => expectValueError(() => tf.nn.l2Normalize(X, 0, { dim: 0 }), "Cannot specify both 'axis' and 'dim'."));
    checkGradient((xs) => tf.nn.l2Normalize(xs[0] as tf.Tensor, 1), [[1, 2, -2, 0.5, -0.3, 0.1]], [[2, 3]]);
  });
});

describe('tf.math.logSigmoid / tf.nn.swish', () => {
  test('values (stable for large |x|) and names', () => {
    const { g, sess, out } = build(() => [tf.math.logSigmoid([-100, -1, 0, 2, 50]), tf.nn.swish([-2, 0, 1.5]), tf.nn.swish([-2, 0, 1.5], 2.0)]);
    const r = sess.run(out).map((x) => x.toArray());
    expectClose(r[0], [-100, -1.31326162815094, -0.6931471824645996, -0.12692800164222717, -1.9287498933537385e-22]);
    expectClose(r[1], [-0.23840583860874176, 0, 1.2263617515563965]);
    expectClose(r[2], [-0.03597242012619972, 0, 1.428861141204834]);
    assert.equal(out[0]?.name, 'LogSigmoid:0');
    assert.ok(['LogSigmoid/Neg', 'LogSigmoid/Softplus'].every((n) => opNames(g).includes(n)));
    assert.equal(tf.logSigmoid, tf.math.logSigmoid);
  });

  test('gradients', () => {
    checkGradient((xs) => tf.math.logSigmoid(xs[0] as tf.Tensor), [[-3, -0.5, 0, 2]], [[4]]);
    checkGradient((xs) => tf.nn.swish(xs[0] as tf.Tensor, 1.5), [[-3, -0.5, 0, 2]], [[4]]);
  });
});

describe('tf.nn.inTopK (InTopKV2)', () => {
  const pw = (v: unknown, dtype: tf.DType = 'float32') => tf.placeholderWithDefault(tf.constant(v as number[], dtype), null);

  test('values: ties, NaN and infinite rows, out-of-range targets, k = 0 and k < 0, int64', () => {
    const { sess, out } = build(() => [
      tf.nn.inTopK([[0.1, 0.5, 0.4], [0.3, 0.3, 0.4], [Number.NaN, 1, 2]], [1, 0, 0], 1),
      tf.nn.inTopK([[0.1, 0.5, 0.4], [0.3, 0.3, 0.4], [Number.POSITIVE_INFINITY, 1, 2]], tf.constant([1, 0, 3], 'int32'), 2),
      tf.nn.inTopK([[0.1, 0.5, 0.4]], tf.constant([1], 'int32'), 0),
      tf.nn.inTopK([[0.1, 0.5, 0.4]], tf.constant([1], 'int32'), -1),
      tf.nn.inTopK([[0.1, 0.5, 0.4]], tf.constant([1], 'int32'), 5),
      tf.math.inTopK([[0.1, 0.5, 0.4]], tf.constant([2n], 'int64'), 2),
    ]);
    assert.deepEqual(
      sess.run(out).map((x) => x.toArray()),
      [[true, false, false], [true, true, false], [false], [false], [true], [true]],
    );
  });

  test("TensorFlow's names, attrs and static shape", () => {
    const { g, out } = build(() => tf.nn.inTopK(tf.placeholder('float32', [null, 3], 'p'), tf.placeholder('int32', [4], 't'), 2));
    assert.equal(out.name, 'in_top_k/InTopKV2:0');
    assert.equal(out.dtype, 'bool');
    assert.deepEqual(out.shape.dims, [4]);
    assert.deepEqual(opNames(g), ['p', 't', 'in_top_k/InTopKV2/k', 'in_top_k/InTopKV2']);
    assert.equal(out.op.getAttr('T'), 'int32');
  });

  test('errors: build time and run time', () => {
    build(() => {
      expectValueError(
        () => tf.nn.inTopK([0.1, 0.5, 0.4], [1], 1),
        "Shape must be rank 2 but is rank 1 for '{{node in_top_k/InTopKV2}} = InTopKV2[T=DT_INT32](in_top_k/InTopKV2/predictions, in_top_k/InTopKV2/targets, in_top_k/InTopKV2/k)' with input shapes: [3], [1], [].",
      );
    });
    build(() => {
      expectValueError(
        () => tf.nn.inTopK([[0.1, 0.5, 0.4]], [1, 2], 1),
        "Dimensions must be equal, but are 1 and 2 for '{{node in_top_k/InTopKV2}} = InTopKV2[T=DT_INT32](in_top_k/InTopKV2/predictions, in_top_k/InTopKV2/targets, in_top_k/InTopKV2/k)' with input shapes: [1,3], [2], [].",
      );
      expectTypeError(
        () => tf.nn.inTopK(tf.constant([[0.1, 0.5, 0.4]], 'float64'), tf.constant([1], 'int32'), 1),
        "Input 'predictions' of 'InTopKV2' Op has type float64 that does not match expected type of float32.",
      );
    });
    const op = 'in_top_k/InTopKV2';
    const E = tf.errors.InvalidArgumentError;
    expectOpError(() => evalT(() => tf.nn.inTopK(pw([0.1, 0.5, 0.4]), pw([1], 'int32'), 1)), E, op, 'predictions must be 2-dimensional');
    expectOpError(() => evalT(() => tf.nn.inTopK(pw([[0.1, 0.5, 0.4]]), pw([[1]], 'int32'), 1)), E, op, 'targets must be 1-dimensional');
    expectOpError(() => evalT(() => tf.nn.inTopK(pw([[0.1, 0.5, 0.4]]), pw([1, 2], 'int32'), 1)), E, op, 'First dimension of predictions 1 must match length of targets 2');
    expectOpError(() => evalT(() => tf.nn.inTopK([[0.1, 0.5, 0.4]], tf.constant([1], 'int32'), tf.constant([1], 'int32'))), E, op, 'k must be 0-D, got shape [1]');
  });
});

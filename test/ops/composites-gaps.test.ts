// tf.math.reduceVariance / reduceStd, tf.norm, tf.sequenceMask, tf.meshgrid, tf.image flips and
// perImageStandardization. Expected values, names and messages from TensorFlow 2.21 (tf.compat.v1).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, checkGradient, expectClose, expectTypeError, expectValueError, opNames } from './helpers.js';

const X = [[1, 2, 4], [-1, 0.5, 3]];
const I = Array.from({ length: 2 }, (_, a) => Array.from({ length: 3 }, (_, b) => [0, 1].map((c) => (a * 6 + b * 2 + c) * 0.7 - 1)));

describe('reduceVariance / reduceStd / norm', () => {
  test('values', () => {
    const { sess, out } = build(() => [
      tf.math.reduceVariance(X),
      tf.math.reduceVariance(X, 1, true),
      tf.math.reduceStd(X),
      tf.math.reduceStd(X, 0),
      tf.norm(X),
      tf.norm(X, 1, 1),
      tf.norm(X, Number.POSITIVE_INFINITY),
      tf.norm(X, { ord: 3, axis: 0 }),
      tf.norm(X, 1, [0, 1]),
      tf.linalg.norm(X, Number.POSITIVE_INFINITY, [0, 1]),
      tf.norm(X, 'fro', [0, 1], true),
    ]);
    const r = sess.run(out).map((x) => x.toArray());
    expectClose(r, [2.701389, [[1.5555557], [2.7222223]], 1.6435903, [1, 0.75, 0.5], 5.59017, [7, 4.5], 4, [1.2599211, 2.0103629, 4.4979415], 7, 7, [[5.59017]]], 1e-6);
  });

  test("TensorFlow's names and errors", () => {
    const { g, out } = build(() => [tf.math.reduceStd(tf.placeholder('float32', [2, 3], 'x')), tf.norm(tf.placeholder('float32', [2, 3], 'y'), 1, 1)]);
    assert.equal(out[0]?.name, 'reduce_std/Sqrt:0');
    assert.equal(out[1]?.name, 'norm/Squeeze:0');
    assert.ok(['reduce_std/reduce_variance/Mean', 'reduce_std/reduce_variance/sub', 'reduce_std/reduce_variance/Square', 'reduce_std/reduce_variance/Mean_1', 'norm/Abs', 'norm/Sum'].every((n) => opNames(g).includes(n)));
    build(() => {
      expectValueError(() => tf.norm(X, 0), "'ord' must be a supported vector norm, got 0");
      expectValueError(() => tf.norm(X, 'euclidean', [1, 1] as never), "'axis' must be None, an integer, or a tuple of 2 unique integers, got (1, 1)");
      expectValueError(() => tf.norm(X, 3, [0, 1]), "'ord' must be a supported matrix norm in ['euclidean', 'fro', 1, 2, inf], got 3");
      expectTypeError(() => tf.math.reduceVariance(tf.constant([1, 2], 'int32')), "Input must be either real or complex. Received integer type <dtype: 'int32'>.");
    });
  });

  test('gradients', () => {
    checkGradient((xs) => tf.math.reduceStd(xs[0] as tf.Tensor, 1), [[1, 2, 4, -1, 0.5, 3]], [[2, 3]]);
    checkGradient((xs) => tf.norm(xs[0] as tf.Tensor, 3, 0), [[1, 2, 4, -1, 0.5, 3]], [[2, 3]], 1e-5);
    checkGradient((xs) => tf.norm(xs[0] as tf.Tensor), [[1, 2, 4, -1, 0.5, 3]], [[2, 3]]);
  });
});

describe('sequenceMask / meshgrid', () => {
  test('values, dtype, names', () => {
    const { g, sess, out } = build(() => [
      tf.sequenceMask([1, 3, 0], 4),
      tf.sequenceMask([[1, 2], [0, 1]]),
      tf.sequenceMask([2, 1], 3, 'float32'),
    ]);
    assert.equal(out[0]?.name, 'SequenceMask/Less:0');
    assert.ok(['SequenceMask/Range', 'SequenceMask/ExpandDims', 'SequenceMask/Cast', 'SequenceMask_1/Max', 'SequenceMask_1/Maximum'].every((n) => opNames(g).includes(n)));
    assert.deepEqual(
      sess.run(out).map((x) => x.toArray()),
      [
        [[true, false, false, false], [true, true, true, false], [false, false, false, false]],
        [[[true, false], [true, true]], [[false, false], [true, false]]],
        [[1, 1, 0], [1, 0, 0]],
      ],
    );
    build(() =>
      expectValueError(
        () => tf.sequenceMask([1, 2], [3, 4]),
        "Argument `maxlen` must be scalar for sequence_mask, received `maxlen` = Tensor(\"SequenceMask/Const_1:0\", shape=(2,), dtype=int32) with shape '(2,)' instead",
      ),
    );
  });

  test("meshgrid 'xy' and 'ij'", () => {
    const { sess, out } = build(() => [...tf.meshgrid([1, 2, 3], [4, 5]), ...tf.meshgrid([1, 2, 3], [4, 5], { indexing: 'ij' })]);
    assert.equal(out[0]?.name, 'meshgrid/mul:0');
    assert.deepEqual(
      sess.run(out).map((x) => x.toArray()),
      [[[1, 2, 3], [1, 2, 3]], [[4, 4, 4], [5, 5, 5]], [[1, 1], [2, 2], [3, 3]], [[4, 5], [4, 5], [4, 5]]],
    );
    expectValueError(() => tf.meshgrid([1], { indexing: 'x' as never }), "Argument `indexing` parameter must be either 'xy' or 'ij', got 'x'");
  });
});

describe('tf.image flips and perImageStandardization', () => {
  test('values and names', () => {
    const { sess, out } = build(() => [tf.image.flipLeftRight(I), tf.image.flipUpDown(I), tf.image.perImageStandardization(I), tf.image.perImageStandardization(tf.ones([2, 2, 1]))]);
    assert.equal(out[0]?.name, 'flip_left_right/ReverseV2:0');
    assert.equal(out[2]?.name, 'per_image_standardization:0');
    const r = sess.run(out).map((x) => x.toArray());
    expectClose(r[0], [[[1.8, 2.5], [0.4, 1.1], [-1, -0.3]], [[6, 6.7], [4.6, 5.3], [3.2, 3.9]]], 1e-6);
    expectClose(r[1], [[[3.2, 3.9], [4.6, 5.3], [6, 6.7]], [[-1, -0.3], [0.4, 1.1], [1.8, 2.5]]], 1e-6);
    expectClose(
      r[2],
      [
        [[-1.5932549238204956, -1.303572177886963], [-1.0138895511627197, -0.7242067456245422], [-0.4345239996910095, -0.1448412388563156]],
        [[0.14484143257141113, 0.4345242977142334], [0.7242069244384766, 1.0138896703720093], [1.303572416305542, 1.5932551622390747]],
      ],
      1e-5,
    );
    expectClose(r[3], [[[0], [0]], [[0], [0]]]);
  });

  test('errors', () => {
    build(() => {
      expectValueError(() => tf.image.flipLeftRight(tf.ones([2, 2])), "'image' (shape (2, 2)) must be at least three-dimensional.");
      expectValueError(() => tf.image.flipLeftRight(tf.ones([1, 2, 2, 2, 1])), "'image' (shape (1, 2, 2, 2, 1))must have either 3 or 4 dimensions.");
    });
  });
});

describe('tf.math.reduceEuclideanNorm (EuclideanNorm)', () => {
  const Y = [[1, 2, -2], [3, 0.5, 4]];
  test('values, names, gradient, errors', () => {
    const { g, sess, out } = build(() => [
      tf.math.reduceEuclideanNorm(tf.placeholderWithDefault(tf.constant(Y), [2, 3], 'x')),
      tf.math.reduceEuclideanNorm(Y, 1),
      tf.math.reduceEuclideanNorm(Y, 0, true),
      tf.math.reduceEuclideanNorm(tf.constant(Y, 'float64'), [0, 1]),
    ]);
    assert.equal(out[0]?.name, 'EuclideanNorm:0');
    assert.ok(opNames(g).includes('Const'));
    const r = sess.run(out).map((x) => x.toArray());
    expectClose(r, [5.8523498, [3, 5.0249376], [[3.1622777, 2.0615528, 4.472136]], 5.852349955359813], 1e-6);
    checkGradient((xs) => tf.math.reduceEuclideanNorm(xs[0] as tf.Tensor, 1), [[1, 2, -2, 3, 0.5, 4]], [[2, 3]]);
    checkGradient((xs) => tf.math.reduceEuclideanNorm(xs[0] as tf.Tensor, 0, true), [[1, 2, -2, 3, 0.5, 4]], [[2, 3]]);
  });
});

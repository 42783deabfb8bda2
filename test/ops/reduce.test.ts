// Conformance: Mean, Max, Min, Prod, All, Any, ArgMax, ArgMin (tf.reduce*, tf.argmax/argmin) and
// the reduction gradients (Sum's too). Expected values checked with TensorFlow 2.21 (CPU).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, checkGradient, evalT, expectArray, expectClose, expectOpError, expectTypeError, expectValueError } from './helpers.js';

const m = () => tf.constant([[1, 2], [3, 4]]);
type G = NonNullable<tf.Tensor['op']['def']['grad']>;
const gradOf = (y: tf.Tensor, dy: tf.Tensor) => (y.op.def.grad as G)(y.op, [dy]);

describe('reductions', () => {
  test('values, axes, keepdims, negative axes, TF1 spellings', () => {
    expectArray(evalT(() => tf.reduceMean(m())), 'float32', [], 2.5);
    expectArray(evalT(() => tf.reduceMean(m(), 1)), 'float32', [2], [1.5, 3.5]);
    expectArray(evalT(() => tf.reduceMax(m(), -1, true)), 'float32', [2, 1], [[2], [4]]);
    expectArray(evalT(() => tf.reduceMin(m(), { reductionIndices: [0], keepDims: true })), 'float32', [1, 2], [[1, 2]]);
    expectArray(evalT(() => tf.reduceProd(m(), 0, { keepdims: true })), 'float32', [1, 2], [[3, 8]]);
    expectArray(evalT(() => tf.reduceAll(tf.constant([[true, false], [true, true]]), 1)), 'bool', [2], [false, true]);
    expectArray(evalT(() => tf.reduceAny(tf.constant([[true, false], [false, false]]), 1)), 'bool', [2], [true, false]);
    expectArray(evalT(() => tf.math.reduceSum(m(), [0, 1])), 'float32', [], 10);
  });

  test('nothing to reduce (no axes, or axes of size 1) copies: -0 stays -0, as TF 2.21', () => {
    const negZero = (t: () => tf.Tensor) => Object.is((evalT(t).data as Float32Array)[0], -0);
    assert.ok(negZero(() => tf.reduceSum(tf.constant([-0]), [])));
    assert.ok(negZero(() => tf.reduceSum(tf.constant([[-0]]), 1)));
    assert.ok(negZero(() => tf.reduceMean(tf.constant([[-0]]), 1)));
    // two values: 0 + -0 + -0 = +0
    assert.ok(!negZero(() => tf.reduceSum(tf.constant([[-0, -0]]), 1)));
  });

  test('dtypes: integer mean truncates, int16 max, float16 mean', () => {
    expectArray(evalT(() => tf.reduceMean(tf.constant([1, 2], 'int32'))), 'int32', [], 1);
    expectArray(evalT(() => tf.reduceMax(tf.constant([1, 2], 'int16'))), 'int16', [], 2);
    expectArray(evalT(() => tf.reduceMean(tf.constant([1, 2], 'float16'))), 'float16', [], 1.5);
    expectArray(evalT(() => tf.reduceProd(tf.constant([3n, 4n]))), 'int64', [], 12n);
  });

  test('empty reductions: mean NaN, prod 1, max -inf, all true, any false', () => {
    const e = () => tf.zeros([0, 2]);
    expectArray(evalT(() => tf.reduceMean(e(), 0)), 'float32', [2], [Number.NaN, Number.NaN]);
    expectArray(evalT(() => tf.reduceProd(e(), 0)), 'float32', [2], [1, 1]);
    expectArray(evalT(() => tf.reduceMax(e(), 0)), 'float32', [2], [-Infinity, -Infinity]);
    expectArray(evalT(() => tf.reduceAll(tf.zeros([0], 'bool'))), 'bool', [], true);
    expectArray(evalT(() => tf.reduceAny(tf.zeros([0], 'bool'))), 'bool', [], false);
  });

  test('NaN propagates through max/min', () => {
    expectArray(evalT(() => tf.reduceMax([1, Number.NaN, 3])), 'float32', [], Number.NaN);
  });

  test('static shapes: partial input shapes, unknown axes', () => {
    const { out } = build(() => {
      const p = tf.placeholder('float32', [null, 3, 4]);
      const ax = tf.placeholder('int32', [1]);
      return [tf.reduceMean(p, 1), tf.reduceMax(p, [0, 2], true), tf.reduceMin(p, ax), tf.reduceMin(p, ax, true)];
    });
    assert.deepEqual(
      out.map((t) => t.shape.toString()),
      ['(?, 4)', '(1, 3, 1)', '<unknown>', '(?, ?, ?)'],
    );
  });

  test('errors: axis out of range (build and run time), duplicate axes, both spellings, dtypes', () => {
    expectValueError(
      () => build(() => tf.reduceMax(m(), [2])),
      "Invalid reduction dimension 2 for input with 2 dimensions. for '{{node Max}} = Max[T=DT_FLOAT, Tidx=DT_INT32, keep_dims=false](Const, Max/reduction_indices)' with input shapes: [2,2], [1] and with computed input tensors: input[1] = <2>.",
    );
    const r = build(() => tf.reduceMax(m(), tf.placeholderWithDefault(tf.constant([2], 'int32'), [null])));
    expectOpError(() => r.sess.run(r.out), tf.errors.InvalidArgumentError, 'Max', 'Invalid reduction dimension (2 for input with 2 dimension(s)');
    const d = build(() => tf.reduceSum(m(), [0, 0]));
    expectOpError(() => d.sess.run(d.out), tf.errors.InvalidArgumentError, 'Sum', 'Invalid reduction arguments: Axes contains duplicate dimension: 0');
    expectValueError(() => build(() => tf.reduceMean(m(), 1, { reductionIndices: 1 })), "Cannot specify both 'reduction_indices' and 'axis'.");
    expectTypeError(
      () => build(() => tf.reduceMax(tf.constant([true]))),
      "Value passed to parameter 'input' has DataType bool not in list of allowed values: float32, float64, int32, uint8, int16, int8, int64, uint16, float16, uint32, uint64",
    );
    assert.throws(() => build(() => tf.reduceMax(m(), [[0]])), /Shape must be at most rank 1 but is rank 2/);
  });
});

describe('ArgMax / ArgMin', () => {
  test('values, default axis 0, dimension, outputType, NaN and ties', () => {
    expectArray(evalT(() => tf.argmax(m(), 1)), 'int64', [2], [1n, 1n]);
    expectArray(evalT(() => tf.argmax(m())), 'int64', [2], [1n, 1n]);
    expectArray(evalT(() => tf.argmin(m(), { dimension: 1 })), 'int64', [2], [0n, 0n]);
    expectArray(evalT(() => tf.argmax(m(), 1, { outputType: 'int32' })), 'int32', [2], [1, 1]);
    expectArray(evalT(() => tf.argmax(m(), 1, { outputType: 'int16' })), 'int16', [2], [1, 1]);
    expectArray(evalT(() => tf.argmax([Number.NaN, 1, 3])), 'int64', [], 2n);
    expectArray(evalT(() => tf.argmin([2, 1, 1, 5])), 'int64', [], 1n);
    expectArray(evalT(() => tf.argmax(tf.constant([false, true]))), 'int64', [], 1n);
    expectArray(evalT(() => tf.math.argmin(tf.constant([[3, 1]], 'uint8'), -1)), 'int64', [1], [1n]);
    const { out } = build(() => tf.argmax(m(), 1));
    assert.equal(out.op.type, 'ArgMax');
    assert.equal(out.op.inputs[1]?.name, 'ArgMax/dimension:0');
  });

  test('errors', () => {
    expectValueError(
      () => build(() => tf.argmax(m(), 2)),
      "Dimension (2) must be in the range [-2, 2), where 2 is the number of dimensions in the input. for '{{node ArgMax}} = ArgMax[T=DT_FLOAT, Tidx=DT_INT32, output_type=DT_INT64](Const, ArgMax/dimension)' with input shapes: [2,2], [] and with computed input tensors: input[1] = <2>.",
    );
    const r = build(() => tf.argmax(m(), tf.placeholderWithDefault(tf.constant(2, 'int32'), [])));
    expectOpError(() => r.sess.run(r.out), tf.errors.InvalidArgumentError, 'ArgMax', 'Expected dimension in the range [-2, 2), but got 2');
    const e = build(() => tf.argmax(tf.zeros([2, 0]), 1));
    expectOpError(() => e.sess.run(e.out), tf.errors.InvalidArgumentError, 'ArgMax', 'Reduction axis 1 is empty in shape [2,0]');
    expectValueError(() => build(() => tf.argmax(m(), 1, { dimension: 1 })), "Cannot specify both 'dimension' and 'axis'.");
    expectTypeError(() => build(() => tf.argmax(m(), [1] as never)), 'axis must be int or Tensor with integer datatype');
  });
});

describe('reduction gradients (finite differences)', () => {
  const x = [0.3, 1.7, -0.8, 2.2, -1.4, 0.9];
  test('Sum, Mean over axes, all, keepdims', () => {
    checkGradient(([a]) => tf.reduceSum(a as tf.Tensor, 1), [x], [[2, 3]]);
    checkGradient(([a]) => tf.reduceSum(a as tf.Tensor, [0, 1], true), [x], [[2, 3]]);
    checkGradient(([a]) => tf.reduceMean(a as tf.Tensor, 0), [x], [[2, 3]]);
    checkGradient(([a]) => tf.reduceMean(a as tf.Tensor), [x], [[3, 2]]);
    checkGradient(([a]) => tf.reduceMean(a as tf.Tensor, [0, 2]), [x], [[1, 2, 3]]);
  });
  test('Max, Min, Prod', () => {
    checkGradient(([a]) => tf.reduceMax(a as tf.Tensor, 1), [x], [[2, 3]]);
    checkGradient(([a]) => tf.reduceMin(a as tf.Tensor, 0, true), [x], [[2, 3]]);
    checkGradient(([a]) => tf.reduceProd(a as tf.Tensor, 1), [x], [[2, 3]]);
    checkGradient(([a]) => tf.reduceProd(a as tf.Tensor), [x], [[6]]);
  });
  test('Prod is zero-safe (one zero, two zeros)', () => {
    checkGradient(([a]) => tf.reduceProd(a as tf.Tensor, 1), [[0, 2, 3, 0, 0, 5]], [[2, 3]]);
    const { out, sess } = build(() => {
      const a = tf.constant([[0, 2, 3], [0, 0, 5], [1, 2, 4]]);
      const y = tf.reduceProd(a, 1);
      return gradOf(y, tf.onesLike(y))[0] as tf.Tensor;
    });
    expectArray(sess.run(out), 'float32', [3, 3], [[6, 0, 0], [0, 0, 0], [8, 4, 2]]);
  });
  test('Max splits the gradient equally among ties', () => {
    const { out, sess } = build(() => {
      const y = tf.reduceMax(tf.constant([[1, 3, 3], [2, 0, 1]]), 1);
      return gradOf(y, tf.constant([1, 1]))[0] as tf.Tensor;
    });
    expectArray(sess.run(out), 'float32', [2, 3], [[0, 0.5, 0.5], [1, 0, 0]]);
  });
  test('partially known shapes and fed axes', () => {
    const { out, sess } = build(() => {
      const p = tf.placeholder('float32', [null, 3]);
      const ax = tf.placeholder('int32', [1]);
      const ys = [tf.reduceMean(p, 1), tf.reduceSum(p, ax), tf.reduceMax(p, 0)];
      return { p, ax, gs: ys.map((y) => gradOf(y, tf.onesLike(y))[0] as tf.Tensor) };
    });
    const f = new Map<unknown, unknown>([
      [out.p, [[1, 2, 3], [4, 5, 6]]],
      [out.ax, [1]],
    ]);
    const [gMean, gSum, gMax] = sess.run(out.gs, f) as tf.NDArray[];
    expectClose((gMean as tf.NDArray).toArray(), [[1 / 3, 1 / 3, 1 / 3], [1 / 3, 1 / 3, 1 / 3]]);
    expectArray(gSum as tf.NDArray, 'float32', [2, 3], [[1, 1, 1], [1, 1, 1]]);
    expectArray(gMax as tf.NDArray, 'float32', [2, 3], [[0, 0, 0], [1, 1, 1]]);
  });
  test('integer reductions and argmax have no gradient', () => {
    const { out } = build(() => {
      const y = tf.reduceSum(tf.constant([1, 2], 'int32'));
      return [gradOf(y, tf.onesLike(y)), tf.argmax([1, 2]).op.def.grad, tf.reduceAll(tf.constant([true])).op.def.grad];
    });
    assert.deepEqual(out, [[null, null], null, null]);
  });
});

describe('tf.reduceLogsumexp', () => {
  test('values: stable for large inputs, -inf rows, keepdims, axes', () => {
    const lse = (v: number[]) => Math.log(v.reduce((s, x) => s + Math.exp(x), 0));
    const r = evalT(() => tf.reduceLogsumexp(tf.constant([[1, 2, 3], [4, 5, 6]], 'float64'), 1)).toArray() as number[];
    expectClose(r, [lse([1, 2, 3]), lse([4, 5, 6])], 1e-12);
    expectArray(evalT(() => tf.reduceLogsumexp(tf.constant([1000, 1000], 'float64'))), 'float64', [], 1000 + Math.log(2));
    expectArray(evalT(() => tf.reduceLogsumexp(tf.constant([-Infinity, -Infinity]))), 'float32', [], -Infinity);
    const k = evalT(() => tf.math.reduceLogsumexp(tf.constant([[0, 0]]), { axis: 1, keepdims: true }));
    expectClose(k.toArray(), [[Math.log(2)]], 1e-6);
    assert.deepEqual([...k.shape], [1, 1]);
  });
  test('graph: the ReduceLogSumExp scope and the ops TensorFlow builds (less StopGradient)', () => {
    const { g, out } = build(() => tf.reduceLogsumexp(tf.constant([1, 2])));
    assert.equal(out.op.name, 'ReduceLogSumExp');
    assert.equal(out.op.type, 'AddV2');
    const types = g.getOperations().map((o) => o.type);
    for (const t of ['Max', 'IsFinite', 'SelectV2', 'Sub', 'Exp', 'Sum', 'Log', 'Shape', 'Reshape']) assert.ok(types.includes(t), t);
  });
});

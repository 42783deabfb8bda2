// Conformance: Neg (tf.negative), LogicalNot (tf.logicalNot), Cast (tf.cast).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, evalT, expectArray, expectClose, expectOpError, expectTypeError, feed, shapeStr } from './helpers.js';

const i32 = (v: tf.ArrayLikeValue) => tf.constant(v, { dtype: 'int32' });

describe('Neg (tf.negative)', () => {
  test('float32, float64, signed zero', () => {
    const { sess, out } = build(() => tf.negative(tf.constant([1.5, -2, 0])));
    assert.equal(out.op.type, 'Neg');
    assert.equal(out.op.name, 'Neg');
    expectArray(sess.run(out), 'float32', [3], [-1.5, 2, -0]);
    expectArray(evalT(() => tf.negative(tf.constant([0.1], 'float64'))), 'float64', [1], [-0.1]);
    expectClose(evalT(() => tf.negative(tf.constant([Number.NaN, Number.POSITIVE_INFINITY]))).toArray(), [Number.NaN, Number.NEGATIVE_INFINITY]);
  });

  test('int32 and int64 wrap at the minimum value', () => {
    expectArray(evalT(() => tf.negative(i32([-2147483648, 5]))), 'int32', [2], [-2147483648, -5]);
    expectArray(evalT(() => tf.negative(tf.constant([-(2n ** 63n), 3n]))), 'int64', [2], [-(2n ** 63n), -3n]);
  });

  test('scalars, empty tensors, JS values', () => {
    expectArray(evalT(() => tf.negative(3)), 'float32', [], -3);
    expectArray(evalT(() => tf.negative(tf.constant([[], []]))), 'float32', [2, 0], [[], []]);
  });

  test('uint8, bool and string are refused', () => {
    expectTypeError(
      () => build(() => tf.negative(tf.constant(1, 'uint8'))),
      "Value passed to parameter 'x' has DataType uint8 not in list of allowed values: float16, float32, float64, int8, int16, int32, int64",
    );
    assert.throws(() => build(() => tf.negative(tf.constant(true))), TypeError);
    assert.throws(() => build(() => tf.negative(tf.constant('a'))), TypeError);
  });

  test('static shape is unchanged; fed values', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('int32', [null, 2]);
      return { x, y: tf.negative(x), u: tf.negative(tf.placeholder('float32')) };
    });
    assert.equal(shapeStr(out.y), '(?, 2)');
    assert.equal(shapeStr(out.u), '<unknown>');
    expectArray(sess.run(out.y, feed([out.x, [[1, -2]]])), 'int32', [1, 2], [[-1, 2]]);
  });
});

describe('LogicalNot (tf.logicalNot)', () => {
  test('values and static shape', () => {
    const { sess, out } = build(() => tf.logicalNot(tf.constant([[true, false]])));
    assert.equal(out.op.type, 'LogicalNot');
    assert.equal(out.op.name, 'LogicalNot');
    assert.equal(shapeStr(out), '(1, 2)');
    expectArray(sess.run(out), 'bool', [1, 2], [[false, true]]);
    expectArray(evalT(() => tf.logicalNot(true)), 'bool', [], false);
    expectArray(evalT(() => tf.logicalNot(tf.constant([], 'bool'))), 'bool', [0], []);
  });

  test('fed bool placeholder of unknown shape', () => {
    const { sess, out } = build(() => {
      const p = tf.placeholder('bool');
      return { p, y: tf.logicalNot(p) };
    });
    assert.equal(shapeStr(out.y), '<unknown>');
    expectArray(sess.run(out.y, feed([out.p, [false, true, false]])), 'bool', [3], [true, false, true]);
  });

  test('non-bool inputs are refused with TensorFlow\'s messages', () => {
    expectTypeError(
      () => build(() => tf.logicalNot(tf.constant([1]))),
      "Input 'x' of 'LogicalNot' Op has type float32 that does not match expected type of bool.",
    );
    expectTypeError(() => build(() => tf.logicalNot(1)), "Expected bool, but got 1 of type 'number'.");
  });
});

describe('Cast (tf.cast)', () => {
  test('float → int truncates toward zero', () => {
    const { sess, out } = build(() => tf.cast(tf.constant([1.7, -1.7, 2.5, -0.5]), 'int32'));
    assert.equal(out.op.type, 'Cast');
    assert.equal(out.op.name, 'Cast');
    assert.equal(out.op.attrs.SrcT, 'float32');
    assert.equal(out.op.attrs.DstT, 'int32');
    assert.equal(out.op.attrs.Truncate, false);
    expectArray(sess.run(out), 'int32', [4], [1, -1, 2, 0]);
    expectArray(evalT(() => tf.cast(tf.constant([3.9, 255]), 'uint8')), 'uint8', [2], [3, 255]);
    expectArray(evalT(() => tf.cast(tf.constant([-2.5, 1e15], 'float64'), 'int64')), 'int64', [2], [-2n, 1000000000000000n]);
  });

  test('int → float rounds to the nearest float32', () => {
    expectArray(evalT(() => tf.cast(i32([16777217, -3]), 'float32')), 'float32', [2], [16777216, -3]);
    expectArray(evalT(() => tf.cast(tf.constant([2n ** 53n + 1n]), 'float64')), 'float64', [1], [2 ** 53]);
    expectArray(evalT(() => tf.cast(tf.constant(0.1, 'float64'), 'float32')), 'float32', [], Math.fround(0.1));
  });

  test('integer narrowing keeps the low bits', () => {
    expectArray(evalT(() => tf.cast(tf.constant([2n ** 32n + 5n, -1n]), 'int32')), 'int32', [2], [5, -1]);
    expectArray(evalT(() => tf.cast(i32([256 + 7, -1]), 'uint8')), 'uint8', [2], [7, 255]);
    expectArray(evalT(() => tf.cast(tf.constant(Uint8Array.of(200)), 'int32')), 'int32', [1], [200]);
    expectArray(evalT(() => tf.cast(i32([-5]), 'int64')), 'int64', [1], [-5n]);
  });

  test('bool conversions', () => {
    expectArray(evalT(() => tf.cast(i32([0, 2, -1]), 'bool')), 'bool', [3], [false, true, true]);
    expectArray(evalT(() => tf.cast(tf.constant([0, 0.5, Number.NaN]), 'bool')), 'bool', [3], [false, true, true]);
    expectArray(evalT(() => tf.cast(tf.constant([true, false]), 'float32')), 'float32', [2], [1, 0]);
    expectArray(evalT(() => tf.cast(tf.constant([true]), 'int64')), 'int64', [1], [1n]);
  });

  test('a JS value is converted first; scalars and empty tensors', () => {
    expectArray(evalT(() => tf.cast([1.5, 2], 'int32')), 'int32', [2], [1, 2]);
    expectArray(evalT(() => tf.cast(tf.constant([]), 'int64')), 'int64', [0], []);
  });

  test('casting to the same dtype returns the input tensor itself (no Cast op)', () => {
    const { out, g } = build(() => {
      const c = tf.constant([1]);
      return { c, y: tf.cast(c, 'float32') };
    });
    assert.ok(out.y === out.c, `tf.cast to the same dtype built a new tensor ${out.y.name}`);
    assert.ok(!g.getOperations().some((o) => o.type === 'Cast'));
  });

  test('static shape is unchanged', () => {
    const { out } = build(() => [tf.cast(tf.placeholder('float32', [null, 3]), 'int32'), tf.cast(tf.placeholder('int32'), 'float64')]);
    assert.deepEqual(out.map(shapeStr), ['(?, 3)', '<unknown>']);
  });

  test('string casts fail at run time with UnimplementedError', () => {
    const { sess, out } = build(() => tf.cast(tf.constant(['1']), 'float32'));
    expectOpError(() => sess.run(out), tf.errors.UnimplementedError, 'Cast', 'Cast string to float is not supported');
  });

  test('an unknown dtype name is a TypeError', () => {
    assert.throws(() => build(() => tf.cast(tf.constant(1), 'complex64' as never)), TypeError);
  });
});

// Conformance: Range (tf.range), Fill (tf.fill), ZerosLike / OnesLike (tf.zerosLike, tf.onesLike).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import {
  build,
  evalT,
  expectArray,
  expectClose,
  expectOpError,
  expectTypeError,
  expectValueError,
  expectValueErrorPrefix,
  f32,
  feed,
  opNames,
  shapeStr,
} from './helpers.js';

const i32 = (v: tf.ArrayLikeValue) => tf.constant(v, { dtype: 'int32' });

describe('Range (tf.range)', () => {
  test('integer JS arguments give int32; the op is named "range"', () => {
    const { sess, out } = build(() => tf.range(5));
    assert.equal(out.op.type, 'Range');
    assert.equal(out.op.name, 'range');
    assert.equal(out.op.attrs.Tidx, 'int32');
    assert.equal(shapeStr(out), '(5,)');
    expectArray(sess.run(out), 'int32', [5], [0, 1, 2, 3, 4]);
  });

  test('start, limit, delta; negative delta; empty ranges', () => {
    expectArray(evalT(() => tf.range(1, 10, 3)), 'int32', [3], [1, 4, 7]);
    expectArray(evalT(() => tf.range(5, 0, -2)), 'int32', [3], [5, 3, 1]);
    expectArray(evalT(() => tf.range(0)), 'int32', [0], []);
    expectArray(evalT(() => tf.range(3, 3)), 'int32', [0], []);
    expectArray(evalT(() => tf.range(-3, 0, { delta: 2 })), 'int32', [2], [-3, -1]);
  });

  test('float arguments give float32; dtype option', () => {
    const r = evalT(() => tf.range(0, 1, 0.25));
    expectArray(r, 'float32', [4], [0, 0.25, 0.5, 0.75]);
    expectArray(evalT(() => tf.range(1.5)), 'float32', [2], [0, 1]);
    expectArray(evalT(() => tf.range(3, { dtype: 'float64' })), 'float64', [3], [0, 1, 2]);
    expectArray(evalT(() => tf.range(2, { dtype: 'int64' })), 'int64', [2], [0n, 1n]);
    const tenth = evalT(() => tf.range(0, 1, 0.1));
    assert.deepEqual(tenth.shape, [10]);
    expectClose(tenth.toArray(), Array.from({ length: 10 }, (_, i) => f32(i * f32(0.1))), 1e-7);
  });

  test('tensor arguments: the dtype comes from the tensors', () => {
    expectArray(evalT(() => tf.range(tf.constant(2n), 5)), 'int64', [3], [2n, 3n, 4n]);
    expectArray(evalT(() => tf.range(tf.constant(1, 'float64'), 2, 0.5)), 'float64', [2], [1, 1.5]);
  });

  test('static shape is (?,) when an argument is only known at run time', () => {
    const { sess, out } = build(() => {
      const n = tf.placeholder('int32', []);
      return { n, r: tf.range(n) };
    });
    assert.equal(shapeStr(out.r), '(?,)');
    expectArray(sess.run(out.r, feed([out.n, 3])), 'int32', [3], [0, 1, 2]);
  });

  test('build-time errors: delta == 0 and start > limit', () => {
    const g = new tf.Graph();
    expectValueErrorPrefix(() => g.asDefault(() => tf.range(0, 5, 0)), "Requires delta != 0 for '{{node range}} = Range[Tidx=DT_INT32](");
    assert.ok(!g.getOperations().some((o) => o.type === 'Range'));
    expectValueErrorPrefix(() => build(() => tf.range(5, 1)), "Requires start <= limit when delta > 0: 5/1 for '{{node range}} = Range[Tidx=DT_INT32](");
    expectValueErrorPrefix(() => build(() => tf.range(1, 5, -1)), "Requires start >= limit when delta < 0: 1/5 for '{{node range}} = Range[Tidx=DT_INT32](");
  });

  test('run-time errors when an argument is fed', () => {
    const { sess, out } = build(() => {
      const d = tf.placeholder('int32', []);
      return { d, r: tf.range(0, 5, d) };
    });
    expectOpError(() => sess.run(out.r, feed([out.d, 0])), tf.errors.InvalidArgumentError, 'range', 'Requires delta != 0: 0');
    expectOpError(() => sess.run(out.r, feed([out.d, -1])), tf.errors.InvalidArgumentError, 'range', 'Requires start >= limit when delta < 0: 0/5');
  });

  test('disallowed dtypes', () => {
    expectTypeError(
      () => build(() => tf.range(tf.constant(3, 'uint8'))),
      "Value passed to parameter 'start' has DataType uint8 not in list of allowed values: float32, float64, int32, int64",
    );
  });
});

describe('Fill (tf.fill)', () => {
  test('values and dtypes: the value decides the dtype', () => {
    const { sess, out } = build(() => tf.fill([2, 3], 9));
    assert.equal(out.op.type, 'Fill');
    assert.equal(out.op.name, 'Fill');
    assert.equal(shapeStr(out), '(2, 3)');
    expectArray(sess.run(out), 'float32', [2, 3], [[9, 9, 9], [9, 9, 9]]);
    expectArray(evalT(() => tf.fill([2], i32(7))), 'int32', [2], [7, 7]);
    expectArray(evalT(() => tf.fill([1, 2], 5n)), 'int64', [1, 2], [[5n, 5n]]);
    expectArray(evalT(() => tf.fill([2], true)), 'bool', [2], [true, true]);
    expectArray(evalT(() => tf.fill([2], 'ab')), 'string', [2], ['ab', 'ab']);
    expectArray(evalT(() => tf.fill([], 1.5)), 'float32', [], 1.5);
    expectArray(evalT(() => tf.fill([0, 4], 1)), 'float32', [0, 4], []);
  });

  test('int64 dims set index_type', () => {
    const { sess, out } = build(() => tf.fill(tf.constant([2n]), 1));
    assert.equal(out.op.attrs.index_type, 'int64');
    expectArray(sess.run(out), 'float32', [2], [1, 1]);
  });

  test('static shape: constant dims, fed dims, dims from a partially known Shape', () => {
    const { sess, out } = build(() => {
      const d = tf.placeholder('int32', [2]);
      const x = tf.placeholder('float32', [null, 3]);
      return { d, a: tf.fill(d, 0), b: tf.fill(tf.shape(x), 0), c: tf.fill(tf.placeholder('int32'), 0) };
    });
    assert.equal(shapeStr(out.a), '(?, ?)');
    assert.equal(shapeStr(out.c), '<unknown>');
    expectArray(sess.run(out.a, feed([out.d, [1, 2]])), 'float32', [1, 2], [[0, 0]]);
    assert.equal(shapeStr(out.b), '(?, 3)');
  });

  test('build-time error: negative dims', () => {
    const g = new tf.Graph();
    expectValueErrorPrefix(
      () => g.asDefault(() => tf.fill(i32([2, -1]), tf.constant(1))),
      "Fill dimensions must be >= 0 for '{{node Fill}} = Fill[T=DT_FLOAT, index_type=DT_INT32](Const, Const_1)' with input shapes: [2], []",
    );
    assert.deepEqual(opNames(g), ['Const', 'Const_1']);
    expectValueError(
      () => build(() => tf.fill(i32([2, -1]), tf.constant(1))),
      "Fill dimensions must be >= 0 for '{{node Fill}} = Fill[T=DT_FLOAT, index_type=DT_INT32](Const, Const_1)' with input shapes: [2], [] and with computed input tensors: input[0] = <2 -1>.",
    );
  });

  test('build-time error: value must be a scalar', () => {
    expectValueError(
      () => build(() => tf.fill(i32([2]), tf.constant([1]))),
      "Shape must be rank 0 but is rank 1 for '{{node Fill}} = Fill[T=DT_FLOAT, index_type=DT_INT32](Const, Const_1)' with input shapes: [1], [1].",
    );
  });

  test('build-time error: dims must be a vector', () => {
    expectValueError(
      () => build(() => tf.fill(i32(3), tf.constant(1))),
      "Shape must be rank 1 but is rank 0 for '{{node Fill}} = Fill[T=DT_FLOAT, index_type=DT_INT32](Const, Const_1)' with input shapes: [], [].",
    );
  });

  test('run-time error: negative fed dims are an InvalidArgumentError of the Fill op', () => {
    const { sess, out } = build(() => {
      const d = tf.placeholder('int32', [2]);
      return { d, f: tf.fill(d, 1) };
    });
    assert.throws(
      () => sess.run(out.f, feed([out.d, [2, -1]])),
      (e: unknown) => e instanceof tf.errors.InvalidArgumentError && e.op?.name === 'Fill',
    );
  });
});

describe('ZerosLike / OnesLike', () => {
  test('values for every dtype', () => {
    const cases: [unknown, tf.DType, unknown, unknown][] = [
      [[[1.5, 2]], 'float32', [[0, 0]], [[1, 1]]],
      [Float64Array.of(3), 'float64', [0], [1]],
      [Int32Array.of(-4, 5), 'int32', [0, 0], [1, 1]],
      [[7n], 'int64', [0n], [1n]],
      [Uint8Array.of(9), 'uint8', [0], [1]],
      [[true, false], 'bool', [false, false], [true, true]],
    ];
    for (const [v, dtype, zeros, ones] of cases) {
      const { sess, out } = build(() => {
        const c = tf.constant(v as tf.ArrayLikeValue);
        return [tf.zerosLike(c), tf.onesLike(c)] as const;
      });
      expectArray(sess.run(out[0]), dtype, (sess.run(out[0]) as tf.NDArray).shape, zeros);
      expectArray(sess.run(out[1]), dtype, (sess.run(out[1]) as tf.NDArray).shape, ones);
    }
  });

  test('zerosLike of strings gives empty strings; onesLike of strings is refused', () => {
    expectArray(evalT(() => tf.zerosLike(tf.constant(['a', 'b']))), 'string', [2], ['', '']);
    assert.throws(() => build(() => tf.onesLike(tf.constant(['a']))), TypeError);
  });

  test('dtype argument converts the result', () => {
    expectArray(evalT(() => tf.zerosLike(tf.constant([1.5, 2]), 'int32')), 'int32', [2], [0, 0]);
    expectArray(evalT(() => tf.onesLike(i32([[1], [2]]), { dtype: 'float64' })), 'float64', [2, 1], [[1], [1]]);
    expectArray(evalT(() => tf.onesLike(tf.constant([0]), 'bool')), 'bool', [1], [true]);
  });

  test('static shape follows the input; values follow the feed', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float32', [null, 3]);
      return { x, z: tf.zerosLike(x), o: tf.onesLike(x), u: tf.zerosLike(tf.placeholder('int32')) };
    });
    assert.equal(shapeStr(out.z), '(?, 3)');
    assert.equal(shapeStr(out.o), '(?, 3)');
    assert.equal(shapeStr(out.u), '<unknown>');
    expectArray(sess.run(out.o, feed([out.x, [[4, 5, 6]]])), 'float32', [1, 3], [[1, 1, 1]]);
  });

  test('the result is named "zeros_like" / "ones_like" (TensorFlow name scopes), with or without dtype', () => {
    const { out } = build(() => {
      const x = tf.placeholder('float32', [null, 3]);
      return [tf.zerosLike(x), tf.onesLike(x), tf.zerosLike(x, 'int32')];
    });
    assert.deepEqual(out.map((t) => t.op.name), ['zeros_like', 'ones_like', 'zeros_like_1']);
  });
});

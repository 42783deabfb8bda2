// Conformance: Const (tf.constant, items 26–31), Placeholder (item 61), PlaceholderWithDefault,
// Identity, NoOp.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, evalT, expectArray, expectOpError, expectTypeError, expectValueError, f32, feed, opNames, session, shapeStr } from './helpers.js';

describe('Const / tf.constant: dtype of JS values (items 26, 27)', () => {
  test('a JS float becomes float32 (item 26)', () => {
    const { out, g } = build(() => tf.constant(1.5));
    assert.equal(out.dtype, 'float32');
    assert.equal(shapeStr(out), '()');
    assert.equal(out.op.type, 'Const');
    assert.equal(out.op.attrs.dtype, 'float32');
    assert.deepEqual(opNames(g), ['Const']);
    expectArray(session(g).run(out), 'float32', [], 1.5);
  });

  test('float32 rounding is applied to the stored value; a finite value that would overflow to inf is refused', () => {
    assert.equal(evalT(() => tf.constant(0.1)).item(), f32(0.1));
    // TensorFlow stores inf here; tensorgraph refuses the silent overflow (docs/compatibility.md).
    expectTypeError(() => tf.constant(1e40), '1e+40 is out of range for float32 (its largest value is 3.4028235e+38); use float64.');
    assert.equal(evalT(() => tf.constant(Number.POSITIVE_INFINITY)).item(), Number.POSITIVE_INFINITY);
    assert.equal(evalT(() => tf.constant(1e40, 'float64')).item(), 1e40);
  });

  test('JS integers become float32 by design (DESIGN §4); { dtype: "int32" } gives int32', () => {
    // TensorFlow would infer int32 here (item 27); tensorgraph follows TensorFlow.js. See docs.
    expectArray(evalT(() => tf.constant([1, 2, 3])), 'float32', [3], [1, 2, 3]);
    expectArray(evalT(() => tf.constant([1, 2, 3], { dtype: 'int32' })), 'int32', [3], [1, 2, 3]);
    expectArray(evalT(() => tf.constant([[1, 2]], 'int32')), 'int32', [1, 2], [[1, 2]]);
  });

  test('typed arrays keep their dtype (numpy arrays keep theirs, item 27)', () => {
    expectArray(evalT(() => tf.constant(Int32Array.of(1, -2))), 'int32', [2], [1, -2]);
    expectArray(evalT(() => tf.constant(Float64Array.of(0.1, 2))), 'float64', [2], [0.1, 2]);
    expectArray(evalT(() => tf.constant(BigInt64Array.of(2n ** 40n, -1n))), 'int64', [2], [2n ** 40n, -1n]);
    expectArray(evalT(() => tf.constant(Uint8Array.of(0, 255))), 'uint8', [2], [0, 255]);
  });

  test('bigint → int64, boolean → bool, string → string', () => {
    expectArray(evalT(() => tf.constant(5n)), 'int64', [], 5n);
    expectArray(evalT(() => tf.constant(2n ** 62n)), 'int64', [], 2n ** 62n);
    expectArray(evalT(() => tf.constant([true, false])), 'bool', [2], [true, false]);
    expectArray(evalT(() => tf.constant([['a', 'bc'], ['', 'é']])), 'string', [2, 2], [['a', 'bc'], ['', 'é']]);
  });

  test('empty and nested shapes', () => {
    expectArray(evalT(() => tf.constant([])), 'float32', [0], []);
    expectArray(evalT(() => tf.constant([[], []], { dtype: 'int32' })), 'int32', [2, 0], [[], []]);
    expectArray(evalT(() => tf.constant([[[1]], [[2]]], 'float64')), 'float64', [2, 1, 1], [[[1]], [[2]]]);
  });

  test('an explicit dtype converts exactly representable values (int32 ← 3, float64 ← 0.1, int64 ← 7)', () => {
    expectArray(evalT(() => tf.constant(3, 'int32')), 'int32', [], 3);
    expectArray(evalT(() => tf.constant(0.1, 'float64')), 'float64', [], 0.1);
    expectArray(evalT(() => tf.constant(7, 'int64')), 'int64', [], 7n);
    expectArray(evalT(() => tf.constant(Int32Array.of(1, 2), 'float32')), 'float32', [2], [1, 2]);
  });
});

describe('Const / tf.constant: shape argument (TF1 compat.v1.constant)', () => {
  test('a scalar fills the shape', () => {
    expectArray(evalT(() => tf.constant(7, 'int32', [2, 3])), 'int32', [2, 3], [[7, 7, 7], [7, 7, 7]]);
    expectArray(evalT(() => tf.constant(1, { shape: [0] })), 'float32', [0], []);
  });

  test('a value of the same size is reshaped', () => {
    const r = evalT(() => tf.constant([1, 2, 3, 4, 5, 6], { dtype: 'int32', shape: [2, 3] }));
    expectArray(r, 'int32', [2, 3], [[1, 2, 3], [4, 5, 6]]);
  });

  test('fewer values than the shape: the last value is repeated (TF1 make_tensor_proto)', () => {
    expectArray(evalT(() => tf.constant([1, 2], 'int32', [4])), 'int32', [4], [1, 2, 2, 2]);
  });

  test('too many values: ValueError', () => {
    expectValueError(() => build(() => tf.constant([1, 2, 3], 'int32', [2])), 'Too many elements provided. Needed at most 2, but received 3');
  });

  test("verifyShape: TypeError with Python's tuple repr", () => {
    expectTypeError(
      () => build(() => tf.constant([1, 2, 3, 4, 5, 6], { shape: [2, 3], verifyShape: true })),
      "Expected Tensor's shape: (2, 3), got (6,).",
    );
  });
});

describe('Const / tf.constant: conversion errors (items 28, 29)', () => {
  test('ragged nested arrays are refused with TensorFlow\'s message (item 28)', () => {
    expectValueError(() => build(() => tf.constant([[1, 2], [3]])), 'Argument must be a dense tensor: [[1, 2], [3]] - got shape [2], but wanted [2, 2].');
  });

  test('an explicit dtype that cannot hold the value is refused, not truncated (item 29)', () => {
    expectTypeError(() => build(() => tf.constant(1.5, { dtype: 'int32' })), "Expected int32, but got 1.5 of type 'number'.");
    expectTypeError(() => build(() => tf.constant([1, 2.5], 'int64')), "Expected int64, but got 2.5 of type 'number'.");
    expectTypeError(() => build(() => tf.constant('a', 'float32')), "Expected float32, but got 'a' of type 'string'.");
    expectTypeError(() => build(() => tf.constant(1, 'bool')), "Expected bool, but got 1 of type 'number'.");
  });

  test('a failed tf.constant adds no op to the graph', () => {
    const g = new tf.Graph();
    assert.throws(() => g.asDefault(() => tf.constant(1.5, { dtype: 'int32' })), TypeError);
    assert.deepEqual(opNames(g), []);
  });

  test('an unknown dtype name is a TypeError', () => {
    assert.throws(() => build(() => tf.constant(1, 'complex64' as never)), TypeError);
  });
});

describe('Placeholder', () => {
  test('static shape: known, partially known, unknown rank, scalar', () => {
    const { out } = build(() => [
      tf.placeholder('float32', [2, 3]),
      tf.placeholder('float32', [null, 3]),
      tf.placeholder('int32'),
      tf.placeholder('bool', []),
    ]);
    assert.deepEqual(out.map(shapeStr), ['(2, 3)', '(?, 3)', '<unknown>', '()']);
    assert.deepEqual(out[1]?.shape.dims, [null, 3]);
    assert.equal(out[2]?.shape.dims, null);
    assert.deepEqual(out.map((t) => t.dtype), ['float32', 'float32', 'int32', 'bool']);
    assert.deepEqual(out.map((t) => t.op.name), ['Placeholder', 'Placeholder_1', 'Placeholder_2', 'Placeholder_3']);
    assert.equal(out[0]?.op.type, 'Placeholder');
  });

  test('positional and options forms are the same op', () => {
    const { out } = build(() => [tf.placeholder('float32', [null, 784], 'x'), tf.placeholder('float32', { shape: [null, 784], name: 'y' })]);
    const [x, y] = out as [tf.Tensor, tf.Tensor];
    assert.equal(x.name, 'x:0');
    assert.equal(y.name, 'y:0');
    assert.equal(shapeStr(x), shapeStr(y));
    assert.deepEqual(x.op.attrs.shape, y.op.attrs.shape);
  });

  test('a fed placeholder with unknown dims gives the fed value in its dtype', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float32', [null, 3]);
      return { x, y: tf.identity(x) };
    });
    expectArray(sess.run(out.y, feed([out.x, [[1, 2, 3], [4, 5, 6]]])), 'float32', [2, 3], [[1, 2, 3], [4, 5, 6]]);
    expectArray(sess.run(out.y, feed([out.x, new tf.NDArray('float32', [0, 3])])), 'float32', [0, 3], []);
  });

  test('feeds of every dtype', () => {
    const dtypes: [tf.DType, unknown, unknown][] = [
      ['float64', [0.1], [0.1]],
      ['int32', [-2147483648, 2147483647], [-2147483648, 2147483647]],
      ['int64', [2n ** 63n - 1n], [2n ** 63n - 1n]],
      ['uint8', [0, 255], [0, 255]],
      ['bool', [true], [true]],
      ['string', ['x', 'yz'], ['x', 'yz']],
    ];
    for (const [dtype, value, expected] of dtypes) {
      const { sess, out } = build(() => {
        const p = tf.placeholder(dtype);
        return { p, y: tf.identity(p) };
      });
      const r = sess.run(out.y, feed([out.p, value]));
      assert.equal(r.dtype, dtype);
      assert.deepEqual(r.toArray(), expected);
    }
  });

  test('item 31: non-integral feeds to int tensors are refused (TensorFlow truncates; documented stricter choice)', () => {
    const { sess, out } = build(() => {
      const p = tf.placeholder('int32', [2]);
      return { p, y: tf.identity(p) };
    });
    assert.throws(() => sess.run(out.y, feed([out.p, [1.5, 2]])), TypeError);
  });

  test('unfed placeholder with a known shape (item 61)', () => {
    const { sess, out } = build(() => tf.identity(tf.placeholder('float32', [2, 3])));
    expectOpError(
      () => sess.run(out),
      tf.errors.InvalidArgumentError,
      'Placeholder',
      "You must feed a value for placeholder tensor 'Placeholder' with dtype float and shape [2,3]",
    );
  });

  test('unfed placeholder: partially known shape prints ?, unknown rank and scalars print no shape', () => {
    const cases: [tf.DType, tf.Dim[] | undefined, string][] = [
      ['float32', [null, 3], "You must feed a value for placeholder tensor 'Placeholder' with dtype float and shape [?,3]"],
      ['int32', undefined, "You must feed a value for placeholder tensor 'Placeholder' with dtype int32"],
      ['float64', [], "You must feed a value for placeholder tensor 'Placeholder' with dtype double"],
      ['bool', [0], "You must feed a value for placeholder tensor 'Placeholder' with dtype bool and shape [0]"],
      ['string', [1], "You must feed a value for placeholder tensor 'Placeholder' with dtype string and shape [1]"],
    ];
    for (const [dtype, shape, msg] of cases) {
      const { sess, out } = build(() => tf.identity(tf.placeholder(dtype, shape)));
      expectOpError(() => sess.run(out), tf.errors.InvalidArgumentError, 'Placeholder', msg);
    }
  });

  test('an unneeded placeholder is pruned and need not be fed', () => {
    const { sess, out } = build(() => {
      tf.placeholder('float32', [2]);
      return tf.constant(3);
    });
    assert.equal(sess.run(out).item(), 3);
  });
});

describe('PlaceholderWithDefault', () => {
  test('gives the default unless fed; the static shape is the declared one', () => {
    const { sess, out } = build(() => tf.placeholderWithDefault(tf.constant([1, 2], { dtype: 'int32' }), [null]));
    assert.equal(out.op.type, 'PlaceholderWithDefault');
    assert.equal(shapeStr(out), '(?,)');
    assert.equal(out.dtype, 'int32');
    expectArray(sess.run(out), 'int32', [2], [1, 2]);
    expectArray(sess.run(out, feed([out, [5, 6, 7]])), 'int32', [3], [5, 6, 7]);
  });

  test('a JS default value converts as tf.constant does', () => {
    const r = evalT(() => tf.placeholderWithDefault([[1.5]], [1, 1]));
    expectArray(r, 'float32', [1, 1], [[1.5]]);
  });

  test('incompatible default shape: build-time ValueError from Merge', () => {
    const g = new tf.Graph();
    expectValueError(
      () => g.asDefault(() => tf.placeholderWithDefault(tf.constant([1, 2]), [3])),
      "Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and [3]. for '{{node PlaceholderWithDefault}} = PlaceholderWithDefault[dtype=DT_FLOAT, shape=[3]](Const)' with input shapes: [2].",
    );
    assert.deepEqual(opNames(g), ['Const']);
    expectValueError(
      () => build(() => tf.placeholderWithDefault(tf.constant([1, 2]), [1, 2])),
      "Shapes must be equal rank, but are 1 and 2 for '{{node PlaceholderWithDefault}} = PlaceholderWithDefault[dtype=DT_FLOAT, shape=[1,2]](Const)' with input shapes: [2].",
    );
  });
});

describe('Identity and NoOp', () => {
  test('Identity passes every dtype through, keeping the static shape', () => {
    const values: unknown[] = [[1.5], Float64Array.of(2.5), Int32Array.of(-3), [4n], Uint8Array.of(5), [true], ['s']];
    for (const v of values) {
      const { sess, out } = build(() => {
        const c = tf.constant(v as tf.ArrayLikeValue);
        return { c, y: tf.identity(c) };
      });
      assert.equal(out.y.op.type, 'Identity');
      assert.equal(out.y.dtype, out.c.dtype);
      assert.deepEqual(sess.run(out.y).toArray(), sess.run(out.c).toArray());
    }
  });

  test('Identity static shape of partially known and unknown-rank inputs', () => {
    const { out } = build(() => [tf.identity(tf.placeholder('float32', [null, 3])), tf.identity(tf.placeholder('float32'))]);
    assert.deepEqual(out.map(shapeStr), ['(?, 3)', '<unknown>']);
  });

  test('Identity name: default and given', () => {
    const { out } = build(() => [tf.identity(1), tf.identity(1, 'y'), tf.identity(1, { name: 'z' })]);
    assert.deepEqual(out.map((t) => t.op.name), ['Identity', 'y', 'z']);
  });

  test('NoOp has no inputs or outputs; running it returns null', () => {
    const { sess, out } = build(() => tf.noOp());
    assert.equal(out.type, 'NoOp');
    assert.equal(out.name, 'NoOp');
    assert.equal(out.outputs.length, 0);
    assert.equal(out.inputs.length, 0);
    assert.equal(sess.run(out), null);
  });
});

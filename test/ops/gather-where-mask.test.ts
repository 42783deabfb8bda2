// Conformance: GatherV2 (tf.gather), Where (tf.where(cond)), tf.booleanMask (composite).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, evalT, expectArray, expectOpError, expectTypeError, expectValueError, expectValueErrorPrefix, feed, opNames, shapeStr } from './helpers.js';

const i32 = (v: tf.ArrayLikeValue) => tf.constant(v, { dtype: 'int32' });
/** Passes a tensor where the builder's TS type says number (TF accepts tensors for axis). */
const axisT = (t: tf.Tensor) => t as unknown as number;

describe('GatherV2 (tf.gather)', () => {
  test('1-D, along axis 0 and 1, 2-D indices, scalar index, negative axis', () => {
    expectArray(evalT(() => tf.gather(tf.constant([10, 20, 30]), [2, 0])), 'float32', [2], [30, 10]);
    const m = () => tf.constant([[1, 2, 3], [4, 5, 6]]);
    expectArray(evalT(() => tf.gather(m(), [1])), 'float32', [1, 3], [[4, 5, 6]]);
    expectArray(evalT(() => tf.gather(m(), [2, 0], { axis: 1 })), 'float32', [2, 2], [[3, 1], [6, 4]]);
    expectArray(evalT(() => tf.gather(m(), [[0, 1], [1, 1]])), 'float32', [2, 2, 3], [[[1, 2, 3], [4, 5, 6]], [[4, 5, 6], [4, 5, 6]]]);
    expectArray(evalT(() => tf.gather(m(), i32(1), { axis: -1 })), 'float32', [2], [2, 5]);
    expectArray(evalT(() => tf.gather(m(), i32([]))), 'float32', [0, 3], []);
  });

  test('every params dtype; int64 indices and axis', () => {
    expectArray(evalT(() => tf.gather(tf.constant(['a', 'b', 'c']), [1, 1])), 'string', [2], ['b', 'b']);
    expectArray(evalT(() => tf.gather(tf.constant([true, false]), [1])), 'bool', [1], [false]);
    expectArray(evalT(() => tf.gather(tf.constant([1n, 2n]), tf.constant([1n, 0n]))), 'int64', [2], [2n, 1n]);
    expectArray(evalT(() => tf.gather(tf.constant(Uint8Array.of(7, 8)), [1])), 'uint8', [1], [8]);
    const { sess, out } = build(() => tf.gather(tf.constant([[1, 2]]), [0], { axis: axisT(tf.constant(1n)) }));
    assert.equal(out.op.attrs.Taxis, 'int64');
    assert.equal(out.op.attrs.Tindices, 'int32');
    expectArray(sess.run(out), 'float32', [1, 1], [[1]]);
  });

  test('op type, default name and attrs', () => {
    const { out } = build(() => tf.gather(tf.constant([1, 2]), [0]));
    assert.equal(out.op.type, 'GatherV2');
    assert.equal(out.op.name, 'GatherV2');
    assert.equal(out.op.attrs.batch_dims, 0);
    assert.equal(out.op.attrs.Tparams, 'float32');
  });

  test('static shape: partially known params and indices', () => {
    const { out } = build(() => {
      const p = tf.placeholder('float32', [null, 3]);
      const idx = tf.placeholder('int32', [null]);
      return [tf.gather(p, [0, 1, 2, 3, 4]), tf.gather(p, [[0, 1]], { axis: 1 }), tf.gather(p, idx), tf.gather(tf.placeholder('float32'), [0])];
    });
    assert.deepEqual(out.map(shapeStr), ['(5, 3)', '(?, 1, 2)', '(?, 3)', '<unknown>']);
  });

  test('static shape with an axis known only at run time has rank params + indices - 1', () => {
    const { out } = build(() => tf.gather(tf.constant([[1, 2]]), [0, 0, 0], { axis: axisT(tf.placeholder('int32', [])) }));
    assert.equal(shapeStr(out), '(?, ?)');
  });

  test('build-time error: axis beyond the params rank', () => {
    const g = new tf.Graph();
    expectValueErrorPrefix(
      () => g.asDefault(() => tf.gather(tf.constant([[1, 2], [3, 4]]), i32([0]), { axis: axisT(i32(2)) })),
      "Shape must be at least rank 3 but is rank 2 for '{{node GatherV2}} = GatherV2[Taxis=DT_INT32, Tindices=DT_INT32, Tparams=DT_FLOAT, batch_dims=0](Const, Const_1, Const_2)' with input shapes: [2,2], [1], []",
    );
    assert.deepEqual(opNames(g), ['Const', 'Const_1', 'Const_2']);
    expectValueError(
      () => build(() => tf.gather(tf.constant([[1, 2], [3, 4]]), i32([0]), { axis: axisT(i32(2)) })),
      "Shape must be at least rank 3 but is rank 2 for '{{node GatherV2}} = GatherV2[Taxis=DT_INT32, Tindices=DT_INT32, Tparams=DT_FLOAT, batch_dims=0](Const, Const_1, Const_2)' with input shapes: [2,2], [1], [] and with computed input tensors: input[2] = <2>.",
    );
  });

  test('build-time error: negative axis beyond the params rank (WithRankAtLeast(params, -axis))', () => {
    expectValueErrorPrefix(
      () => build(() => tf.gather(tf.constant([[1, 2], [3, 4]]), i32([0]), { axis: axisT(i32(-3)) })),
      "Shape must be at least rank 3 but is rank 2 for '{{node GatherV2}} = GatherV2[",
    );
  });

  test('build-time error: float indices', () => {
    expectTypeError(
      () => build(() => tf.gather(tf.constant([1, 2]), tf.constant([0]))),
      "Value passed to parameter 'indices' has DataType float32 not in list of allowed values: int32, int64",
    );
  });

  test('run-time error: index out of range (1-D and 2-D indices, item 33)', () => {
    const { sess, out } = build(() => {
      const idx = tf.placeholder('int32');
      return { idx, y: tf.gather(tf.constant([1, 2, 3]), idx) };
    });
    expectArray(sess.run(out.y, feed([out.idx, [2, 0]])), 'float32', [2], [3, 1]);
    expectOpError(() => sess.run(out.y, feed([out.idx, [0, 5]])), tf.errors.InvalidArgumentError, 'GatherV2', 'indices[1] = 5 is not in [0, 3)');
    expectOpError(() => sess.run(out.y, feed([out.idx, [-1]])), tf.errors.InvalidArgumentError, 'GatherV2', 'indices[0] = -1 is not in [0, 3)');
    expectOpError(
      () => sess.run(out.y, feed([out.idx, [[0, 1], [5, 0]]])),
      tf.errors.InvalidArgumentError,
      'GatherV2',
      'indices[1,0] = 5 is not in [0, 3)',
    );
  });

  test('run-time error: axis out of range reports the axis as given', () => {
    const { sess, out } = build(() => {
      const ax = tf.placeholder('int32', []);
      return { ax, y: tf.gather(tf.constant([[1, 2], [3, 4]]), [0], { axis: axisT(ax) }) };
    });
    expectArray(sess.run(out.y, feed([out.ax, -1])), 'float32', [2, 1], [[1], [3]]);
    expectOpError(() => sess.run(out.y, feed([out.ax, 2])), tf.errors.InvalidArgumentError, 'GatherV2', 'Expected axis in the range [-2, 2), but got 2');
    expectOpError(() => sess.run(out.y, feed([out.ax, -3])), tf.errors.InvalidArgumentError, 'GatherV2', 'Expected axis in the range [-2, 2), but got -3');
  });
});

describe('Where (tf.where with one argument)', () => {
  test('coordinates of true elements as int64 [n, rank]', () => {
    const { sess, out } = build(() => tf.where(tf.constant([[true, false], [false, true]])));
    assert.equal(out.op.type, 'Where');
    assert.equal(out.op.name, 'Where');
    assert.equal(out.dtype, 'int64');
    assert.equal(shapeStr(out), '(?, 2)');
    expectArray(sess.run(out), 'int64', [2, 2], [[0n, 0n], [1n, 1n]]);
  });

  test('numeric inputs: non-zero elements; empty and scalar inputs', () => {
    expectArray(evalT(() => tf.where(tf.constant([0, 2.5, 0, -1]))), 'int64', [2, 1], [[1n], [3n]]);
    expectArray(evalT(() => tf.where(i32([[0, 0], [0, 7]]))), 'int64', [1, 2], [[1n, 1n]]);
    expectArray(evalT(() => tf.where(tf.constant([false, false]))), 'int64', [0, 1], []);
    expectArray(evalT(() => tf.where(tf.constant(true))), 'int64', [1, 0], [[]]);
    expectArray(evalT(() => tf.where(tf.constant(false))), 'int64', [0, 0], []);
  });

  test('static shape of unknown-rank input', () => {
    const { out } = build(() => tf.where(tf.placeholder('bool')));
    assert.equal(shapeStr(out), '(?, ?)');
  });

  test('string input is refused', () => {
    expectTypeError(
      () => build(() => tf.where(tf.constant(['a']))),
      "Value passed to parameter 'input' has DataType string not in list of allowed values: float32, float64, int32, uint8, int16, int8, int64, uint16, float16, uint32, uint64, bool",
    );
  });
});

describe('tf.booleanMask (composite of Reshape, Where, Squeeze, GatherV2)', () => {
  test('1-D mask over elements and over rows; 2-D mask', () => {
    expectArray(evalT(() => tf.booleanMask(tf.constant([1, 2, 3, 4]), [true, false, true, false])), 'float32', [2], [1, 3]);
    expectArray(evalT(() => tf.booleanMask(i32([[1, 2], [3, 4], [5, 6]]), [false, true, true])), 'int32', [2, 2], [[3, 4], [5, 6]]);
    expectArray(evalT(() => tf.booleanMask(i32([[1, 2], [3, 4]]), [[true, false], [false, true]])), 'int32', [2], [1, 4]);
    expectArray(evalT(() => tf.booleanMask(tf.constant(['a', 'b']), [false, false])), 'string', [0], []);
    // With an axis (values from TensorFlow 2.21).
    const x24 = () => tf.reshape(tf.range(24, { dtype: 'int32' }), [2, 3, 4]);
    expectArray(evalT(() => tf.booleanMask(x24(), [true, false, true], { axis: 1 })), 'int32', [2, 2, 4], [[[0, 1, 2, 3], [8, 9, 10, 11]], [[12, 13, 14, 15], [20, 21, 22, 23]]]);
    expectArray(
      evalT(() => tf.booleanMask(x24(), [[true, false, true, false], [false, false, false, true], [true, true, false, false]], { axis: 1 })),
      'int32',
      [2, 5],
      [[0, 2, 7, 8, 9], [12, 14, 19, 20, 21]],
    );
  });

  test('ops live under the "boolean_mask" name scope; static shape has an unknown leading dim', () => {
    const { out, g } = build(() => tf.booleanMask(tf.placeholder('float32', [3, 2]), tf.placeholder('bool', [3])));
    assert.equal(out.op.name, 'boolean_mask/GatherV2');
    assert.equal(out.op.type, 'GatherV2');
    assert.equal(shapeStr(out), '(?, 2)');
    for (const type of ['Reshape', 'Where', 'Squeeze']) assert.ok(g.getOperations().some((o) => o.type === type && o.name.startsWith('boolean_mask/')), type);
  });

  test('fed tensor and mask with unknown leading dims', () => {
    const { sess, out } = build(() => {
      const t = tf.placeholder('float32', [null, 2]);
      const m = tf.placeholder('bool', [null]);
      return { t, m, y: tf.booleanMask(t, m) };
    });
    expectArray(sess.run(out.y, feed([out.t, [[1, 2], [3, 4], [5, 6]]], [out.m, [true, false, true]])), 'float32', [2, 2], [[1, 2], [5, 6]]);
  });

  test('mask shape incompatible with the tensor: ValueError at build time', () => {
    expectValueError(() => build(() => tf.booleanMask(tf.constant([1, 2, 3]), [true, false])), 'Shapes (3,) and (2,) are incompatible');
  });

  test('scalar mask and unknown-rank mask: ValueError', () => {
    expectValueError(() => build(() => tf.booleanMask(tf.constant([1, 2]), true)), 'mask cannot be scalar.');
    expectValueError(
      () => build(() => tf.booleanMask(tf.constant([1, 2]), tf.placeholder('bool'))),
      'Number of mask dimensions must be specified, even if some dimensions are None.  E.g. shape=[None] is ok, but shape=None is not.',
    );
  });
});

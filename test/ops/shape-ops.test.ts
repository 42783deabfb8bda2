// Conformance: Shape, Rank, Reshape, Squeeze, Pack (tf.stack).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import {
  build,
  evalT,
  expectArray,
  expectOpError,
  expectTypeError,
  expectValueError,
  expectValueErrorPrefix,
  feed,
  opNames,
  shapeStr,
} from './helpers.js';

const i32 = (v: tf.ArrayLikeValue) => tf.constant(v, { dtype: 'int32' });

describe('Shape', () => {
  test('values, dtype and static shape', () => {
    const { sess, out } = build(() => tf.shape(tf.constant([[1, 2, 3], [4, 5, 6]])));
    assert.equal(out.op.type, 'Shape');
    assert.equal(out.op.name, 'Shape');
    assert.equal(shapeStr(out), '(2,)');
    expectArray(sess.run(out), 'int32', [2], [2, 3]);
  });

  test('outType int64 gives bigints; a non-index outType is refused', () => {
    expectArray(evalT(() => tf.shape(tf.constant([1, 2]), { outType: 'int64' })), 'int64', [1], [2n]);
    expectTypeError(
      () => build(() => tf.shape(tf.constant(1), { outType: 'float32' as never })),
      "Value passed to parameter 'out_type' has DataType float32 not in list of allowed values: int32, int64",
    );
  });

  test('scalars, empty tensors and strings', () => {
    expectArray(evalT(() => tf.shape(tf.constant(5))), 'int32', [0], []);
    expectArray(evalT(() => tf.shape(tf.constant([[], []]))), 'int32', [2], [2, 0]);
    expectArray(evalT(() => tf.shape(tf.constant([['a'], ['b']]))), 'int32', [2], [2, 1]);
  });

  test('partially known and unknown-rank inputs: static shape is [rank] or [?]; value comes from the feed', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float32', [null, 3]);
      const u = tf.placeholder('float32');
      return { x, u, sx: tf.shape(x), su: tf.shape(u) };
    });
    assert.equal(shapeStr(out.sx), '(2,)');
    assert.equal(shapeStr(out.su), '(?,)');
    expectArray(sess.run(out.sx, feed([out.x, [[1, 2, 3]]])), 'int32', [2], [1, 3]);
    expectArray(sess.run(out.su, feed([out.u, [[[1]], [[2]]]])), 'int32', [3], [2, 1, 1]);
  });
});

describe('Rank', () => {
  test('value, dtype, static shape', () => {
    const { sess, out } = build(() => [tf.rank(tf.constant([[1, 2]])), tf.rank(tf.constant(1)), tf.rank(tf.constant(['a']))]);
    assert.deepEqual(out.map(shapeStr), ['()', '()', '()']);
    assert.equal(out[0]?.op.type, 'Rank');
    assert.deepEqual(out.map((t) => sess.run(t).toArray()), [2, 0, 1]);
    assert.equal(sess.run(out[0] as tf.Tensor).dtype, 'int32');
  });

  test('unknown rank: computed at run time', () => {
    const { sess, out } = build(() => {
      const u = tf.placeholder('int32');
      return { u, r: tf.rank(u) };
    });
    expectArray(sess.run(out.r, feed([out.u, [[[1, 2]]]])), 'int32', [], 3);
  });
});

describe('Reshape', () => {
  test('values keep row-major order; -1 is inferred; every dtype', () => {
    expectArray(evalT(() => tf.reshape(tf.constant([[1, 2, 3], [4, 5, 6]]), [3, 2])), 'float32', [3, 2], [[1, 2], [3, 4], [5, 6]]);
    expectArray(evalT(() => tf.reshape(i32([1, 2, 3, 4, 5, 6]), [-1, 3])), 'int32', [2, 3], [[1, 2, 3], [4, 5, 6]]);
    expectArray(evalT(() => tf.reshape(tf.constant([5n]), [])), 'int64', [], 5n);
    expectArray(evalT(() => tf.reshape(tf.constant([true, false]), [2, 1])), 'bool', [2, 1], [[true], [false]]);
    expectArray(evalT(() => tf.reshape(tf.constant(['a', 'b', 'c', 'd']), [2, 2])), 'string', [2, 2], [['a', 'b'], ['c', 'd']]);
    expectArray(evalT(() => tf.reshape(tf.constant([]), [0, 5])), 'float32', [0, 5], []);
  });

  test('an int64 shape tensor sets Tshape', () => {
    const { sess, out } = build(() => tf.reshape(tf.constant([1, 2, 3, 4]), tf.constant([2n, 2n])));
    assert.equal(out.op.attrs.Tshape, 'int64');
    expectArray(sess.run(out), 'float32', [2, 2], [[1, 2], [3, 4]]);
  });

  test('static shape: known, inferred -1, unknown input', () => {
    const { out } = build(() => {
      const p = tf.placeholder('float32', [null, 3]);
      const u = tf.placeholder('float32');
      return [
        tf.reshape(tf.constant([1, 2, 3, 4, 5, 6]), [3, -1]),
        tf.reshape(p, [-1, 3]),
        tf.reshape(p, [-1]),
        tf.reshape(u, [2, -1]),
        tf.reshape(u, tf.placeholder('int32', [3])),
        tf.reshape(u, tf.placeholder('int32')),
      ];
    });
    assert.deepEqual(out.map(shapeStr), ['(3, 2)', '(?, 3)', '(?,)', '(2, ?)', '(?, ?, ?)', '<unknown>']);
  });

  test('shape tensors computed as partial shapes: Shape of a partially known tensor, Pack of constants', () => {
    const { out } = build(() => {
      const x = tf.placeholder('float32', [null, 3]);
      return [tf.reshape(tf.placeholder('float32'), tf.shape(x)), tf.reshape(tf.constant([[1, 2, 3], [4, 5, 6]]), tf.stack([i32(3), i32(-1)]))];
    });
    assert.deepEqual(out.map(shapeStr), ['(?, 3)', '(3, 2)']);
  });

  test('build-time error: element count mismatch (reason, node description, input shapes)', () => {
    const g = new tf.Graph();
    expectValueErrorPrefix(
      () => g.asDefault(() => tf.reshape(tf.constant([[1, 2], [3, 4]]), i32([3, 7]))),
      "Cannot reshape a tensor with 4 elements to shape [3,7] (21 elements) for '{{node Reshape}} = Reshape[T=DT_FLOAT, Tshape=DT_INT32](Const, Const_1)' with input shapes: [2,2], [2]",
    );
    assert.deepEqual(opNames(g), ['Const', 'Const_1'], 'no Reshape op is left in the graph');
  });

  test('build-time error: TensorFlow appends the shape tensor read as a partial shape', () => {
    expectValueError(
      () => build(() => tf.reshape(tf.constant([[1, 2], [3, 4]]), i32([3, 7]))),
      "Cannot reshape a tensor with 4 elements to shape [3,7] (21 elements) for '{{node Reshape}} = Reshape[T=DT_FLOAT, Tshape=DT_INT32](Const, Const_1)' with input shapes: [2,2], [2] and with input tensors computed as partial shapes: input[1] = [3,7].",
    );
  });

  test('build-time error: -1 that cannot divide the element count (InferenceContext::Divide)', () => {
    expectValueErrorPrefix(
      () => build(() => tf.reshape(tf.constant([[1, 2], [3, 4]]), i32([-1, 3]))),
      "Dimension size must be evenly divisible by 3 but is 4 for '{{node Reshape}} = Reshape[T=DT_FLOAT, Tshape=DT_INT32](Const, Const_1)' with input shapes: [2,2], [2]",
    );
  });

  test('two -1 dims: no build-time error (shape (?, ?)); the kernel refuses at run time', () => {
    const { sess, out } = build(() => tf.reshape(tf.constant([1, 2, 3, 4]), i32([-1, -1])));
    assert.equal(shapeStr(out), '(?, ?)');
    expectOpError(() => sess.run(out), tf.errors.InvalidArgumentError, 'Reshape', 'Only one input size may be -1, not both 0 and 1');
  });

  test('run-time errors when static shapes are unknown (item 33)', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float32');
      return { x, a: tf.reshape(x, [3, 7]), b: tf.reshape(x, [-1, 3]) };
    });
    const v = feed([out.x, [[1, 2], [3, 4]]]);
    expectOpError(() => sess.run(out.a, v), tf.errors.InvalidArgumentError, 'Reshape', 'Input to reshape is a tensor with 4 values, but the requested shape has 21');
    expectOpError(
      () => sess.run(out.b, v),
      tf.errors.InvalidArgumentError,
      'Reshape_1',
      'Input to reshape is a tensor with 4 values, but the requested shape requires a multiple of 3',
    );
  });

  test('a float shape is refused (Tshape must be int32 or int64)', () => {
    expectTypeError(
      () => build(() => tf.reshape(tf.constant([1, 2]), tf.constant([2]))),
      "Value passed to parameter 'shape' has DataType float32 not in list of allowed values: int32, int64",
    );
  });
});

describe('Squeeze', () => {
  test('values: all size-1 dims, given dims, negative dims', () => {
    const x = () => tf.constant([[[1], [2], [3]]]); // [1, 3, 1]
    expectArray(evalT(() => tf.squeeze(x())), 'float32', [3], [1, 2, 3]);
    expectArray(evalT(() => tf.squeeze(x(), [0])), 'float32', [3, 1], [[1], [2], [3]]);
    expectArray(evalT(() => tf.squeeze(x(), -1)), 'float32', [1, 3], [[1, 2, 3]]);
    expectArray(evalT(() => tf.squeeze(x(), { axis: [0, 2] })), 'float32', [3], [1, 2, 3]);
    expectArray(evalT(() => tf.squeeze(tf.constant([[5n]]))), 'int64', [], 5n);
    expectArray(evalT(() => tf.squeeze(tf.constant([['s']]), [1])), 'string', [1], ['s']);
  });

  test('attr squeeze_dims and default name', () => {
    const { out } = build(() => tf.squeeze(tf.constant([[1]]), 1));
    assert.equal(out.op.type, 'Squeeze');
    assert.equal(out.op.name, 'Squeeze');
    assert.deepEqual(out.op.attrs.squeeze_dims, [1]);
  });

  test('static shape: unknown dims are assumed 1 when named, make the result unknown otherwise', () => {
    const { out } = build(() => {
      const p = tf.placeholder('float32', [1, null, 3]);
      return [tf.squeeze(p), tf.squeeze(p, [1]), tf.squeeze(p, [0]), tf.squeeze(tf.placeholder('float32'), [0])];
    });
    assert.deepEqual(out.map(shapeStr), ['<unknown>', '(1, 3)', '(?, 3)', '<unknown>']);
  });

  test('build-time errors: squeezing a dim that is not 1, and an out-of-range dim', () => {
    const g = new tf.Graph();
    expectValueError(
      () => g.asDefault(() => tf.squeeze(tf.constant([[1, 2, 3], [4, 5, 6]]), [0])),
      "Can not squeeze dim[0], expected a dimension of 1, got 2 for '{{node Squeeze}} = Squeeze[T=DT_FLOAT, squeeze_dims=[0]](Const)' with input shapes: [2,3].",
    );
    assert.deepEqual(opNames(g), ['Const']);
    expectValueError(
      () => build(() => tf.squeeze(tf.constant([[1]]), [0, 2])),
      "Tried to squeeze dim index 2 for tensor with 2 dimensions. for '{{node Squeeze}} = Squeeze[T=DT_FLOAT, squeeze_dims=[0, 2]](Const)' with input shapes: [1,1].",
    );
  });

  test('run-time error when the squeezed dim is unknown at build time', () => {
    const { sess, out } = build(() => {
      const p = tf.placeholder('float32', [null, 3]);
      return { p, y: tf.squeeze(p, [0]) };
    });
    expectArray(sess.run(out.y, feed([out.p, [[1, 2, 3]]])), 'float32', [3], [1, 2, 3]);
    expectOpError(
      () => sess.run(out.y, feed([out.p, [[1, 2, 3], [4, 5, 6]]])),
      tf.errors.InvalidArgumentError,
      'Squeeze',
      'Can not squeeze dim[0], expected a dimension of 1, got 2',
    );
  });
});

describe('Pack (tf.stack)', () => {
  test('values along axis 0, 1 and -1; scalars; every dtype', () => {
    const a = () => [tf.constant([1, 2]), tf.constant([3, 4])];
    expectArray(evalT(() => tf.stack(a())), 'float32', [2, 2], [[1, 2], [3, 4]]);
    expectArray(evalT(() => tf.stack(a(), 1)), 'float32', [2, 2], [[1, 3], [2, 4]]);
    expectArray(evalT(() => tf.stack(a(), { axis: -1 })), 'float32', [2, 2], [[1, 3], [2, 4]]);
    expectArray(evalT(() => tf.stack([i32(1), i32(2), i32(3)])), 'int32', [3], [1, 2, 3]);
    expectArray(evalT(() => tf.stack([tf.constant([1n]), tf.constant([2n])], 1)), 'int64', [1, 2], [[1n, 2n]]);
    expectArray(evalT(() => tf.stack([tf.constant(['a']), tf.constant(['b'])])), 'string', [2, 1], [['a'], ['b']]);
    expectArray(evalT(() => tf.stack([tf.constant([true]), tf.constant([false])])), 'bool', [2, 1], [[true], [false]]);
    expectArray(evalT(() => tf.stack([tf.constant([]), tf.constant([])], 1)), 'float32', [0, 2], []);
  });

  test('a JS value next to a tensor converts to the tensor dtype', () => {
    expectArray(evalT(() => tf.stack([i32([1, 2]), [3, 4]])), 'int32', [2, 2], [[1, 2], [3, 4]]);
    expectArray(evalT(() => tf.stack([[3, 4], i32([1, 2])])), 'int32', [2, 2], [[3, 4], [1, 2]]);
  });

  test('op type, attrs and default name "stack"', () => {
    const { out } = build(() => tf.stack([tf.constant(1), tf.constant(2)], 0));
    assert.equal(out.op.type, 'Pack');
    assert.equal(out.op.name, 'stack');
    assert.equal(out.op.attrs.N, 2);
    assert.equal(out.op.attrs.axis, 0);
    assert.equal(out.op.attrs.T, 'float32');
  });

  test('static shape merges partially known inputs', () => {
    const { out } = build(() => [
      tf.stack([tf.placeholder('float32', [null, 3]), tf.placeholder('float32', [2, null])]),
      tf.stack([tf.placeholder('float32'), tf.placeholder('float32', [2])], 1),
      tf.stack([tf.placeholder('float32'), tf.placeholder('float32')]),
    ]);
    assert.deepEqual(out.map(shapeStr), ['(2, 2, 3)', '(2, 2)', '<unknown>']);
  });

  test('build-time error: mismatched dims (Merge, with TensorFlow\'s context line)', () => {
    const g = new tf.Graph();
    expectValueError(
      () => g.asDefault(() => tf.stack([tf.constant([1, 2]), tf.constant([1, 2, 3])])),
      "Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and [3].\n\tFrom merging shape 0 with other shapes. for '{{node stack}} = Pack[N=2, T=DT_FLOAT, axis=0](Const, Const_1)' with input shapes: [2], [3].",
    );
    assert.deepEqual(opNames(g), ['Const', 'Const_1']);
  });

  test('build-time error: mismatched ranks', () => {
    expectValueError(
      () => build(() => tf.stack([tf.constant([1, 2]), tf.constant([[1, 2]]), tf.constant([[1, 2]])])),
      "Shapes must be equal rank, but are 1 and 2\n\tFrom merging shape 0 with other shapes. for '{{node stack}} = Pack[N=3, T=DT_FLOAT, axis=0](Const, Const_1, Const_2)' with input shapes: [2], [1,2], [1,2].",
    );
  });

  test('build-time error: axis out of range is a ValueError and adds no Pack op', () => {
    const g = new tf.Graph();
    assert.throws(() => g.asDefault(() => tf.stack([tf.constant([1, 2]), tf.constant([3, 4])], 2)), tf.ValueError);
    assert.ok(!g.getOperations().some((o) => o.type === 'Pack'));
  });

  test('build-time error: mixed dtypes', () => {
    expectTypeError(
      () => build(() => tf.stack([tf.constant([1]), i32([2])])),
      "Tensors in list passed to 'values' of 'Pack' Op have types [float32, int32] that don't all match.",
    );
  });

  test('run-time error when the shapes are only known at run time', () => {
    const { sess, out } = build(() => {
      const a = tf.placeholder('float32');
      const b = tf.placeholder('float32');
      return { a, b, s: tf.stack([a, b]) };
    });
    expectOpError(
      () => sess.run(out.s, feed([out.a, [1, 2]], [out.b, [1, 2, 3]])),
      tf.errors.InvalidArgumentError,
      'stack',
      'Shapes of all inputs must match: values[0].shape = [2] != values[1].shape = [3]',
    );
  });
});

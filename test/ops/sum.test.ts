// Conformance: Sum (tf.reduceSum): axis null / int / list / negative, keepdims, dtypes, errors.
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
const M = [
  [1, 2, 3],
  [4, 5, 6],
];

describe('Sum values', () => {
  test('axis null reduces everything', () => {
    const { sess, out } = build(() => tf.reduceSum(tf.constant(M)));
    assert.equal(out.op.type, 'Sum');
    assert.equal(out.op.name, 'Sum');
    assert.equal(out.op.attrs.keep_dims, false);
    assert.equal(out.op.attrs.Tidx, 'int32');
    assert.equal(shapeStr(out), '()');
    expectArray(sess.run(out), 'float32', [], 21);
  });

  test('axis int, negative, list, empty list', () => {
    expectArray(evalT(() => tf.reduceSum(tf.constant(M), 0)), 'float32', [3], [5, 7, 9]);
    expectArray(evalT(() => tf.reduceSum(tf.constant(M), 1)), 'float32', [2], [6, 15]);
    expectArray(evalT(() => tf.reduceSum(tf.constant(M), -1)), 'float32', [2], [6, 15]);
    expectArray(evalT(() => tf.reduceSum(tf.constant(M), [0, 1])), 'float32', [], 21);
    expectArray(evalT(() => tf.reduceSum(tf.constant(M), [-2])), 'float32', [3], [5, 7, 9]);
    expectArray(evalT(() => tf.reduceSum(tf.constant(M), [])), 'float32', [2, 3], M);
  });

  test('keepdims', () => {
    expectArray(evalT(() => tf.reduceSum(tf.constant(M), 1, true)), 'float32', [2, 1], [[6], [15]]);
    expectArray(evalT(() => tf.reduceSum(tf.constant(M), null, true)), 'float32', [1, 1], [[21]]);
    expectArray(evalT(() => tf.reduceSum(tf.constant([[[1, 2]], [[3, 4]]]), [0, 2], { keepdims: true })), 'float32', [1, 1, 1], [[[10]]]);
  });

  test('3-D reductions over middle and outer axes', () => {
    const t = () => tf.reshape(tf.range(24), [2, 3, 4]);
    expectArray(evalT(() => tf.reduceSum(t(), 1)), 'int32', [2, 4], [[12, 15, 18, 21], [48, 51, 54, 57]]);
    expectArray(evalT(() => tf.reduceSum(t(), [0, 2])), 'int32', [3], [60, 92, 124]);
  });

  test('scalars and empty tensors', () => {
    expectArray(evalT(() => tf.reduceSum(tf.constant(5))), 'float32', [], 5);
    expectArray(evalT(() => tf.reduceSum(tf.constant(5), [])), 'float32', [], 5);
    expectArray(evalT(() => tf.reduceSum(tf.constant([]))), 'float32', [], 0);
    expectArray(evalT(() => tf.reduceSum(tf.constant([[], []]), 1)), 'float32', [2], [0, 0]);
    expectArray(evalT(() => tf.reduceSum(tf.constant([[], []]), 0)), 'float32', [0], []);
  });

  test('dtypes: float32 rounding, float64, int32 and uint8 wrap, int64 bigint', () => {
    expectClose(evalT(() => tf.reduceSum(tf.constant([0.1, 0.2, 0.3]))).item() as number, f32(0.6), 1e-7);
    expectArray(evalT(() => tf.reduceSum(tf.constant([0.1, 0.2], 'float64'))), 'float64', [], 0.1 + 0.2);
    expectArray(evalT(() => tf.reduceSum(i32([2147483647, 1]))), 'int32', [], -2147483648);
    expectArray(evalT(() => tf.reduceSum(tf.constant([200, 100], 'uint8'))), 'uint8', [], 44);
    expectArray(evalT(() => tf.reduceSum(tf.constant([2n ** 62n, 2n ** 62n, 5n]))), 'int64', [], -(2n ** 63n) + 5n);
    expectArray(evalT(() => tf.reduceSum(tf.constant([[1n, 2n]]), 1)), 'int64', [1], [3n]);
  });

  test('an int64 axis tensor sets Tidx', () => {
    const { sess, out } = build(() => tf.reduceSum(tf.constant(M), tf.constant([1n])));
    assert.equal(out.op.attrs.Tidx, 'int64');
    expectArray(sess.run(out), 'float32', [2], [6, 15]);
  });
});

describe('Sum static shapes', () => {
  test('known axes on partially known and unknown-rank inputs', () => {
    const { out } = build(() => {
      const p = tf.placeholder('float32', [null, 3]);
      const u = tf.placeholder('float32');
      return [tf.reduceSum(p, 1), tf.reduceSum(p, 0), tf.reduceSum(p, 0, true), tf.reduceSum(p), tf.reduceSum(u, 0), tf.reduceSum(u), tf.reduceSum(u, 0, true)];
    });
    assert.deepEqual(out.map(shapeStr), ['(?,)', '(3,)', '(1, 3)', '()', '<unknown>', '<unknown>', '<unknown>']);
  });

  test('axes known only at run time: unknown shape, or unknown dims of the same rank with keepdims', () => {
    const { sess, out } = build(() => {
      const ax = tf.placeholder('int32', []);
      const x = tf.constant(M);
      return { ax, a: tf.reduceSum(x, ax), k: tf.reduceSum(x, ax, true), v: tf.reduceSum(x, tf.placeholder('int32', [null])) };
    });
    assert.equal(shapeStr(out.k), '(?, ?)');
    assert.equal(shapeStr(out.v), '<unknown>');
    expectArray(sess.run(out.a, feed([out.ax, 1])), 'float32', [2], [6, 15]);
    assert.equal(shapeStr(out.a), '<unknown>');
  });

  test('axis null on an unknown-rank input is computed at run time', () => {
    const { sess, out } = build(() => {
      const u = tf.placeholder('float32');
      return { u, s: tf.reduceSum(u) };
    });
    expectArray(sess.run(out.s, feed([out.u, [[1, 2], [3, 4]]])), 'float32', [], 10);
  });
});

describe('Sum build-time errors', () => {
  test('axis out of range: reason, node description and input shapes', () => {
    const g = new tf.Graph();
    expectValueErrorPrefix(
      () => g.asDefault(() => tf.reduceSum(tf.constant(M), i32(2))),
      "Invalid reduction dimension 2 for input with 2 dimensions. for '{{node Sum}} = Sum[T=DT_FLOAT, Tidx=DT_INT32, keep_dims=false](Const, Const_1)' with input shapes: [2,3], []",
    );
    assert.deepEqual(opNames(g), ['Const', 'Const_1']);
    expectValueErrorPrefix(() => build(() => tf.reduceSum(tf.constant(M), i32([-3]))), 'Invalid reduction dimension -3 for input with 2 dimensions. for ');
  });

  test('axis out of range: TensorFlow appends the computed axis tensor', () => {
    expectValueError(
      () => build(() => tf.reduceSum(tf.constant(M), i32(2))),
      "Invalid reduction dimension 2 for input with 2 dimensions. for '{{node Sum}} = Sum[T=DT_FLOAT, Tidx=DT_INT32, keep_dims=false](Const, Const_1)' with input shapes: [2,3], [] and with computed input tensors: input[1] = <2>.",
    );
  });

  test('axis 0 of a scalar is out of range', () => {
    expectValueErrorPrefix(() => build(() => tf.reduceSum(tf.constant(5), i32(0))), 'Invalid reduction dimension 0 for input with 0 dimensions. for ');
  });

  test('axes of rank 2 are refused', () => {
    expectValueErrorPrefix(
      () => build(() => tf.reduceSum(tf.constant(M), i32([[0]]))),
      "Shape must be at most rank 1 but is rank 2 for '{{node Sum}} = Sum[T=DT_FLOAT, Tidx=DT_INT32, keep_dims=false](Const, Const_1)'",
    );
  });

  test('dtype errors: bool and string input, float axis', () => {
    expectTypeError(
      () => build(() => tf.reduceSum(tf.constant([true]))),
      "Value passed to parameter 'input' has DataType bool not in list of allowed values: float32, float64, int32, uint8, int16, int8, int64, uint16, float16, uint32, uint64",
    );
    assert.throws(() => build(() => tf.reduceSum(tf.constant(['a']))), TypeError);
    expectTypeError(
      () => build(() => tf.reduceSum(tf.constant(M), 1.5)),
      "Value passed to parameter 'reduction_indices' has DataType float32 not in list of allowed values: int32, int64",
    );
  });
});

describe('Sum run-time errors', () => {
  test('axis out of range when it is only known at run time', () => {
    const { sess, out } = build(() => {
      const ax = tf.placeholder('int32', [null]);
      return { ax, s: tf.reduceSum(tf.constant(M), ax) };
    });
    expectArray(sess.run(out.s, feed([out.ax, [0]])), 'float32', [3], [5, 7, 9]);
    expectOpError(() => sess.run(out.s, feed([out.ax, [5]])), tf.errors.InvalidArgumentError, 'Sum', 'Invalid reduction dimension (5 for input with 2 dimension(s)');
  });
});

describe('Sum argument conventions', () => {
  test('positional and options forms build the same op', () => {
    const { sess, out } = build(() => {
      const x = tf.constant(M);
      return [
        tf.reduceSum(x, 1, true),
        tf.reduceSum(x, { axis: 1, keepdims: true }),
        tf.reduceSum(x, 1, { keepdims: true }),
        tf.reduceSum(x, { reductionIndices: 1, keepDims: true }),
        tf.reduceSum(x, 1, true, 'named'),
      ];
    });
    for (const t of out) {
      assert.equal(t.op.attrs.keep_dims, true);
      assert.equal(shapeStr(t), '(2, 1)');
      expectArray(sess.run(t), 'float32', [2, 1], [[6], [15]]);
    }
    assert.equal(out[4]?.op.name, 'named');
  });

  test('the axis constant is created in the op\'s name scope (Sum/reduction_indices)', () => {
    const { out } = build(() => tf.reduceSum(tf.constant(M), 1));
    assert.equal(out.op.inputs[1]?.op.name, 'Sum/reduction_indices');
  });

  test('unknown option names are TypeErrors', () => {
    expectTypeError(() => build(() => tf.reduceSum(tf.constant(M), { axes: 1 } as never)), /unexpected keyword argument 'axes'/);
    expectTypeError(() => build(() => tf.reduceSum(tf.constant(M), { keepDim: true } as never)), /unexpected keyword argument 'keepDim'/);
  });

  test('a value given both positionally and as an option is a TypeError', () => {
    expectTypeError(() => build(() => tf.reduceSum(tf.constant(M), 1, { axis: 0 })), /multiple values for argument 'axis'/);
  });
});

describe('TF1 spellings and their new names', () => {
  test('reductionIndices and keepDims work alone; with their new names too they are a ValueError (TF texts)', () => {
    const { sess, out } = build(() => {
      const x = tf.constant([[1, 2], [3, 4]]);
      return [tf.reduceSum(x, { reductionIndices: 1, keepDims: true }), tf.reduceSum(x, null, null, undefined, 0)];
    });
    const [a, b] = sess.run(out);
    expectArray(a, 'float32', [2, 1], [[3], [7]]);
    expectArray(b, 'float32', [2], [4, 6]);
    build(() => {
      const x = tf.constant([[1, 2], [3, 4]]);
      expectValueError(() => tf.reduceSum(x, 0, { reductionIndices: 1 }), "Cannot specify both 'reduction_indices' and 'axis'.");
      expectValueError(() => tf.reduceSum(x, { keepdims: true, keepDims: false }), "Cannot specify both 'keep_dims' and 'keepdims'.");
    });
  });
});

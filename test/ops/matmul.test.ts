// Conformance: MatMul (tf.matmul with transposeA / transposeB).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, evalT, expectArray, expectClose, expectOpError, expectTypeError, expectValueError, f32, feed, opNames, shapeStr } from './helpers.js';

const i32 = (v: tf.ArrayLikeValue) => tf.constant(v, { dtype: 'int32' });
const A = [
  [1, 2, 3],
  [4, 5, 6],
]; // [2,3]
const B = [
  [7, 8],
  [9, 10],
  [11, 12],
]; // [3,2]
const AB = [
  [58, 64],
  [139, 154],
];
const transpose = (m: number[][]) => (m[0] as number[]).map((_, j) => m.map((r) => r[j] as number));

describe('MatMul values', () => {
  test('float32 product, op type, attrs and default name', () => {
    const { sess, out } = build(() => tf.matmul(tf.constant(A), tf.constant(B)));
    assert.equal(out.op.type, 'MatMul');
    assert.equal(out.op.name, 'MatMul');
    assert.equal(out.op.attrs.transpose_a, false);
    assert.equal(out.op.attrs.transpose_b, false);
    assert.equal(shapeStr(out), '(2, 2)');
    expectArray(sess.run(out), 'float32', [2, 2], AB);
  });

  test('transposeA, transposeB and both (positional and options forms)', () => {
    const At = transpose(A);
    const Bt = transpose(B);
    expectArray(evalT(() => tf.matmul(tf.constant(At), tf.constant(B), true)), 'float32', [2, 2], AB);
    expectArray(evalT(() => tf.matmul(tf.constant(A), tf.constant(Bt), false, true)), 'float32', [2, 2], AB);
    expectArray(evalT(() => tf.matmul(tf.constant(At), tf.constant(Bt), { transposeA: true, transposeB: true })), 'float32', [2, 2], AB);
    expectArray(evalT(() => tf.matmul(tf.constant(A), tf.constant(A), { transposeB: true })), 'float32', [2, 2], [[14, 32], [32, 77]]);
    const { out } = build(() => tf.matmul(tf.constant(At), tf.constant(Bt), { adjointA: true, adjointB: true }));
    assert.equal(out.op.attrs.transpose_a, true);
    assert.equal(out.op.attrs.transpose_b, true);
  });

  test('float32 rounding of sums (tolerance: accumulation order may differ)', () => {
    const r = evalT(() => tf.matmul(tf.constant([[0.1, 0.2, 0.3]]), tf.constant([[0.4], [0.5], [0.6]])));
    expectClose(r.toArray(), [[f32(0.1 * 0.4 + 0.2 * 0.5 + 0.3 * 0.6)]], 1e-6);
  });

  test('float64, int32 (wraps), int64 (bigint)', () => {
    expectArray(evalT(() => tf.matmul(tf.constant(A, 'float64'), tf.constant(B, 'float64'))), 'float64', [2, 2], AB);
    expectArray(evalT(() => tf.matmul(i32(A), i32(B))), 'int32', [2, 2], AB);
    expectArray(evalT(() => tf.matmul(i32([[65536, 1]]), i32([[65536], [3]]))), 'int32', [1, 1], [[3]]);
    expectArray(
      evalT(() => tf.matmul(tf.constant([[2n ** 40n, 1n]]), tf.constant([[2n ** 20n], [5n]]))),
      'int64',
      [1, 1],
      [[2n ** 60n + 5n]],
    );
  });

  test('a JS matrix next to an int32 tensor becomes int32', () => {
    expectArray(evalT(() => tf.matmul(i32(A), B)), 'int32', [2, 2], AB);
  });

  test('empty matrices: zero rows, and zero inner dimension gives zeros', () => {
    expectArray(evalT(() => tf.matmul(new tf.NDArray('float32', [0, 3]), tf.constant(B))), 'float32', [0, 2], []);
    expectArray(evalT(() => tf.matmul(new tf.NDArray('float32', [2, 0]), new tf.NDArray('float32', [0, 3]))), 'float32', [2, 3], [[0, 0, 0], [0, 0, 0]]);
  });
});

describe('MatMul static shapes', () => {
  test('partially known and unknown-rank inputs', () => {
    const { out } = build(() => {
      const a = tf.placeholder('float32', [null, 3]);
      const b = tf.placeholder('float32', [3, 5]);
      const c = tf.placeholder('float32', [3, null]);
      const u = tf.placeholder('float32');
      return [tf.matmul(a, b), tf.matmul(a, c), tf.matmul(c, tf.placeholder('float32', [4, 3]), true, true), tf.matmul(u, b), tf.matmul(u, u)];
    });
    // An unknown-rank input makes tf.matmul build BatchMatMulV2, as TensorFlow does: shape unknown.
    assert.deepEqual(out.map(shapeStr), ['(?, 5)', '(?, ?)', '(?, 4)', '<unknown>', '<unknown>']);
    assert.deepEqual(
      out.map((t) => t.op.type),
      ['MatMul', 'MatMul', 'MatMul', 'BatchMatMulV2', 'BatchMatMulV2'],
    );
  });
});

describe('MatMul build-time errors (item 32)', () => {
  test('inner dimensions differ: the exact TensorFlow message, and no MatMul op is left', () => {
    const g = new tf.Graph();
    expectValueError(
      () => g.asDefault(() => tf.matmul(tf.constant([[1, 2, 3], [4, 5, 6]]), tf.constant([[1, 2], [3, 4], [5, 6], [7, 8]]))),
      "Dimensions must be equal, but are 3 and 4 for '{{node MatMul}} = MatMul[T=DT_FLOAT, transpose_a=false, transpose_b=false](Const, Const_1)' with input shapes: [2,3], [4,2].",
    );
    assert.deepEqual(opNames(g), ['Const', 'Const_1']);
    // The name MatMul stays free for the next op.
    const ok = g.asDefault(() => tf.matmul(tf.constant([[1]]), tf.constant([[2]])));
    assert.ok(ok.op.name === 'MatMul' || ok.op.name === 'MatMul_1');
  });

  test('transpose attrs appear in the node description', () => {
    expectValueError(
      () => build(() => tf.matmul(tf.constant(A), tf.constant([[1, 2, 3, 4], [5, 6, 7, 8]]), { transposeB: true, name: 'mm' })),
      "Dimensions must be equal, but are 3 and 4 for '{{node mm}} = MatMul[T=DT_FLOAT, transpose_a=false, transpose_b=true](Const, Const_1)' with input shapes: [2,3], [2,4].",
    );
  });

  test('partially known shapes that conflict', () => {
    expectValueError(
      () => build(() => tf.matmul(tf.placeholder('float32', [null, 3]), tf.placeholder('float32', [4, null]))),
      "Dimensions must be equal, but are 3 and 4 for '{{node MatMul}} = MatMul[T=DT_FLOAT, transpose_a=false, transpose_b=false](Placeholder, Placeholder_1)' with input shapes: [?,3], [4,?].",
    );
  });

  test('rank other than 2', () => {
    expectValueError(
      () => build(() => tf.matmul(tf.constant([1, 2, 3]), tf.constant(B))),
      "Shape must be rank 2 but is rank 1 for '{{node MatMul}} = MatMul[T=DT_FLOAT, transpose_a=false, transpose_b=false](Const, Const_1)' with input shapes: [3], [3,2].",
    );
  });

  test('dtype errors: mismatch and disallowed dtype', () => {
    expectTypeError(
      () => build(() => tf.matmul(tf.constant(A), i32(B))),
      "Input 'b' of 'MatMul' Op has type int32 that does not match type float32 of argument 'a'.",
    );
    expectTypeError(
      () => build(() => tf.matmul(tf.constant([[true]]), tf.constant([[true]]))),
      "Value passed to parameter 'a' has DataType bool not in list of allowed values: float16, float32, float64, int32, int64, uint8, uint16, uint32, uint64",
    );
    // TensorFlow converts `b` on its own (`convert_to_tensor(b, name="b")`), then the op refuses the pair.
    expectTypeError(
      () => build(() => tf.matmul(i32(A), [[1.5], [2], [3]])),
      "Input 'b' of 'MatMul' Op has type float32 that does not match type int32 of argument 'a'.",
    );
  });
});

describe('MatMul run-time errors (item 33)', () => {
  test('Matrix size-incompatible when shapes are only known at run time', () => {
    const { sess, out } = build(() => {
      const a = tf.placeholder('float32', [null, null]);
      const b = tf.placeholder('float32', [null, null]);
      return { a, b, y: tf.matmul(a, b), yt: tf.matmul(a, b, { transposeA: true }) };
    });
    const a = [[1, 2, 3], [4, 5, 6]];
    const b = [[1, 2], [3, 4], [5, 6], [7, 8]];
    expectOpError(
      () => sess.run(out.y, feed([out.a, a], [out.b, b])),
      tf.errors.InvalidArgumentError,
      'MatMul',
      'Matrix size-incompatible: In[0]: [2,3], In[1]: [4,2]',
    );
    expectOpError(
      () => sess.run(out.yt, feed([out.a, a], [out.b, b])),
      tf.errors.InvalidArgumentError,
      'MatMul_1',
      'Matrix size-incompatible: In[0]: [2,3], In[1]: [4,2]',
    );
    expectArray(sess.run(out.y, feed([out.a, a], [out.b, B])), 'float32', [2, 2], AB);
  });
});

// Conformance: Add, Div, FloorDiv, FloorMod, TruncateDiv, Maximum, Minimum, Pow, SquaredDifference,
// the comparisons, Select/SelectV2 (tf.where / tf.whereV2), ClipByValue / tf.clipByValue.
// Expected values checked with TensorFlow 2.21 (CPU).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyOp1 } from '../../src/ops/builder.js';
import { Add, Div } from '../../src/ops/defs/math/binary-math.js';
import { ClipByValue } from '../../src/ops/defs/math/clip.js';
import { Equal, NotEqual } from '../../src/ops/defs/math/compare-more.js';
import { Select, SelectV2 } from '../../src/ops/defs/math/select.js';
import * as tf from '../../src/v1.js';
import { build, checkGradient, evalT, expectArray, expectOpError, expectTypeError, expectValueError, opNames } from './helpers.js';

const i32 = (v: unknown) => tf.constant(v as number[], 'int32');

describe('binary math ops', () => {
  test('floor division and modulo take the divisor sign; truncation toward zero', () => {
    expectArray(evalT(() => tf.floordiv(i32([-7, 7, -7, 7]), i32([2, 2, -2, -2]))), 'int32', [4], [-4, 3, 3, -4]);
    expectArray(evalT(() => tf.floormod(i32([-7, 7, -7, 7]), i32([2, 2, -2, -2]))), 'int32', [4], [1, 1, -1, -1]);
    expectArray(evalT(() => tf.mod(tf.constant([-7.5, 7.5, -0]), tf.constant([2, -2, 3]))), 'float32', [3], [0.5, -0.5, -0]);
    expectArray(evalT(() => tf.truncatediv(i32([-7, 7]), i32([2, 2]))), 'int32', [2], [-3, 3]);
    expectArray(evalT(() => tf.floordiv(tf.constant([-7n, 9n]), tf.constant([2n, -4n]))), 'int64', [2], [-4n, -3n]);
  });

  test('integer division by zero is an InvalidArgumentError', () => {
    const { sess, out } = build(() => tf.floordiv(i32([1]), i32([0])));
    expectOpError(() => sess.run(out), tf.errors.InvalidArgumentError, 'floordiv', 'Integer division by zero');
  });

  test('maximum/minimum broadcast and propagate NaN', () => {
    expectArray(evalT(() => tf.maximum([1, Number.NaN, 3], [[2], [0]])), 'float32', [2, 3], [[2, Number.NaN, 3], [1, Number.NaN, 3]]);
    expectArray(evalT(() => tf.minimum(tf.constant([1, 5], 'uint8'), tf.constant(3, 'uint8'))), 'uint8', [2], [1, 3]);
  });

  test('pow: floats as C, integers reject negative exponents', () => {
    const r = evalT(() => tf.pow([2, 0, -8], [0.5, 0, 1 / 3])).toArray() as number[];
    assert.equal(r[0], Math.fround(Math.SQRT2));
    assert.equal(r[1], 1);
    assert.ok(Number.isNaN(r[2]));
    const { sess, out } = build(() => tf.pow(i32([2, 3]), i32([10, -1])));
    expectOpError(() => sess.run(out), tf.errors.InvalidArgumentError, 'Pow', 'Integers to negative integer powers are not allowed');
    expectArray(evalT(() => tf.pow(i32([2, 3]), i32([10, 2]))), 'int32', [2], [1024, 9]);
  });

  test('squaredDifference, Add (legacy op type), Div', () => {
    expectArray(evalT(() => tf.squaredDifference(i32([1, 5]), 3)), 'int32', [2], [4, 4]);
    expectArray(evalT(() => applyOp1(Add, [tf.constant([1, 2]), tf.constant(3)])), 'float32', [2], [4, 5]);
    expectArray(evalT(() => applyOp1(Div, [i32([-7, 7]), i32([2, 2])])), 'int32', [2], [-3, 3]);
  });

  test('tf.div: RealDiv for floats, FloorDiv for integers, named div', () => {
    const { g, out, sess } = build(() => [tf.div(tf.constant([7, -7]), 2), tf.div(i32([-7, 7]), 2)]);
    assert.deepEqual(
      out.map((t) => [t.op.name, t.op.type]),
      [
        ['div', 'RealDiv'],
        ['div_1', 'FloorDiv'],
      ],
    );
    assert.ok(opNames(g).includes('div/y'));
    expectArray(sess.run(out[0] as tf.Tensor), 'float32', [2], [3.5, -3.5]);
    expectArray(sess.run(out[1] as tf.Tensor), 'int32', [2], [-4, 3]);
    expectArray(evalT(() => tf.truediv(i32([7]), 2)), 'float64', [1], [3.5]);
  });

  test('names: floordiv scope, Pow/y; scalarMul', () => {
    const { g, out } = build(() => [tf.floordiv(tf.constant([1]), 2), tf.pow(tf.constant([1]), 2), tf.scalarMul(2, tf.constant([1, 2]))]);
    assert.deepEqual(
      out.map((t) => t.op.name),
      ['floordiv', 'Pow', 'Mul'],
    );
    assert.ok(opNames(g).includes('Pow/y'));
    assert.ok(opNames(g).includes('scalar'));
    expectValueError(() => build(() => tf.scalarMul(tf.constant([1, 2]), tf.constant([1, 2]))), 'The input scalar must be a 0-D value. Received shape (2,).');
  });

  test('disallowed dtypes and broadcast errors', () => {
    expectTypeError(
      () => build(() => tf.squaredDifference(tf.constant([1], 'uint8'), tf.constant([1], 'uint8'))),
      "Value passed to parameter 'x' has DataType uint8 not in list of allowed values: float16, float32, float64, int32, int64",
    );
    assert.throws(() => build(() => tf.maximum([1, 2], [1, 2, 3])), /Dimensions must be equal, but are 2 and 3/);
  });
});

describe('comparisons and logic', () => {
  test('values, dtypes, broadcasting', () => {
    expectArray(evalT(() => tf.equal(tf.constant(['a', 'b']), 'a')), 'bool', [2], [true, false]);
    expectArray(evalT(() => tf.notEqual(tf.constant([true, false]), tf.constant([true, true]))), 'bool', [2], [false, true]);
    expectArray(evalT(() => tf.greaterEqual(tf.constant([1, 2, 3], 'uint8'), tf.constant(2, 'uint8'))), 'bool', [3], [false, true, true]);
    expectArray(evalT(() => tf.greater([[1], [3]], [2, 0])), 'bool', [2, 2], [[false, true], [true, true]]);
    expectArray(evalT(() => tf.lessEqual(tf.constant([Number.NaN, 1]), 1)), 'bool', [2], [false, true]);
    expectArray(evalT(() => tf.logicalOr(tf.constant([true, false]), tf.constant(false))), 'bool', [2], [true, false]);
    expectArray(evalT(() => tf.logicalXor(tf.constant([true, true, false, false]), tf.constant([true, false, true, false]))), 'bool', [4], [false, true, true, false]);
  });

  test('logicalXor is built from LogicalOr/LogicalAnd/LogicalNot as TensorFlow', () => {
    const { g } = build(() => tf.logicalXor(tf.constant([true]), tf.constant([false])));
    assert.deepEqual(opNames(g).slice(2), ['LogicalOr', 'LogicalAnd', 'LogicalNot', 'LogicalXor']);
  });

  test('Equal with incompatible_shape_error=false gives a scalar', () => {
    const { out, sess } = build(() => [
      applyOp1(Equal, [tf.constant([1, 5]), tf.constant([0, 1, 2])], { incompatible_shape_error: false }),
      applyOp1(NotEqual, [tf.constant([1, 5]), tf.constant([0, 1, 2])], { incompatible_shape_error: false }),
      applyOp1(Equal, [tf.placeholderWithDefault(tf.constant([1, 5]), [null]), tf.constant([1, 1, 2])], { incompatible_shape_error: false }),
    ]);
    assert.equal((out[0] as tf.Tensor).shape.toString(), '()');
    expectArray(sess.run(out[0] as tf.Tensor), 'bool', [], false);
    expectArray(sess.run(out[1] as tf.Tensor), 'bool', [], true);
    expectArray(sess.run(out[2] as tf.Tensor), 'bool', [], false);
  });

  test('incompatible shapes at run time', () => {
    const { out, sess } = build(() => tf.equal(tf.placeholderWithDefault(tf.constant([1, 5]), [null]), tf.constant([0, 1, 2])));
    expectOpError(() => sess.run(out), tf.errors.InvalidArgumentError, 'Equal', 'Incompatible shapes: [2] vs. [3]');
  });

  test('comparisons and logic ops have no gradient', () => {
    for (const f of [tf.equal, tf.greater, tf.lessEqual, tf.greaterEqual, tf.notEqual]) {
      const { out } = build(() => f(tf.constant([1]), tf.constant([2])));
      assert.equal(out.op.def.grad, null);
    }
  });
});

describe('Select (TF1 tf.where) and SelectV2 (tf.whereV2)', () => {
  const m = (v: number[][]) => tf.constant(v);
  test('same-shape, row-selecting vector and scalar conditions', () => {
    expectArray(evalT(() => tf.where(tf.constant([[true, false], [false, true]]), i32([[1, 2], [3, 4]]), i32([[5, 6], [7, 8]]))), 'int32', [2, 2], [[1, 6], [7, 4]]);
    const rows = build(() => tf.where(tf.constant([true, false]), m([[1, 2], [3, 4]]), m([[5, 6], [7, 8]])));
    assert.equal(rows.out.op.type, 'Select');
    expectArray(rows.sess.run(rows.out), 'float32', [2, 2], [[1, 2], [7, 8]]);
    expectArray(evalT(() => tf.where(tf.constant(true), m([[1, 2]]), m([[5, 6]]))), 'float32', [1, 2], [[1, 2]]);
    expectArray(evalT(() => tf.where(tf.constant([false]), tf.constant(['x']), tf.constant(['z']))), 'string', [1], ['z']);
    expectArray(evalT(() => tf.where(tf.constant([true, false, true]))), 'int64', [2, 1], [[0n], [2n]]);
  });

  test('Select shape errors as TensorFlow', () => {
    expectValueError(
      () => build(() => tf.where(tf.constant([true, false, true]), m([[1, 2], [3, 4]]), m([[5, 6], [7, 8]]))),
      "Dimension 0 in both shapes must be equal, but are 3 and 2. Shapes are [3] and [2]. for '{{node Select}} = Select[T=DT_FLOAT](Const, Const_1, Const_2)' with input shapes: [3], [2,2], [2,2].",
    );
    assert.throws(() => build(() => tf.where(tf.constant([[true, false]]), m([[1, 2], [3, 4]]), m([[5, 6], [7, 8]]))), /but are 2 and 1. Shapes are \[2,2\] and \[1,2\]/);
    expectValueError(() => build(() => tf.where(tf.constant([true]), m([[1]]))), 'x and y must both be non-None or both be None.');
  });

  test('Select run-time errors', () => {
    const pw = (v: unknown, shape: (number | null)[]) => tf.placeholderWithDefault(tf.constant(v as number[]), shape);
    const a = build(() => applyOp1(Select, [pw([true, false, true], [null]), pw([[1, 2], [3, 4]], [null, 2]), m([[5, 6], [7, 8]])]));
    expectOpError(() => a.sess.run(a.out), tf.errors.InvalidArgumentError, 'Select', "Number of batches of 'then' must match size of 'cond', but saw: 2 vs. 3");
    const b = build(() => applyOp1(Select, [pw([[true, false]], [null, null]), pw([[1, 2], [3, 4]], [null, 2]), m([[5, 6], [7, 8]])]));
    expectOpError(
      () => b.sess.run(b.out),
      tf.errors.InvalidArgumentError,
      'Select',
      'Inputs to operation Select of type Select must have the same size and shape.  Input 0: [1,2] != input 1: [2,2]',
    );
    const c = build(() => applyOp1(Select, [tf.constant([true, false]), pw([[1, 2], [3, 4]], [null, 2]), pw([[1, 2]], [null, 2])]));
    expectOpError(() => c.sess.run(c.out), tf.errors.InvalidArgumentError, 'Select', "'then' and 'else' must have the same size.  but received: [2,2] vs. [1,2]");
  });

  test('SelectV2 broadcasts all three', () => {
    const { g, out, sess } = build(() => tf.whereV2(tf.constant([true, false]), m([[1, 2], [3, 4]]), 0));
    assert.equal(out.op.type, 'SelectV2');
    assert.ok(opNames(g).includes('SelectV2/e'));
    expectArray(sess.run(out), 'float32', [2, 2], [[1, 0], [3, 0]]);
    expectArray(evalT(() => tf.whereV2(tf.constant([[true], [false]]), tf.constant([1, 2, 3]), tf.constant(9))), 'float32', [2, 3], [[1, 2, 3], [9, 9, 9]]);
    assert.throws(() => build(() => tf.whereV2(tf.constant([true, false, true]), m([[1, 2], [3, 4]]), 0)), /Dimensions must be equal, but are 3 and 2/);
    const r = build(() => applyOp1(SelectV2, [tf.placeholderWithDefault(tf.constant([true, false, true]), [null]), m([[1, 2], [3, 4]]), tf.constant(0)]));
    expectOpError(() => r.sess.run(r.out), tf.errors.InvalidArgumentError, 'SelectV2', 'condition [3], then [2,2], and else [] must be broadcastable');
  });
});

describe('ClipByValue and tf.clipByValue', () => {
  test('tf.clipByValue builds Minimum then Maximum in a clip_by_value scope', () => {
    const { g, out, sess } = build(() => tf.clipByValue(tf.constant([-2, 0.5, 3]), 0, 1));
    assert.equal(out.op.name, 'clip_by_value');
    assert.equal(out.op.type, 'Maximum');
    assert.ok(opNames(g).includes('clip_by_value/Minimum'));
    expectArray(sess.run(out), 'float32', [3], [0, 0.5, 1]);
    assert.throws(() => build(() => tf.clipByValue(tf.constant([1, 5]), tf.constant([0, 1, 2]), 3)), /Dimensions must be equal, but are 2 and 3/);
  });

  test('the ClipByValue op: scalar or same-shape bounds', () => {
    expectArray(evalT(() => applyOp1(ClipByValue, [i32([-2, 5, 3]), i32([0, 0, 4]), i32(4)])), 'int32', [3], [0, 4, 4]);
    expectArray(evalT(() => applyOp1(ClipByValue, [tf.constant([-2, 5], 'float16'), tf.constant(-1, 'float16'), tf.constant(1, 'float16')])), 'float16', [2], [-1, 1]);
    const { sess, out } = build(() => applyOp1(ClipByValue, [tf.constant([1, 5]), tf.constant([0, 1, 2]), tf.constant(3)]));
    expectOpError(
      () => sess.run(out),
      tf.errors.InvalidArgumentError,
      'ClipByValue',
      'clip_value_min and clip_value_max must be either of the same shape as input, or a scalar. input shape: [2]clip_value_min shape: [3]clip_value_max shape: []',
    );
  });
});

describe('binary math gradients (finite differences)', () => {
  const a = [0.3, 1.7, -0.8, 2.2, -1.4, 0.9];
  const b = [1.1, -0.6, 0.5];
  test('Div, FloorMod, SquaredDifference, Add with broadcasting', () => {
    checkGradient(([x, y]) => applyOp1(Div, [x, y]), [a, b], [[2, 3], [3]]);
    checkGradient(([x, y]) => tf.floormod(x as tf.Tensor, y as tf.Tensor), [a, [1.3, -0.75, 0.7]], [[2, 3], [3]]);
    checkGradient(([x, y]) => tf.squaredDifference(x as tf.Tensor, y as tf.Tensor), [a, b], [[2, 3], [3]]);
    checkGradient(([x, y]) => applyOp1(Add, [x, y]), [a, b], [[2, 3], [3]]);
  });
  test('Maximum/Minimum route to the selected input', () => {
    checkGradient(([x, y]) => tf.maximum(x as tf.Tensor, y as tf.Tensor), [a, b], [[2, 3], [3]]);
    checkGradient(([x, y]) => tf.minimum(x as tf.Tensor, y as tf.Tensor), [a, b], [[2, 3], [3]]);
  });
  test('Pow in both inputs', () => {
    checkGradient(([x, y]) => tf.pow(x as tf.Tensor, y as tf.Tensor), [[0.3, 1.7, 0.8, 2.2, 1.4, 0.9], b], [[2, 3], [3]]);
  });
  test('Select / SelectV2 / ClipByValue', () => {
    checkGradient(([x, y]) => tf.where(tf.constant([true, false]), x as tf.Tensor, y as tf.Tensor), [a, a.map((v) => v * 2)], [[2, 3], [2, 3]], 1e-6, [1, 2]);
    checkGradient(([x, y]) => tf.whereV2(tf.constant([[true, false, true]]), x as tf.Tensor, y as tf.Tensor), [a, b], [[2, 3], [3]], 1e-6, [1, 2]);
    checkGradient(([x, lo, hi]) => applyOp1(ClipByValue, [x, lo, hi]), [a, [0], [1]], [[2, 3], [], []]);
  });
  test('ties go to x; pow(0, 2) has a 0 gradient in y; FloorDiv has none', () => {
    const { out, sess } = build(() => {
      const x = tf.constant([1, 2, 3]);
      const y = tf.constant([2, 2, 1]);
      const z = tf.maximum(x, y);
      const gm = (z.op.def.grad as NonNullable<typeof z.op.def.grad>)(z.op, [tf.onesLike(z)]);
      const p = tf.pow(tf.constant([0, 2]), tf.constant([2, 3]));
      const gp = (p.op.def.grad as NonNullable<typeof p.op.def.grad>)(p.op, [tf.onesLike(p)]);
      const f = tf.floordiv(x, y);
      const gf = (f.op.def.grad as NonNullable<typeof f.op.def.grad>)(f.op, [f]);
      return { gm, gp, gf };
    });
    expectArray(sess.run(out.gm[0] as tf.Tensor), 'float32', [3], [0, 1, 1]);
    expectArray(sess.run(out.gm[1] as tf.Tensor), 'float32', [3], [1, 0, 0]);
    expectArray(sess.run(out.gp[0] as tf.Tensor), 'float32', [2], [0, 12]);
    expectArray(sess.run(out.gp[1] as tf.Tensor), 'float32', [2], [0, Math.fround(8 * Math.fround(Math.log(2)))]);
    assert.deepEqual(out.gf, [null, null]);
  });
});

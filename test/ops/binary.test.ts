// Conformance: AddV2, Sub, Mul, RealDiv (tf.add / subtract / multiply / realdiv) and tf.divide (truediv).
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
  f32,
  feed,
  opNames,
  shapeStr,
} from './helpers.js';

const i32 = (v: tf.ArrayLikeValue) => tf.constant(v, { dtype: 'int32' });
const u8 = (v: tf.ArrayLikeValue) => tf.constant(v, { dtype: 'uint8' });
type Bin = (x: tf.TensorInput, y: tf.TensorInput, name?: string | { name?: string }) => tf.Tensor;
const OPS: [string, Bin, string][] = [
  // [op type, builder, default op name]: TensorFlow names tf.add's AddV2 op 'Add'.
  ['AddV2', tf.add, 'Add'],
  ['Sub', tf.subtract, 'Sub'],
  ['Mul', tf.multiply, 'Mul'],
  ['RealDiv', tf.realdiv, 'RealDiv'],
];

describe('binary ops: float values and broadcasting', () => {
  test('same shapes, float32 rounding of results', () => {
    expectArray(evalT(() => tf.add(tf.constant([1, 2]), tf.constant([3, 4.5]))), 'float32', [2], [4, 6.5]);
    expectArray(evalT(() => tf.subtract(tf.constant([1, 2]), tf.constant([3, 4.5]))), 'float32', [2], [-2, -2.5]);
    expectArray(evalT(() => tf.multiply(tf.constant([1.5, -2]), tf.constant([2, 3]))), 'float32', [2], [3, -6]);
    expectArray(evalT(() => tf.realdiv(tf.constant([1, 3]), tf.constant([4, 2]))), 'float32', [2], [0.25, 1.5]);
    assert.equal(evalT(() => tf.add(0.1, 0.2)).item(), f32(f32(0.1) + f32(0.2)));
    assert.equal(evalT(() => tf.realdiv(1, 3)).item(), f32(1 / 3));
    assert.equal(evalT(() => tf.multiply(3e38, 10)).item(), Number.POSITIVE_INFINITY);
  });

  test('float64 keeps double precision', () => {
    const d = (v: number) => tf.constant(v, 'float64');
    expectArray(evalT(() => tf.add(d(0.1), d(0.2))), 'float64', [], 0.1 + 0.2);
    expectArray(evalT(() => tf.realdiv(d(1), d(3))), 'float64', [], 1 / 3);
  });

  test('division by zero in floats: inf, -inf, nan', () => {
    const r = evalT(() => tf.realdiv(tf.constant([1, -1, 0]), tf.constant([0, 0, 0])));
    expectClose(r.toArray(), [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN]);
  });

  test('broadcasting: scalar with matrix, [3,1] with [1,4], rank mismatch, empty', () => {
    expectArray(evalT(() => tf.add(tf.constant([[1, 2], [3, 4]]), 10)), 'float32', [2, 2], [[11, 12], [13, 14]]);
    expectArray(evalT(() => tf.subtract(10, tf.constant([[1, 2], [3, 4]]))), 'float32', [2, 2], [[9, 8], [7, 6]]);
    const col = () => tf.constant([[1], [2], [3]]);
    const row = () => tf.constant([[10, 20, 30, 40]]);
    expectArray(evalT(() => tf.multiply(col(), row())), 'float32', [3, 4], [[10, 20, 30, 40], [20, 40, 60, 80], [30, 60, 90, 120]]);
    expectArray(evalT(() => tf.add(tf.constant([[1, 2, 3], [4, 5, 6]]), tf.constant([10, 20, 30]))), 'float32', [2, 3], [[11, 22, 33], [14, 25, 36]]);
    expectArray(evalT(() => tf.realdiv(tf.constant([[[8]]]), tf.constant([2, 4]))), 'float32', [1, 1, 2], [[[4, 2]]]);
    expectArray(evalT(() => tf.add(tf.constant([]), 1)), 'float32', [0], []);
    expectArray(evalT(() => tf.multiply(tf.constant([[], []]), tf.constant([[1], [2]]))), 'float32', [2, 0], [[], []]);
  });
});

describe('binary ops: integer dtypes', () => {
  test('int32 wraps around like C++ int32', () => {
    expectArray(evalT(() => tf.add(i32(2147483647), i32(1))), 'int32', [], -2147483648);
    expectArray(evalT(() => tf.subtract(i32(-2147483648), i32(1))), 'int32', [], 2147483647);
    expectArray(evalT(() => tf.multiply(i32([65536, 46341]), i32([65536, 46341]))), 'int32', [2], [0, -2147479015]);
  });

  test('a JS number next to an int32 tensor becomes int32', () => {
    expectArray(evalT(() => tf.add(i32([1, 2]), 1)), 'int32', [2], [2, 3]);
    expectArray(evalT(() => tf.subtract(5, i32([1, 2]))), 'int32', [2], [4, 3]);
  });

  test('int64 as bigint, wrapping at 2^63', () => {
    expectArray(evalT(() => tf.add(tf.constant([2n ** 62n]), tf.constant([3n]))), 'int64', [1], [2n ** 62n + 3n]);
    expectArray(evalT(() => tf.add(tf.constant(2n ** 63n - 1n), tf.constant(1n))), 'int64', [], -(2n ** 63n));
    expectArray(evalT(() => tf.multiply(tf.constant(2n ** 32n), tf.constant(2n ** 32n))), 'int64', [], 0n);
    expectArray(evalT(() => tf.subtract(tf.constant([5n]), 7)), 'int64', [1], [-2n]);
  });

  test('uint8 wraps modulo 256', () => {
    expectArray(evalT(() => tf.add(u8([200, 1]), u8([100, 2]))), 'uint8', [2], [44, 3]);
    expectArray(evalT(() => tf.subtract(u8(1), u8(2))), 'uint8', [], 255);
    expectArray(evalT(() => tf.multiply(u8(16), u8(16))), 'uint8', [], 0);
  });

  test('integer RealDiv builds but has no CPU kernel, as in TensorFlow: the run names the kernels there are', () => {
    // TensorFlow 2.21 (tf.compat.v1 session): InvalidArgumentError, "No OpKernel was registered ...".
    const { sess, out } = build(() => tf.realdiv(tf.placeholder('int32', [3], 'p'), i32([2, 2, -4])));
    expectOpError(
      () => sess.run(out, { p: new Int32Array([7, -7, 6]) }),
      tf.errors.InvalidArgumentError,
      'RealDiv',
      "No OpKernel was registered to support Op 'RealDiv' used by {{node RealDiv}} with these attrs: [T=DT_INT32]\nRegistered devices: [CPU]\nRegistered kernels:\n  device='CPU'; T in [DT_HALF]\n  device='CPU'; T in [DT_FLOAT]\n  device='CPU'; T in [DT_DOUBLE]\n",
    );
    // tf.divide casts integers to a float first and divides there.
    expectArray(evalT(() => tf.divide(i32([7, -7]), i32([2, 2]))), 'float64', [2], [3.5, -3.5]);
  });
});

describe('tf.divide (TensorFlow truediv)', () => {
  test('int32 inputs are cast to float64; ops are named truediv/Cast, truediv/Cast_1, truediv', () => {
    const { sess, out, g } = build(() => tf.divide(i32([7, -7]), i32([2, 0])));
    assert.equal(out.dtype, 'float64');
    assert.equal(out.op.type, 'RealDiv');
    assert.equal(out.op.name, 'truediv');
    assert.deepEqual(opNames(g), ['Const', 'Const_1', 'truediv/Cast', 'truediv/Cast_1', 'truediv']);
    expectArray(sess.run(out), 'float64', [2], [3.5, Number.NEGATIVE_INFINITY]);
  });

  test('uint8 → float32, int64 → float64, floats unchanged (no Cast ops)', () => {
    expectArray(evalT(() => tf.divide(u8(1), u8(4))), 'float32', [], 0.25);
    expectArray(evalT(() => tf.divide(tf.constant(1n), tf.constant(3n))), 'float64', [], 1 / 3);
    const { out, g } = build(() => tf.divide(tf.constant(1), 4, 'ratio'));
    assert.equal(out.dtype, 'float32');
    assert.equal(out.op.name, 'ratio');
    assert.ok(!g.getOperations().some((o) => o.type === 'Cast'));
  });

  test('a JS number divisor follows the dividend dtype', () => {
    expectArray(evalT(() => tf.divide(i32(9), 2)), 'float64', [], 4.5);
  });

  test('mismatched dtypes are a TypeError (TensorFlow: x and y must have the same dtype)', () => {
    assert.throws(() => build(() => tf.divide(i32(1), tf.constant(1.5))), TypeError);
  });
});

describe('binary ops: build-time static shapes and errors', () => {
  test('static shapes with unknown dims and unknown rank', () => {
    const { out } = build(() => {
      const a = tf.placeholder('float32', [null, 3]);
      const b = tf.placeholder('float32', [null, 1]);
      const c = tf.placeholder('float32', [2, 1]);
      const u = tf.placeholder('float32');
      return [
        tf.add(a, tf.constant([1, 2, 3])),
        tf.multiply(b, tf.constant([[1, 2, 3, 4]])),
        tf.subtract(c, tf.placeholder('float32', [null])),
        tf.add(a, tf.placeholder('float32', [2, null])),
        tf.add(u, tf.constant([1, 2])),
        tf.add(a, 1),
      ];
    });
    assert.deepEqual(out.map(shapeStr), ['(?, 3)', '(?, 4)', '(2, ?)', '(2, 3)', '<unknown>', '(?, 3)']);
  });

  test('broadcasting mismatch: ValueError naming the node and the input shapes; no op is left', () => {
    for (const [type, fn] of OPS) {
      const g = new tf.Graph();
      expectValueError(
        () => g.asDefault(() => fn(tf.constant([[1, 2, 3], [4, 5, 6]]), tf.constant([[1, 2, 3, 4], [5, 6, 7, 8]]), 'op')),
        `Dimensions must be equal, but are 3 and 4 for '{{node op}} = ${type}[T=DT_FLOAT](Const, Const_1)' with input shapes: [2,3], [2,4].`,
      );
      assert.deepEqual(opNames(g), ['Const', 'Const_1']);
    }
  });

  test('broadcasting mismatch reports the first mismatching dim from the left, as TensorFlow does', () => {
    expectValueError(
      () => build(() => tf.add(tf.constant([[1, 2, 3], [4, 5, 6]]), tf.fill([3, 4], 0, 'zeros'), 'add')),
      "Dimensions must be equal, but are 2 and 3 for '{{node add}} = AddV2[T=DT_FLOAT](Const, zeros)' with input shapes: [2,3], [3,4].",
    );
  });

  test('partially known shapes still fail when known dims conflict', () => {
    expectValueError(
      () => build(() => tf.multiply(tf.placeholder('float32', [null, 3]), tf.placeholder('float32', [2, 4]), 'm')),
      "Dimensions must be equal, but are 3 and 4 for '{{node m}} = Mul[T=DT_FLOAT](Placeholder, Placeholder_1)' with input shapes: [?,3], [2,4].",
    );
  });

  test('item 29/30: an int32 tensor with a JS float is a TypeError and leaves the graph unchanged', () => {
    const g = new tf.Graph();
    const c = g.asDefault(() => i32(1));
    expectTypeError(() => g.asDefault(() => tf.add(c, 1.5)), "Expected int32, but got 1.5 of type 'number'.");
    assert.deepEqual(opNames(g), ['Const']);
  });

  test('tensors of different dtypes: TypeError naming both arguments', () => {
    const g = new tf.Graph();
    expectTypeError(
      () => g.asDefault(() => tf.add(tf.constant(1), i32(2))),
      "Input 'y' of 'AddV2' Op has type int32 that does not match type float32 of argument 'x'.",
    );
    assert.deepEqual(opNames(g), ['Const', 'Const_1']);
    expectTypeError(
      () => build(() => tf.multiply(tf.constant(1n), tf.constant(1, 'float64'))),
      "Input 'y' of 'Mul' Op has type float64 that does not match type int64 of argument 'x'.",
    );
  });

  test('disallowed dtypes: bool and string', () => {
    for (const [type, fn] of OPS) {
      expectTypeError(
        () => build(() => fn(tf.constant([true]), tf.constant([false]))),
        "Value passed to parameter 'x' has DataType bool not in list of allowed values: float16, float32, float64, uint8, uint16, uint32, uint64, int8, int16, int32, int64",
      );
      assert.throws(() => build(() => fn(tf.constant(['a']), tf.constant(['b']))), TypeError, type);
    }
  });
});

describe('binary ops: run time', () => {
  test('feeds with unknown dims broadcast at run time', () => {
    const { sess, out } = build(() => {
      const a = tf.placeholder('float32', [null]);
      const b = tf.placeholder('float32', [null, 1]);
      return { a, b, y: tf.add(a, b) };
    });
    expectArray(sess.run(out.y, feed([out.a, [1, 2]], [out.b, [[10], [20]]])), 'float32', [2, 2], [[11, 12], [21, 22]]);
  });

  test('incompatible shapes only known at run time (item 33)', () => {
    for (const [, fn, name] of OPS) {
      const { sess, out } = build(() => {
        const a = tf.placeholder('float32', [null]);
        const b = tf.placeholder('float32', [null]);
        return { a, b, y: fn(a, b) };
      });
      expectOpError(
        () => sess.run(out.y, feed([out.a, [1, 2]], [out.b, [1, 2, 3]])),
        tf.errors.InvalidArgumentError,
        name,
        'Incompatible shapes: [2] vs. [3]',
      );
    }
  });
});

describe('binary ops: naming and argument conventions', () => {
  test('default names are the op types (tf.add: Add, as TensorFlow names it); positional and options names agree', () => {
    const { out } = build(() => {
      const a = tf.constant(1);
      return [...OPS.map(([, fn]) => fn(a, a)), tf.add(a, a, 'p'), tf.add(a, a, { name: 'q' })];
    });
    assert.deepEqual(out.map((t) => t.op.name), ['Add', 'Sub', 'Mul', 'RealDiv', 'p', 'q']);
    assert.deepEqual(out.map((t) => t.op.type), ['AddV2', 'Sub', 'Mul', 'RealDiv', 'AddV2', 'AddV2']);
  });

  test('unknown option names and extra positional arguments are TypeErrors', () => {
    expectTypeError(() => build(() => tf.add(1, 2, { nme: 'x' } as unknown as string)), /unexpected keyword argument 'nme'/);
    expectTypeError(() => build(() => (tf.add as (...a: unknown[]) => tf.Tensor)(1, 2, 'n', 4)), /takes 3 positional arguments but 4 were given/);
  });
});

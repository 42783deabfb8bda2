/**
 * toNDArray on typed arrays and NDArrays (they keep their dtype, as numpy arrays do in
 * make_tensor_proto; spec B.27), lossless recasting to an explicit dtype, byte strings, filled()
 * and pyRepr.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { filled, pyRepr, toNDArray } from '../../src/core/convert.js';
import { NDArray } from '../../src/core/ndarray.js';

const recastMessage = (from: string, to: string, i: number, v: string) =>
  `Cannot convert an array of dtype ${from} to ${to} without changing its values: element ${i} is ${v}. ` +
  'Cast it explicitly (tf.cast) if a lossy conversion is intended.';

describe('typed arrays keep their dtype', () => {
  const cases: [ArrayLike<number | bigint> & { slice(): unknown }, string][] = [
    [Float32Array.of(1.5, 2), 'float32'],
    [Float64Array.of(0.1, 2), 'float64'],
    [Int32Array.of(-1, 2), 'int32'],
    [BigInt64Array.of(-1n, 2n ** 62n), 'int64'],
    [Uint8Array.of(0, 255), 'uint8'],
  ];
  for (const [src, dtype] of cases) {
    test(`${src.constructor.name} -> ${dtype} vector`, () => {
      const a = toNDArray(src);
      assert.equal(a.dtype, dtype);
      assert.deepEqual(a.shape, [src.length]);
      assert.deepEqual([...(a.data as ArrayLike<unknown> & Iterable<unknown>)], [...(src as unknown as Iterable<unknown>)]);
    });
  }

  test('Float64Array stays float64 (not downcast)', () => {
    assert.equal(toNDArray(Float64Array.of(0.1)).get(0), 0.1);
  });

  test('the data is copied, not aliased', () => {
    const src = Int32Array.of(1, 2);
    const a = toNDArray(src);
    assert.notEqual(a.data, src);
    src[0] = 99;
    assert.equal(a.get(0), 1);
  });

  test('empty typed array', () => {
    const a = toNDArray(new Float64Array(0));
    assert.equal(a.dtype, 'float64');
    assert.deepEqual(a.shape, [0]);
  });
});

describe('NDArray input', () => {
  test('without a dtype the same object is returned', () => {
    const a = new NDArray('int32', [2], Int32Array.of(1, 2));
    assert.equal(toNDArray(a), a);
  });

  test('with its own dtype the same object is returned', () => {
    const a = new NDArray('int32', [2], Int32Array.of(1, 2));
    assert.equal(toNDArray(a, 'int32'), a);
  });

  test('lossless recasts keep values and shape', () => {
    const a = new NDArray('int32', [2, 1], Int32Array.of(-3, 16777216));
    const f = toNDArray(a, 'float32');
    assert.equal(f.dtype, 'float32');
    assert.deepEqual(f.shape, [2, 1]);
    assert.deepEqual(f.toArray(), [[-3], [16777216]]);
    assert.deepEqual(toNDArray(a, 'int64').toArray(), [[-3n], [16777216n]]);
    assert.deepEqual(toNDArray(a, 'float64').toArray(), [[-3], [16777216]]);
  });

  test('float -> int when every value is integral', () => {
    const a = toNDArray(Float32Array.of(1, -2, 3), 'int32');
    assert.equal(a.dtype, 'int32');
    assert.deepEqual(a.toArray(), [1, -2, 3]);
  });

  test('float64 -> float32 when exactly representable; nan and inf survive', () => {
    const a = toNDArray(Float64Array.of(0.5, Number.NaN, Number.NEGATIVE_INFINITY), 'float32');
    assert.equal(a.dtype, 'float32');
    assert.equal(a.get(0), 0.5);
    assert.ok(Number.isNaN(a.get(1) as number));
    assert.equal(a.get(2), Number.NEGATIVE_INFINITY);
  });

  test('float -> int with a fraction: TypeError naming the element', () => {
    assert.throws(() => toNDArray(Float32Array.of(1, 1.5), 'int32'), {
      name: 'TypeError',
      message: recastMessage('float32', 'int32', 1, '1.5'),
    });
  });

  test('float -> int with NaN is refused', () => {
    assert.throws(() => toNDArray(Float64Array.of(Number.NaN), 'int32'), {
      name: 'TypeError',
      message: recastMessage('float64', 'int32', 0, 'NaN'),
    });
  });

  test('float64 -> float32 that would round is refused', () => {
    assert.throws(() => toNDArray(Float64Array.of(1, 0.1), 'float32'), {
      name: 'TypeError',
      message: recastMessage('float64', 'float32', 1, '0.1'),
    });
    assert.throws(() => toNDArray(Float64Array.of(1e300), 'float32'), TypeError);
  });

  test('int32 -> float32 beyond 2^24 is refused', () => {
    assert.throws(() => toNDArray(Int32Array.of(16777217), 'float32'), {
      name: 'TypeError',
      message: recastMessage('int32', 'float32', 0, '16777217'),
    });
  });

  test('int32 -> uint8 out of range is refused', () => {
    assert.throws(() => toNDArray(Int32Array.of(5, 300), 'uint8'), {
      name: 'TypeError',
      message: recastMessage('int32', 'uint8', 1, '300'),
    });
    assert.throws(() => toNDArray(Int32Array.of(-1), 'uint8'), TypeError);
  });

  test('int64 -> int32 within range is fine, beyond is refused', () => {
    assert.deepEqual(toNDArray(BigInt64Array.of(5n, -7n), 'int32').toArray(), [5, -7]);
    assert.throws(() => toNDArray(BigInt64Array.of(2n ** 31n), 'int32'), {
      name: 'TypeError',
      message: recastMessage('int64', 'int32', 0, '2147483648'),
    });
  });

  test('int64 -> float64 beyond 2^53 is refused (it would round)', () => {
    assert.throws(() => toNDArray(BigInt64Array.of(2n ** 53n + 1n), 'float64'), {
      name: 'TypeError',
      message: recastMessage('int64', 'float64', 0, '9007199254740993'),
    });
  });

  test('int64 -> float32 beyond 2^24 is refused (it would round)', () => {
    assert.throws(() => toNDArray(BigInt64Array.of(16777217n), 'float32'), {
      name: 'TypeError',
      message: recastMessage('int64', 'float32', 0, '16777217'),
    });
    assert.equal(toNDArray(BigInt64Array.of(16777216n), 'float32').get(0), 16777216);
  });

  test('string <-> number recasts are refused', () => {
    assert.throws(() => toNDArray(toNDArray(['1']), 'int32'), TypeError);
    assert.throws(() => toNDArray(Int32Array.of(1), 'string'), TypeError);
  });

  test('recasting does not touch the source', () => {
    const a = new NDArray('int32', [1], Int32Array.of(4));
    const b = toNDArray(a, 'float32');
    (b.data as Float32Array)[0] = 9;
    assert.equal(a.get(0), 4);
  });
});

describe('byte strings (Uint8Array elements inside lists)', () => {
  test('a list of Uint8Array is a string tensor holding those bytes', () => {
    const a = toNDArray([Uint8Array.of(97, 0, 98), Uint8Array.of(0xff)]);
    assert.equal(a.dtype, 'string');
    assert.deepEqual(a.shape, [2]);
    assert.deepEqual([...(a.data[0] as Uint8Array)], [97, 0, 98]);
    assert.deepEqual([...(a.data[1] as Uint8Array)], [0xff]);
  });

  test("with dtype 'string' the bytes are copied", () => {
    const src = Uint8Array.of(104, 105);
    const a = toNDArray([src], 'string');
    src[0] = 0;
    assert.equal(a.get(0), 'hi');
  });

  test('a top-level Uint8Array is a uint8 vector, not a string', () => {
    const a = toNDArray(Uint8Array.of(104, 105));
    assert.equal(a.dtype, 'uint8');
    assert.deepEqual(a.shape, [2]);
  });
});

describe('filled', () => {
  test('fills every element', () => {
    const a = filled('int32', [2, 2], 7);
    assert.equal(a.dtype, 'int32');
    assert.deepEqual(a.toArray(), [
      [7, 7],
      [7, 7],
    ]);
  });

  test('scalar and empty shapes', () => {
    assert.equal(filled('float32', [], 2.5).item(), 2.5);
    assert.equal(filled('float32', [0, 3], 1).size, 0);
  });

  test('int64, bool and string', () => {
    assert.deepEqual(filled('int64', [2], 5n).toArray(), [5n, 5n]);
    assert.deepEqual(filled('bool', [2], true).toArray(), [true, true]);
    assert.deepEqual(filled('string', [2], 'ab').toArray(), ['ab', 'ab']);
  });

  test('refuses a value the dtype cannot hold', () => {
    assert.throws(() => filled('int32', [2], 1.5), { name: 'TypeError', message: "Expected int32, but got 1.5 of type 'number'." });
  });
});

describe('pyRepr (Python repr for messages)', () => {
  test('lists, strings, booleans, None', () => {
    assert.equal(pyRepr([[1, 2], [3]]), '[[1, 2], [3]]');
    assert.equal(pyRepr('a'), "'a'");
    assert.equal(pyRepr(true), 'True');
    assert.equal(pyRepr(false), 'False');
    assert.equal(pyRepr(null), 'None');
    assert.equal(pyRepr(undefined), 'None');
    assert.equal(pyRepr([]), '[]');
    assert.equal(pyRepr([1.5, -2]), '[1.5, -2]');
    assert.equal(pyRepr(5n), '5');
  });
});

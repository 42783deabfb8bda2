/**
 * toNDArray on plain JS values: dtype inference (spec B.26–27 adapted by DESIGN.md §4: JS numbers
 * become float32 as in TensorFlow.js, bigint becomes int64), ragged input (B.28) and explicit
 * dtypes that refuse lossy values (B.29, graph-mode message with JS type names).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toNDArray } from '../../src/core/convert.js';
import { ValueError } from '../../src/core/errors.js';

const isValueError = (message: string) => (e: unknown) => e instanceof ValueError && e.message === message;
const typeError = (message: string) => ({ name: 'TypeError', message });

describe('dtype inference without a dtype', () => {
  test('a JS number is a float32 scalar', () => {
    const a = toNDArray(13);
    assert.equal(a.dtype, 'float32');
    assert.deepEqual(a.shape, []);
    assert.ok(a.data instanceof Float32Array);
    assert.equal(a.item(), 13);
  });

  test('floats are rounded to float32', () => {
    assert.equal(toNDArray(0.1).item(), Math.fround(0.1));
    assert.equal(toNDArray([1.5, 0.1]).dtype, 'float32');
  });

  test('integer lists are float32 too (integers need an explicit dtype)', () => {
    const a = toNDArray([1, 2, 3]);
    assert.equal(a.dtype, 'float32');
    assert.deepEqual(a.toArray(), [1, 2, 3]);
  });

  test('nested lists give the nested shape', () => {
    const a = toNDArray([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.deepEqual(a.shape, [2, 3]);
    assert.deepEqual([...a.data], [1, 2, 3, 4, 5, 6]);
  });

  test('rank-1 of length 1 is not a scalar', () => {
    assert.deepEqual(toNDArray([5]).shape, [1]);
    assert.deepEqual(toNDArray([[5]]).shape, [1, 1]);
  });

  test('NaN and infinities are float32 values', () => {
    const a = toNDArray([Number.NaN, Number.POSITIVE_INFINITY, -0]);
    assert.equal(a.dtype, 'float32');
    assert.ok(Number.isNaN(a.get(0) as number));
    assert.equal(a.get(1), Number.POSITIVE_INFINITY);
    assert.ok(Object.is(a.get(2), -0));
  });

  test('booleans are bool', () => {
    const a = toNDArray([true, false]);
    assert.equal(a.dtype, 'bool');
    assert.deepEqual([...a.data], [1, 0]);
    assert.equal(toNDArray(false).dtype, 'bool');
  });

  test('strings are string, stored as UTF-8 bytes', () => {
    const a = toNDArray(['hé', 'a\0b', '']);
    assert.equal(a.dtype, 'string');
    assert.deepEqual(
      (a.data as Uint8Array[]).map((b) => [...b]),
      [[104, 195, 169], [97, 0, 98], []],
    );
    assert.deepEqual(a.toArray(), ['hé', 'a\0b', '']);
    assert.equal(toNDArray('日本').item(), '日本');
  });

  test('bigints are int64, full range', () => {
    const a = toNDArray([9223372036854775807n, -9223372036854775808n]);
    assert.equal(a.dtype, 'int64');
    assert.deepEqual(a.toArray(), [9223372036854775807n, -9223372036854775808n]);
    assert.equal(toNDArray(5n).dtype, 'int64');
  });

  test('numbers mixed with bigints are int64', () => {
    const a = toNDArray([1, 2n]);
    assert.equal(a.dtype, 'int64');
    assert.deepEqual(a.toArray(), [1n, 2n]);
  });

  test('a fractional number mixed with bigints is refused', () => {
    assert.throws(() => toNDArray([1.5, 2n]), typeError("Expected int64, but got 1.5 of type 'number'."));
  });

  test('empty list: float32 of shape [0]', () => {
    const a = toNDArray([]);
    assert.equal(a.dtype, 'float32');
    assert.deepEqual(a.shape, [0]);
  });

  test('nested empties keep their shape', () => {
    assert.deepEqual(toNDArray([[]]).shape, [1, 0]);
    assert.deepEqual(toNDArray([[], []]).shape, [2, 0]);
    assert.deepEqual(toNDArray([[[]], [[]]]).shape, [2, 1, 0]);
  });

  test('mixed kinds are refused', () => {
    assert.throws(() => toNDArray([true, 1]), typeError('Cannot convert a list of mixed types to a tensor: True and 1'));
    assert.throws(() => toNDArray(['a', 1]), typeError("Cannot convert a list of mixed types to a tensor: 'a' and 1"));
  });
});

describe('unsupported values', () => {
  test('null / undefined: ValueError "None values not supported."', () => {
    assert.throws(() => toNDArray(null), isValueError('None values not supported. Cannot convert null to a tensor.'));
    assert.throws(() => toNDArray(undefined), (e: unknown) => e instanceof ValueError && /^None values not supported\./.test(e.message));
  });

  test('objects and functions: TypeError', () => {
    assert.throws(() => toNDArray({}), TypeError);
    assert.throws(() => toNDArray(() => 1), TypeError);
    assert.throws(() => toNDArray(new Map()), TypeError);
  });

  test('bad elements inside a list: TypeError naming the element', () => {
    assert.throws(() => toNDArray([1, null]), typeError("Cannot convert None of type 'null' to a tensor element."));
    assert.throws(() => toNDArray([{}]), { name: 'TypeError', message: /^Cannot convert .* of type 'Object' to a tensor element\.$/ });
  });
});

describe('ragged nested lists: ValueError with TensorFlow text', () => {
  test('[[1, 2], [3]]', () => {
    assert.throws(
      () => toNDArray([[1, 2], [3]]),
      isValueError('Argument must be a dense tensor: [[1, 2], [3]] - got shape [2], but wanted [2, 2].'),
    );
  });

  test('longer second row', () => {
    assert.throws(
      () => toNDArray([[1, 2], [3, 4, 5]]),
      isValueError('Argument must be a dense tensor: [[1, 2], [3, 4, 5]] - got shape [2], but wanted [2, 2].'),
    );
  });

  test('scalar where a list is expected', () => {
    assert.throws(
      () => toNDArray([[1, 2], 3]),
      isValueError('Argument must be a dense tensor: [[1, 2], 3] - got shape [2], but wanted [2, 2].'),
    );
  });

  test('empty vs non-empty rows', () => {
    assert.throws(
      () => toNDArray([[], [1]]),
      isValueError('Argument must be a dense tensor: [[], [1]] - got shape [2], but wanted [2, 0].'),
    );
  });

  test('ragged with an explicit dtype is still the ragged error', () => {
    assert.throws(
      () => toNDArray([[1, 2], [3]], 'int32'),
      isValueError('Argument must be a dense tensor: [[1, 2], [3]] - got shape [2], but wanted [2, 2].'),
    );
  });

  test('booleans and strings are printed as Python would', () => {
    assert.throws(
      () => toNDArray([[true], [false, true]]),
      isValueError('Argument must be a dense tensor: [[True], [False, True]] - got shape [2], but wanted [2, 1].'),
    );
    assert.throws(
      () => toNDArray([['a'], []]),
      isValueError("Argument must be a dense tensor: [['a'], []] - got shape [2], but wanted [2, 1]."),
    );
  });

  test('"got shape" is the dense prefix numpy finds (raggedness at depth 3)', () => {
    // np.array([[[1, 2], [3]], [[4, 5], [6]]], dtype=object).shape == (2, 2)
    assert.throws(
      () =>
        toNDArray([
          [[1, 2], [3]],
          [[4, 5], [6]],
        ]),
      isValueError(
        'Argument must be a dense tensor: [[[1, 2], [3]], [[4, 5], [6]]] - got shape [2, 2], but wanted [2, 2, 2].',
      ),
    );
  });
});

describe('explicit dtype refuses values it cannot hold exactly', () => {
  test("Expected int32, but got 1.5 of type 'number'.", () => {
    assert.throws(() => toNDArray(1.5, 'int32'), typeError("Expected int32, but got 1.5 of type 'number'."));
  });

  test('the first offending element is named', () => {
    assert.throws(() => toNDArray([1, 2.5, 3.5], 'int32'), typeError("Expected int32, but got 2.5 of type 'number'."));
    assert.throws(() => toNDArray([[1], [Number.NaN]], 'int32'), typeError("Expected int32, but got NaN of type 'number'."));
  });

  test('int32 range', () => {
    assert.deepEqual(toNDArray([-2147483648, 2147483647], 'int32').toArray(), [-2147483648, 2147483647]);
    assert.throws(() => toNDArray(2147483648, 'int32'), typeError("Expected int32, but got 2147483648 of type 'number'."));
    assert.throws(() => toNDArray(2n ** 40n, 'int32'), typeError("Expected int32, but got 1099511627776 of type 'bigint'."));
  });

  test('int32 from integers and small bigints', () => {
    const a = toNDArray([1, 2n, -3], 'int32');
    assert.equal(a.dtype, 'int32');
    assert.ok(a.data instanceof Int32Array);
    assert.deepEqual(a.toArray(), [1, 2, -3]);
  });

  test('uint8 range 0..255', () => {
    assert.deepEqual(toNDArray([0, 255], 'uint8').toArray(), [0, 255]);
    assert.throws(() => toNDArray(256, 'uint8'), typeError("Expected uint8, but got 256 of type 'number'."));
    assert.throws(() => toNDArray(-1, 'uint8'), typeError("Expected uint8, but got -1 of type 'number'."));
  });

  test('int64 from safe integers and bigints', () => {
    const a = toNDArray([1, -2, 9007199254740991], 'int64');
    assert.ok(a.data instanceof BigInt64Array);
    assert.deepEqual(a.toArray(), [1n, -2n, 9007199254740991n]);
  });

  test('int64 refuses unsafe numbers and bigints beyond 64 bits', () => {
    assert.throws(
      () => toNDArray(9007199254740992, 'int64'),
      typeError("Expected int64, but got 9007199254740992 of type 'number'."),
    );
    assert.throws(() => toNDArray(2n ** 63n), typeError("Expected int64, but got 9223372036854775808 of type 'bigint'."));
    assert.throws(() => toNDArray(-(2n ** 63n) - 1n, 'int64'), TypeError);
  });

  test('float64 keeps full precision', () => {
    const a = toNDArray(0.1, 'float64');
    assert.ok(a.data instanceof Float64Array);
    assert.equal(a.item(), 0.1);
  });

  test('float dtypes accept safe bigints', () => {
    assert.equal(toNDArray(3n, 'float32').item(), 3);
  });

  test('bool accepts only booleans', () => {
    assert.throws(() => toNDArray(1, 'bool'), typeError("Expected bool, but got 1 of type 'number'."));
    assert.throws(() => toNDArray('true', 'bool'), typeError("Expected bool, but got 'true' of type 'string'."));
  });

  test('string accepts only strings (and byte strings)', () => {
    assert.throws(() => toNDArray(1, 'string'), typeError("Expected string, but got 1 of type 'number'."));
    assert.throws(() => toNDArray(true, 'string'), typeError("Expected string, but got True of type 'boolean'."));
  });

  test('numbers refuse bool and string values', () => {
    assert.throws(() => toNDArray('1', 'float32'), typeError("Expected float32, but got '1' of type 'string'."));
    assert.throws(() => toNDArray([true], 'int32'), typeError("Expected int32, but got True of type 'boolean'."));
  });

  test('empty list with a dtype', () => {
    const a = toNDArray([], 'int32');
    assert.equal(a.dtype, 'int32');
    assert.deepEqual(a.shape, [0]);
  });
});

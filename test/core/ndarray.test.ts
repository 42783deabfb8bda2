import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValueError } from '../../src/core/errors.js';
import { NDArray } from '../../src/core/ndarray.js';

const enc = new TextEncoder();
const bytes = (...s: string[]) => s.map((x) => enc.encode(x));

describe('NDArray construction', () => {
  test('keeps dtype, shape and the given data object', () => {
    const data = Int32Array.from([1, 2, 3, 4, 5, 6]);
    const a = new NDArray('int32', [2, 3], data);
    assert.equal(a.dtype, 'int32');
    assert.deepEqual(a.shape, [2, 3]);
    assert.equal(a.data, data);
    assert.equal(a.size, 6);
    assert.equal(a.rank, 2);
  });

  test('allocates zeroed storage when no data is given', () => {
    const a = new NDArray('float32', [2, 2]);
    assert.ok(a.data instanceof Float32Array);
    assert.deepEqual([...a.data], [0, 0, 0, 0]);
    const b = new NDArray('int64', [3]);
    assert.ok(b.data instanceof BigInt64Array);
    assert.deepEqual([...b.data], [0n, 0n, 0n]);
    const s = new NDArray('string', [2]);
    assert.deepEqual(s.toArray(), ['', '']);
  });

  test('shape is copied and frozen', () => {
    const shape = [2, 2];
    const a = new NDArray('int32', shape);
    shape[0] = 5;
    assert.deepEqual(a.shape, [2, 2]);
    assert.ok(Object.isFrozen(a.shape));
  });

  test('scalar: rank 0, size 1', () => {
    const a = new NDArray('float32', [], Float32Array.of(13));
    assert.equal(a.rank, 0);
    assert.equal(a.size, 1);
  });

  test('rank-1 of length 1 is not a scalar', () => {
    const a = new NDArray('float32', [1], Float32Array.of(13));
    assert.equal(a.rank, 1);
    assert.equal(a.size, 1);
  });

  test('empty arrays', () => {
    const a = new NDArray('float32', [0]);
    assert.equal(a.size, 0);
    assert.equal(a.rank, 1);
    const b = new NDArray('int32', [3, 0, 2]);
    assert.equal(b.size, 0);
    assert.equal(b.rank, 3);
  });

  test('data length must match the shape: ValueError', () => {
    assert.throws(
      () => new NDArray('int32', [2, 3], new Int32Array(5)),
      (e: unknown) => e instanceof ValueError && e.message === 'NDArray of shape [2,3] needs 6 elements, got 5',
    );
    assert.throws(() => new NDArray('float32', [], new Float32Array(0)), ValueError);
  });
});

describe('get', () => {
  test('numbers for float and int dtypes', () => {
    const a = new NDArray('float32', [3], Float32Array.of(1.5, -2, 0.1));
    assert.equal(a.get(0), 1.5);
    assert.equal(a.get(1), -2);
    assert.equal(a.get(2), Math.fround(0.1));
    const u = new NDArray('uint8', [2], Uint8Array.of(0, 255));
    assert.equal(u.get(1), 255);
  });

  test('bigint for int64, full 64-bit range', () => {
    const a = new NDArray('int64', [2], BigInt64Array.of(9223372036854775807n, -9223372036854775808n));
    assert.equal(a.get(0), 9223372036854775807n);
    assert.equal(a.get(1), -9223372036854775808n);
  });

  test('booleans for bool', () => {
    const a = new NDArray('bool', [2], Uint8Array.of(1, 0));
    assert.equal(a.get(0), true);
    assert.equal(a.get(1), false);
  });

  test('UTF-8 decoded strings, NUL bytes preserved', () => {
    const a = new NDArray('string', [3], bytes('héllo', 'a\0b', ''));
    assert.equal(a.get(0), 'héllo');
    assert.equal(a.get(1), 'a\0b');
    assert.equal(a.get(2), '');
  });

  test('out-of-range index: RangeError', () => {
    const a = new NDArray('int32', [2], Int32Array.of(1, 2));
    assert.throws(() => a.get(2), { name: 'RangeError', message: 'index 2 is out of bounds for size 2' });
    assert.throws(() => a.get(-1), RangeError);
    assert.throws(() => new NDArray('string', [0]).get(0), RangeError);
  });
});

describe('item', () => {
  test('scalar and any size-1 array give the element', () => {
    assert.equal(new NDArray('int32', [], Int32Array.of(42)).item(), 42);
    assert.equal(new NDArray('float32', [1, 1], Float32Array.of(2.5)).item(), 2.5);
    assert.equal(new NDArray('int64', [1], BigInt64Array.of(-5n)).item(), -5n);
    assert.equal(new NDArray('bool', [], Uint8Array.of(1)).item(), true);
    assert.equal(new NDArray('string', [], bytes('x')).item(), 'x');
  });

  test('size != 1: ValueError, with the shape as a Python tuple', () => {
    assert.throws(
      () => new NDArray('int32', [2, 3]).item(),
      (e: unknown) =>
        e instanceof ValueError && e.message === 'can only convert an array of size 1 to a scalar, got shape (2, 3)',
    );
  });

  test('size != 1 on rank 1: the tuple is written (5,) as Python does', () => {
    assert.throws(
      () => new NDArray('int32', [5]).item(),
      (e: unknown) =>
        e instanceof ValueError && e.message === 'can only convert an array of size 1 to a scalar, got shape (5,)',
    );
    assert.throws(
      () => new NDArray('int32', [0]).item(),
      (e: unknown) =>
        e instanceof ValueError && e.message === 'can only convert an array of size 1 to a scalar, got shape (0,)',
    );
  });
});

describe('toArray', () => {
  test('scalar gives its value', () => {
    assert.equal(new NDArray('float32', [], Float32Array.of(13)).toArray(), 13);
    assert.equal(new NDArray('string', [], bytes('a')).toArray(), 'a');
  });

  test('nested arrays in row-major order', () => {
    const a = new NDArray('int32', [2, 3], Int32Array.of(1, 2, 3, 4, 5, 6));
    assert.deepEqual(a.toArray(), [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = new NDArray('int32', [2, 1, 2], Int32Array.of(1, 2, 3, 4));
    assert.deepEqual(b.toArray(), [[[1, 2]], [[3, 4]]]);
  });

  test('rank-1 of length 1 stays nested', () => {
    assert.deepEqual(new NDArray('int32', [1], Int32Array.of(7)).toArray(), [7]);
  });

  test('empty shapes', () => {
    assert.deepEqual(new NDArray('float32', [0]).toArray(), []);
    assert.deepEqual(new NDArray('float32', [2, 0]).toArray(), [[], []]);
    assert.deepEqual(new NDArray('float32', [0, 2]).toArray(), []);
  });

  test('int64 as bigint, bool as boolean, string decoded', () => {
    assert.deepEqual(new NDArray('int64', [2], BigInt64Array.of(1n, 2n ** 40n)).toArray(), [1n, 1099511627776n]);
    assert.deepEqual(new NDArray('bool', [3], Uint8Array.of(1, 0, 1)).toArray(), [true, false, true]);
    assert.deepEqual(new NDArray('string', [2], bytes('日本', 'x')).toArray(), ['日本', 'x']);
  });

  test('NaN and infinities survive', () => {
    const a = new NDArray('float64', [3], Float64Array.of(Number.NaN, Number.POSITIVE_INFINITY, -0));
    const v = a.toArray() as number[];
    assert.ok(Number.isNaN(v[0]));
    assert.equal(v[1], Number.POSITIVE_INFINITY);
    assert.ok(Object.is(v[2], -0));
  });
});

describe('clone', () => {
  test('numeric: equal values, independent storage', () => {
    const a = new NDArray('float32', [2], Float32Array.of(1, 2));
    const c = a.clone();
    assert.notEqual(c, a);
    assert.notEqual(c.data, a.data);
    assert.equal(c.dtype, 'float32');
    assert.deepEqual(c.shape, [2]);
    c.data[0] = 99;
    assert.equal(a.data[0], 1);
  });

  test('string: each byte string is copied', () => {
    const a = new NDArray('string', [1], bytes('ab'));
    const c = a.clone();
    (c.data[0] as Uint8Array)[0] = 122;
    assert.equal(a.get(0), 'ab');
    assert.equal(c.get(0), 'zb');
  });

  test('int64, bool and empty arrays clone', () => {
    assert.deepEqual(new NDArray('int64', [1], BigInt64Array.of(-3n)).clone().toArray(), [-3n]);
    assert.deepEqual(new NDArray('bool', [2], Uint8Array.of(0, 1)).clone().toArray(), [false, true]);
    assert.deepEqual(new NDArray('int32', [0, 3]).clone().shape, [0, 3]);
  });
});

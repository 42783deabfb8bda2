// NDArray storage, element access, JSON and numpy printing of float16, int8, int16, uint16,
// uint32 and uint64. Expected strings were produced with numpy 2.4.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toNDArray } from '../../src/core/convert.js';
import { toHalfBits } from '../../src/core/float16.js';
import { formatNDArray, summarizeFlat } from '../../src/core/format.js';
import { NDArray } from '../../src/core/ndarray.js';

const half = (shape: number[], xs: number[]) => new NDArray('float16', shape, Uint16Array.from(xs, toHalfBits));

describe('NDArray storage of the new dtypes', () => {
  test('each dtype needs its typed array; the message names it', () => {
    assert.throws(() => new NDArray('float16', [1], Float32Array.of(1) as never), {
      name: 'TypeError',
      message: 'NDArray: dtype float16 needs a Uint16Array (IEEE half bit patterns) data, got Float32Array',
    });
    assert.throws(() => new NDArray('int8', [1], Uint8Array.of(1) as never), { message: /dtype int8 needs an Int8Array data, got Uint8Array/ });
    assert.throws(() => new NDArray('int16', [1], Uint16Array.of(1) as never), { message: /dtype int16 needs an Int16Array/ });
    assert.throws(() => new NDArray('uint16', [1], Int16Array.of(1) as never), { message: /dtype uint16 needs a Uint16Array data/ });
    assert.throws(() => new NDArray('uint32', [1], Int32Array.of(1) as never), { message: /dtype uint32 needs a Uint32Array/ });
    assert.throws(() => new NDArray('uint64', [1], BigInt64Array.of(1n) as never), { message: /dtype uint64 needs a BigUint64Array/ });
  });

  test('get / item / toArray decode halves to numbers and give uint64 as bigint', () => {
    const h = half([3], [0.5, -0, Number.NaN]);
    assert.equal(h.get(0), 0.5);
    assert.ok(Object.is(h.get(1), -0));
    assert.ok(Number.isNaN(h.get(2) as number));
    assert.equal(new NDArray('float16', [], Uint16Array.of(0x2e66)).item(), 0.0999755859375);
    const u = new NDArray('uint64', [2], BigUint64Array.of(0n, 2n ** 64n - 1n));
    assert.deepEqual(u.toArray(), [0n, 18446744073709551615n]);
    assert.deepEqual(new NDArray('int8', [2], Int8Array.of(-128, 127)).toArray(), [-128, 127]);
  });

  test('toJSON: uint64 as decimal strings (as int64), halves as numbers', () => {
    assert.equal(JSON.stringify(new NDArray('uint64', [1], BigUint64Array.of(2n ** 64n - 1n))), '["18446744073709551615"]');
    assert.equal(JSON.stringify(half([2], [1.5, 65504])), '[1.5,65504]');
  });

  test('clone copies the storage', () => {
    const a = half([1], [2]);
    const b = a.clone();
    (b.data as Uint16Array)[0] = 0;
    assert.equal(a.get(0), 2);
    assert.ok(b.data instanceof Uint16Array);
  });
});

describe('toNDArray into the new dtypes', () => {
  test('numbers and bigints that fit convert; typed arrays keep their own dtype', () => {
    assert.deepEqual(toNDArray([5n, -3], 'int8').toArray(), [5, -3]);
    assert.deepEqual(toNDArray([2n ** 64n - 1n, 7], 'uint64').toArray(), [2n ** 64n - 1n, 7n]);
    assert.deepEqual(toNDArray([3n], 'float16').toArray(), [3]);
    assert.deepEqual(toNDArray(Uint32Array.of(4294967295)).toArray(), [4294967295]);
    assert.equal(toNDArray(Uint16Array.of(1)).dtype, 'uint16');
    assert.equal(toNDArray(BigUint64Array.of(1n)).dtype, 'uint64');
    assert.deepEqual(toNDArray([[Int8Array.of(1, 2)], [Int8Array.of(3, 4)]]).shape, [2, 1, 2]);
  });

  test('values that do not fit are refused with the dtype named', () => {
    assert.throws(() => toNDArray(2n ** 40n, 'uint32'), { name: 'TypeError', message: "Expected uint32, but got 1099511627776 of type 'bigint'." });
    assert.throws(() => toNDArray(2n ** 60n, 'float16'), { name: 'TypeError', message: "Expected float16, but got 1152921504606846976 of type 'bigint'." });
    assert.throws(() => toNDArray(32768, 'int16'), { name: 'TypeError', message: "Expected int16, but got 32768 of type 'number'." });
    assert.throws(() => toNDArray(-1n, 'uint64'), { name: 'TypeError', message: "Expected uint64, but got -1 of type 'bigint'." });
    assert.throws(() => toNDArray(-70000, 'float16'), { name: 'TypeError', message: '-70000 is out of range for float16 (its largest value is 65504); use float32.' });
  });

  test('float16 keeps nan, inf and signed zeros', () => {
    const a = toNDArray([Number.NaN, Number.NEGATIVE_INFINITY, -0], 'float16');
    assert.deepEqual(Array.from(a.data as Uint16Array), [0x7e00, 0xfc00, 0x8000]);
  });
});

describe('numpy printing of the new dtypes', () => {
  test('float16 arrays print as numpy prints float16 (shortest digits, scientific from 1e3)', () => {
    const cases: [number[], string][] = [
      [[0.1, 1, 65504], '[1.00e-01 1.00e+00 6.55e+04]'],
      [[0.5, -2.25], '[ 0.5  -2.25]'],
      [[1000], '[1.e+03]'],
      [[999, 1], '[999.   1.]'],
      [[2048], '[2.048e+03]'],
      [[12345.678], '[1.2344e+04]'],
      [[100.5, 1], '[100.5   1. ]'],
      [[0.3, 0.7], '[0.3 0.7]'],
      [[Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 1], '[ inf -inf  nan   1.]'],
      [[6e-8], '[6.e-08]'],
      [[-0, 0], '[-0.  0.]'],
    ];
    for (const [xs, want] of cases) assert.equal(String(half([xs.length], xs)), want, JSON.stringify(xs));
    assert.equal(String(half([2, 2], [1.5, 2, 3, 4])), '[[1.5 2. ]\n [3.  4. ]]');
  });

  test('numpy 2.3+ cutoffs for scientific notation: float32 from 1e6, float64 from 1e8', () => {
    assert.equal(String(toNDArray([1e6], 'float32')), '[1.e+06]');
    assert.equal(String(toNDArray([1e7, 1], 'float32')), '[1.e+07 1.e+00]');
    assert.equal(String(toNDArray([123456], 'float32')), '[123456.]');
    assert.equal(String(toNDArray([1e7], 'float64')), '[10000000.]');
  });

  test('a float16 scalar prints its shortest digits, as JS prints numbers', () => {
    assert.equal(String(half([], [0.1])), '0.1');
    assert.equal(String(half([], [65504])), '65500');
    assert.equal(String(half([], [Number.NaN])), 'nan');
  });

  test('integer dtypes print as numpy ints, uint64 beyond 2^53 exactly', () => {
    assert.equal(String(toNDArray([-128, 5, 127], 'int8')), '[-128    5  127]');
    assert.equal(String(toNDArray([1, 300], 'uint16')), '[  1 300]');
    assert.equal(String(toNDArray([4294967295, 0], 'uint32')), '[4294967295          0]');
    assert.equal(String(toNDArray([2n ** 64n - 1n, 1n], 'uint64')), '[18446744073709551615                    1]');
  });

  test("TensorFlow's C++ element printing (Print, Assert, tf.print) widens a half to float", () => {
    assert.equal(summarizeFlat(half([3], [0.1, 1.5, 65504]), -1), '0.0999755859 1.5 65504');
    assert.equal(formatNDArray(half([2], [0.5, 2]), { plain: true }), '[0.5 2]');
    assert.equal(summarizeFlat(toNDArray([2n ** 64n - 1n], 'uint64'), -1), '18446744073709551615');
  });
});

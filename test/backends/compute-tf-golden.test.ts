/**
 * Values recorded from TensorFlow 2.21 (CPU, eager) for the edge semantics of the compute layer:
 * NaN and signed zeros, empty reductions, integer wrapping and truncation, float16 rounding.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { argMax, argMin, binary, matmul, reduce, unary } from '../../src/backends/cpu/compute/index.js';
import { arrayOf } from './compute-ref.js';

const nan = Number.NaN;
const inf = Number.POSITIVE_INFINITY;
const bits = (a: Float32Array) => [...new Int32Array(a.buffer, a.byteOffset, a.length)];

describe('compute layer vs values recorded from TensorFlow 2.21', () => {
  test('reductions', () => {
    const r = (op: Parameters<typeof reduce>[0], d: Parameters<typeof reduce>[1], x: ArrayLike<number> | BigUint64Array, shape: number[], axes: number[], out: Float32Array | Int32Array | Uint8Array | Int8Array | BigUint64Array) => {
      reduce(op, d)(x as never, shape, axes, out);
      return [...out];
    };
    assert.deepEqual(r('Max', 'float32', Float32Array.of(1, nan, 3), [3], [0], new Float32Array(1)), [nan]);
    assert.deepEqual(r('Max', 'float32', Float32Array.from([...Array(5).fill(1), nan, ...Array(14).fill(2)]), [20], [0], new Float32Array(1)), [nan]);
    assert.deepEqual(r('Min', 'float32', Float32Array.of(1, nan, 3), [3], [0], new Float32Array(1)), [nan]);
    assert.deepEqual(r('Max', 'float32', Float32Array.of(1, nan, nan, 2, 3, 4), [3, 2], [0], new Float32Array(2)), [nan, nan]);
    assert.deepEqual(r('Max', 'float32', new Float32Array(0), [2, 0], [1], new Float32Array(2)), [-inf, -inf]);
    assert.deepEqual(r('Min', 'float32', new Float32Array(0), [2, 0], [1], new Float32Array(2)), [inf, inf]);
    assert.deepEqual(r('Max', 'int32', new Int32Array(0), [2, 0], [1], new Int32Array(2)), [-2147483648, -2147483648]);
    assert.deepEqual(r('Min', 'int32', new Int32Array(0), [2, 0], [1], new Int32Array(2)), [2147483647, 2147483647]);
    assert.deepEqual(r('Max', 'uint8', new Uint8Array(0), [2, 0], [1], new Uint8Array(2)), [0, 0]);
    assert.deepEqual(r('Mean', 'int32', new Int32Array(0), [2, 0], [1], new Int32Array(2)), [0, 0]);
    assert.deepEqual(r('Mean', 'float32', new Float32Array(0), [2, 0], [1], new Float32Array(2)), [nan, nan]);
    assert.deepEqual(r('Mean', 'int32', Int32Array.of(1, 2, -1, -2), [2, 2], [1], new Int32Array(2)), [1, -1]);
    assert.deepEqual(r('Mean', 'uint8', Uint8Array.of(200, 250), [2], [0], new Uint8Array(1)), [225]);
    assert.deepEqual(r('Mean', 'int32', Int32Array.of(2147483647, 2147483647), [2], [0], new Int32Array(1)), [2147483647]);
    assert.deepEqual(r('Mean', 'int8', Int8Array.of(100, 100, -1), [3], [0], new Int8Array(1)), [66]);
    assert.deepEqual(r('Mean', 'uint64', BigUint64Array.of(2n ** 64n - 1n, 1n), [2], [0], new BigUint64Array(1)), [0n]);
    assert.deepEqual(r('Sum', 'int32', Int32Array.of(2147483647, 2147483647), [2], [0], new Int32Array(1)), [-2]);
    assert.deepEqual(r('Sum', 'uint64', BigUint64Array.of(2n ** 64n - 1n, 2n), [2], [0], new BigUint64Array(1)), [1n]);
    assert.deepEqual(r('Prod', 'int32', Int32Array.of(65536, 65536, 3), [3], [0], new Int32Array(1)), [0]);
    assert.deepEqual(r('Prod', 'int32', new Int32Array(0), [0], [0], new Int32Array(1)), [1]);
    assert.deepEqual(r('All', 'bool', new Uint8Array(0), [0], [0], new Uint8Array(1)), [1]);
  });
  test('ArgMax / ArgMin skip NaN', () => {
    const o = new Int32Array(2);
    const am = (fn: typeof argMax, xs: number[]) => {
      fn('float32')(Float32Array.from(xs), [xs.length], 0, o);
      return o[0];
    };
    assert.equal(am(argMax, [1, nan, 3, nan]), 2);
    assert.equal(am(argMax, [nan, 1, 3]), 2);
    assert.equal(am(argMax, [nan, ...Array.from({ length: 99 }, (_, i) => i)]), 99);
    assert.equal(am(argMax, [...Array.from({ length: 50 }, (_, i) => i), nan, ...Array(49).fill(0)]), 49);
    assert.equal(am(argMin, [1, 0, nan]), 1);
    assert.equal(am(argMax, [3, 1, 3]), 0);
    assert.equal(argMax('float32')(new Float32Array(0), [2, 0], 1, o), 'Reduction axis 1 is empty in shape [2,0]');
  });
  test('elementwise edge values', () => {
    const u = (op: Parameters<typeof unary>[0], xs: number[]) => {
      const o = new Float32Array(xs.length);
      unary(op, 'float32')(Float32Array.from(xs), o);
      return o;
    };
    const b = (op: Parameters<typeof binary>[0], xs: number[], ys: number[]) => {
      const o = new Float32Array(xs.length);
      binary(op, 'float32')(Float32Array.from(xs), [xs.length], Float32Array.from(ys), [ys.length], o, [xs.length]);
      return o;
    };
    assert.deepEqual([...u('Sign', [nan, -0, 0, -2, 3])], [nan, 0, 0, -1, 1]);
    assert.deepEqual(bits(u('Sign', [-0])), [0]);
    assert.deepEqual(bits(u('Relu', [nan, -0, -1])), [2143289344, -2147483648, 0]);
    assert.deepEqual([...u('Round', [0.5, 1.5, 2.5, -0.5, -2.5, -0.4])], [0, 2, 2, -0, -2, -0]);
    assert.deepEqual(bits(u('Round', [-0.4, -0.5])), [-2147483648, -2147483648]);
    assert.deepEqual([...u('Sigmoid', [-100, 100, nan])], [Math.fround(1 / (1 + Math.exp(100))), 1, nan]);
    assert.deepEqual([...b('Maximum', [nan, 1, -0, 0], [1, nan, 0, -0])], [nan, nan, -0, 0]);
    assert.deepEqual(bits(b('Maximum', [-0, 0], [0, -0])), [-2147483648, 0]);
    assert.deepEqual(bits(b('Minimum', [-0, 0], [0, -0])), [-2147483648, 0]);
    assert.deepEqual([...b('TruncateDiv', [2, -2, 3, 3], [3, 3, 2, -2])], [0, -0, 1, -1]);
    assert.deepEqual([...b('FloorMod', [-8, -7.5, 7.5], [2, 2, -2])], [-0, 0.5, -0.5]);
    assert.deepEqual([...b('Pow', [1, -1, -1, 2], [nan, inf, -inf, 0.5])], [1, 1, 1, Math.fround(Math.SQRT2)]);
    const i = (op: Parameters<typeof binary>[0], xs: number[], ys: number[]) => {
      const o = new Int32Array(xs.length);
      return [binary(op, 'int32')(Int32Array.from(xs), [xs.length], Int32Array.from(ys), [ys.length], o, [xs.length]), ...o];
    };
    assert.deepEqual(i('FloorDiv', [-7, 7, -8], [2, -2, 2]), [null, -4, -4, -4]);
    assert.deepEqual(i('FloorDiv', [1], [0])[0], 'Integer division by zero');
    assert.deepEqual(i('FloorMod', [1], [0])[0], 'Integer division by zero');
    assert.deepEqual(i('Div', [-7, 7], [2, 2]), [null, -3, 3]);
    assert.deepEqual(i('Div', [-2147483648], [-1]), [null, -2147483648]);
    assert.deepEqual(i('Pow', [2], [-1])[0], 'Integers to negative integer powers are not allowed');
    assert.deepEqual(i('Pow', [3, -2, 2], [4, 3, 31]), [null, 81, -8, -2147483648]);
    assert.deepEqual(i('SquaredDifference', [70000], [0]), [null, 605032704]);
    const abs = new Int32Array(1);
    unary('Abs', 'int32')(Int32Array.of(-2147483648), abs);
    assert.equal(abs[0], -2147483648);
    const u32 = new Uint32Array(1);
    binary('Mul', 'uint32')(Uint32Array.of(4000000000), [1], Uint32Array.of(3), [1], u32, [1]);
    assert.equal(u32[0], 3410065408);
    const h = new Uint16Array(1);
    binary('AddV2', 'float16')(arrayOf('float16', [1]), [1], arrayOf('float16', [2 ** -11]), [1], h, [1]);
    assert.equal(h[0], 15360);
  });
  test('float16 MatMul accumulates in float', () => {
    const c = new Uint16Array(1);
    matmul('float16')(arrayOf('float16', [60000, 60000]), arrayOf('float16', [1, -1]), c, 1, 1, 2);
    assert.equal(c[0], 0);
    matmul('float16')(arrayOf('float16', [2048, 1, 1]), arrayOf('float16', [1, 1, 1]), c, 1, 1, 3);
    assert.equal(c[0], 0x6801); // 2050
  });
});

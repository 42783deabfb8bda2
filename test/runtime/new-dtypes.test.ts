// float16, int8, int16, uint16, uint32 and uint64 through graphs and sessions: feeds and fetches,
// Const, the any-type array ops, clear refusals where a kernel does not handle them yet.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { capture, expectArray, expectOpError, expectTypeError } from '../ops/helpers.js';
import { expectThrows } from './helpers.js';

type NewDType = 'float16' | 'int8' | 'int16' | 'uint16' | 'uint32' | 'uint64';

/** Per dtype: values that round-trip exactly, and the storage class of the fetched NDArray. */
const CASES: [NewDType, unknown[], unknown][] = [
  ['float16', [0.5, -2, 65504, Number.NEGATIVE_INFINITY], Uint16Array],
  ['int8', [-128, 0, 127, 5], Int8Array],
  ['int16', [-32768, 1, 32767, -2], Int16Array],
  ['uint16', [0, 1, 65535, 300], Uint16Array],
  ['uint32', [0, 1, 4294967295, 70000], Uint32Array],
  ['uint64', [0n, 1n, 2n ** 64n - 1n, 2n ** 63n], BigUint64Array],
];

function inGraph<R>(fn: () => R): { sess: tf.Session; out: R; g: tf.Graph } {
  const g = new tf.Graph();
  const out = g.asDefault(fn);
  return { g, out, sess: new tf.Session({ graph: g }) };
}

describe('new dtypes: exported constants', () => {
  test('tf.float16 (and its alias tf.half), tf.int8, tf.int16, tf.uint16, tf.uint32, tf.uint64', () => {
    assert.equal(tf.float16, 'float16');
    assert.equal(tf.half, 'float16');
    assert.deepEqual([tf.int8, tf.int16, tf.uint16, tf.uint32, tf.uint64], ['int8', 'int16', 'uint16', 'uint32', 'uint64']);
  });
});

describe('new dtypes: placeholder → identity → fetch returns the same NDArray', () => {
  for (const [dtype, values, cls] of CASES) {
    test(dtype, () => {
      const { sess, out } = inGraph(() => {
        const p = tf.placeholder(dtype, [2, 2], 'p');
        return { p, y: tf.identity(p) };
      });
      assert.equal(out.y.dtype, dtype);
      const r = sess.run(out.y, { p: [values.slice(0, 2), values.slice(2)] as never });
      assert.equal(r.dtype, dtype);
      assert.ok(r.data instanceof (cls as typeof Uint8Array), `storage ${r.data.constructor.name}`);
      assert.deepEqual(r.toArray(), [values.slice(0, 2), values.slice(2)]);
      // Feeding an NDArray of the dtype gives it back unchanged.
      const back = sess.run(out.y, { p: r });
      assert.deepEqual(Array.from(back.data as ArrayLike<unknown>), Array.from(r.data as ArrayLike<unknown>));
    });
  }

  test('a float16 feed rounds JS numbers to the nearest half; out-of-range values are refused', () => {
    const { sess, out } = inGraph(() => tf.placeholder(tf.float16, [null], 'p'));
    const r = sess.run(out, { p: [0.1, 1 / 3, 70000 - 6000] });
    assert.deepEqual(r.toArray(), [0.0999755859375, 0.333251953125, 64000]);
    expectThrows(() => sess.run(out, { p: [1e5] }), TypeError, /^Type of feed value \[100000\] with type Array is not compatible with Tensor type float16\. 100000 is out of range for float16 \(its largest value is 65504\); use float32\./);
  });

  test('unfed placeholders name the dtype as TensorFlow does (half, uint64, …)', () => {
    const { sess, out } = inGraph(() => [tf.placeholder(tf.float16, null, 'h'), tf.placeholder(tf.uint64, [2], 'u')]);
    expectOpError(() => sess.run(out[0]), tf.errors.InvalidArgumentError, 'h', "You must feed a value for placeholder tensor 'h' with dtype half");
    expectOpError(
      () => sess.run(out[1]),
      tf.errors.InvalidArgumentError,
      'u',
      "You must feed a value for placeholder tensor 'u' with dtype uint64 and shape [2]",
    );
  });
});

describe('new dtypes: Const', () => {
  for (const [dtype, values, cls] of CASES) {
    test(dtype, () => {
      const { sess, out } = inGraph(() => tf.constant(values as never, dtype));
      assert.equal(out.dtype, dtype);
      assert.equal(out.op.attrs.dtype, dtype);
      const r = sess.run(out);
      assert.ok(r.data instanceof (cls as typeof Uint8Array));
      assert.deepEqual(r.toArray(), values);
    });
  }

  test('typed arrays keep their dtype: a Uint16Array is uint16, never float16 bits', () => {
    const { out } = inGraph(() => [
      tf.constant(Int8Array.of(-1)),
      tf.constant(Int16Array.of(-1)),
      tf.constant(Uint16Array.of(1)),
      tf.constant(Uint32Array.of(1)),
      tf.constant(BigUint64Array.of(1n)),
    ]);
    assert.deepEqual(
      out.map((t) => t.dtype),
      ['int8', 'int16', 'uint16', 'uint32', 'uint64'],
    );
  });

  test('values the dtype cannot hold exactly are refused with TensorFlow-style TypeErrors', () => {
    inGraph(() => {
      expectTypeError(() => tf.constant(1.5, tf.int16), "Expected int16, but got 1.5 of type 'number'.");
      expectTypeError(() => tf.constant(200, tf.int8), "Expected int8, but got 200 of type 'number'.");
      expectTypeError(() => tf.constant(-129, tf.int8), "Expected int8, but got -129 of type 'number'.");
      expectTypeError(() => tf.constant(65536, tf.uint16), "Expected uint16, but got 65536 of type 'number'.");
      expectTypeError(() => tf.constant(-1, tf.uint32), "Expected uint32, but got -1 of type 'number'.");
      expectTypeError(() => tf.constant(-1, tf.uint64), "Expected uint64, but got -1 of type 'number'.");
      expectTypeError(() => tf.constant(2n ** 64n, tf.uint64), "Expected uint64, but got 18446744073709551616 of type 'bigint'.");
      expectTypeError(() => tf.constant(2 ** 53, tf.uint64), "Expected uint64, but got 9007199254740992 of type 'number'.");
      expectTypeError(() => tf.constant('a', tf.float16), "Expected float16, but got 'a' of type 'string'.");
      expectTypeError(() => tf.constant(true, tf.uint16), "Expected uint16, but got True of type 'boolean'.");
      expectTypeError(() => tf.constant(1e5, tf.float16), '100000 is out of range for float16 (its largest value is 65504); use float32.');
      // Rounding to the nearest half is fine, as rounding to float32 is.
      assert.equal(tf.constant(0.1, tf.float16).dtype, 'float16');
    });
  });

  test('recasting an array only when every element survives', () => {
    inGraph(() => {
      assert.equal(tf.constant(Int32Array.of(1, -2), tf.int8).dtype, 'int8');
      assert.equal(tf.constant(Float32Array.of(0.5, 2048), tf.float16).dtype, 'float16');
      expectTypeError(
        () => tf.constant(Float32Array.of(0.1), tf.float16),
        /^Cannot convert an array of dtype float32 to float16 without changing its values: element 0 is 0\.10000000149011612\./,
      );
      expectTypeError(
        () => tf.constant(Int32Array.of(300), tf.uint8),
        /^Cannot convert an array of dtype int32 to uint8 without changing its values: element 0 is 300\./,
      );
      expectTypeError(
        () => tf.constant(BigInt64Array.of(-1n), tf.uint64),
        /^Cannot convert an array of dtype int64 to uint64 without changing its values: element 0 is -1\./,
      );
    });
  });
});

describe('new dtypes: array ops copy elements generically', () => {
  test('Reshape, Pack (stack), Squeeze, GatherV2, Shape, Rank', () => {
    for (const [dtype, values] of CASES) {
      const { sess, out } = inGraph(() => {
        const c = tf.constant(values as never, dtype);
        return [
          tf.reshape(c, [2, 2]),
          tf.stack([c, c], 1),
          tf.squeeze(tf.reshape(c, [1, 4, 1])),
          tf.gather(c, [3, 0]),
          tf.shape(c),
          tf.rank(c),
        ];
      });
      const [r, s, q, g, sh, rk] = sess.run(out);
      expectArray(r as tf.NDArray, dtype, [2, 2], [values.slice(0, 2), values.slice(2)]);
      expectArray(s as tf.NDArray, dtype, [4, 2], values.map((v) => [v, v]));
      expectArray(q as tf.NDArray, dtype, [4], values);
      expectArray(g as tf.NDArray, dtype, [2], [values[3], values[0]]);
      expectArray(sh as tf.NDArray, 'int32', [1], [4]);
      expectArray(rk as tf.NDArray, 'int32', [], 1);
    }
  });

  test('Fill, ZerosLike, OnesLike, zeros and ones', () => {
    for (const [dtype, values] of CASES) {
      const { sess, out } = inGraph(() => {
        const c = tf.constant(values as never, dtype);
        return [tf.fill([2], tf.constant(values[2] as never, dtype)), tf.zerosLike(c), tf.onesLike(c), tf.zeros([2], dtype), tf.ones([2], dtype)];
      });
      const zero = dtype === 'uint64' ? 0n : 0;
      const one = dtype === 'uint64' ? 1n : 1;
      const [f, z, o, zs, os] = sess.run(out);
      expectArray(f as tf.NDArray, dtype, [2], [values[2], values[2]]);
      expectArray(z as tf.NDArray, dtype, [4], [zero, zero, zero, zero]);
      expectArray(o as tf.NDArray, dtype, [4], [one, one, one, one]);
      expectArray(zs as tf.NDArray, dtype, [2], [zero, zero]);
      expectArray(os as tf.NDArray, dtype, [2], [one, one]);
    }
  });

  test('ref variables of the new dtypes assign and read back', () => {
    const { sess, out } = inGraph(() => {
      const v = new tf.Variable(tf.constant([1.5, -0.25], tf.float16), { name: 'v' });
      const u = new tf.Variable(tf.constant([2n ** 64n - 1n], tf.uint64), { name: 'u' });
      return { v, u, init: tf.globalVariablesInitializer(), set: tf.assign(v, tf.constant([3, 4], tf.float16)) };
    });
    sess.run(out.init);
    assert.deepEqual(sess.run(out.u.value()).toArray(), [2n ** 64n - 1n]);
    assert.deepEqual(sess.run(out.v.value()).toArray(), [1.5, -0.25]);
    sess.run(out.set);
    assert.deepEqual(sess.run(out.v.value()).toArray(), [3, 4]);
  });

  test('Where builds on float16 and its CPU kernel refuses it (as TensorFlow: test/ops/array-ops.test.ts); takes the new integer dtypes', () => {
    const { sess, out } = inGraph(() => tf.where(tf.constant([0n, 5n, 0n, 2n ** 63n], tf.uint64)));
    expectArray(sess.run(out), 'int64', [2, 1], [[1n], [3n]]);
  });

  test('math ops compute on the new dtypes as TensorFlow 2.21 does: wrapping integers, rounding halves', () => {
    const run = (fn: () => tf.Tensor) => {
      const { sess, out } = inGraph(fn);
      return sess.run(out);
    };
    expectArray(run(() => tf.add(tf.constant([0.5, 1.5], tf.float16), tf.constant([0.25, 2], tf.float16))), 'float16', [2], [0.75, 3.5]);
    expectArray(run(() => tf.add(tf.constant([100], tf.int8), tf.constant([100], tf.int8))), 'int8', [1], [-56]);
    expectArray(run(() => tf.add(tf.constant([65535], tf.uint16), tf.constant([1], tf.uint16))), 'uint16', [1], [0]);
    expectArray(run(() => tf.multiply(tf.constant([4294967295], tf.uint32), tf.constant([2], tf.uint32))), 'uint32', [1], [4294967294]);
    expectArray(run(() => tf.add(tf.constant([2n ** 64n - 1n], tf.uint64), tf.constant([1n], tf.uint64))), 'uint64', [1], [0n]);
    expectArray(run(() => tf.negative(tf.constant([-32768], tf.int16))), 'int16', [1], [-32768]);
    expectArray(run(() => tf.reduceSum(tf.constant([100, 100], tf.int8))), 'int8', [], -56);
    expectArray(run(() => tf.reduceSum(tf.constant([0.5, 0.25], tf.float16))), 'float16', [], 0.75);
    expectArray(run(() => tf.matmul(tf.constant([[0.5, 1]], tf.float16), tf.constant([[2], [4]], tf.float16))), 'float16', [1, 1], [[5]]);
  });

  test('the OpDefs allow what TensorFlow allows; a dtype without a CPU kernel fails at run time naming the kernels', () => {
    inGraph(() => {
      expectTypeError(() => tf.negative(tf.constant([1], tf.uint16)), /has DataType uint16 not in list of allowed values: float16, float32, float64, int8, int16, int32, int64/);
      expectTypeError(() => tf.matmul(tf.constant([[1]], tf.int8), tf.constant([[1]], tf.int8)), /has DataType int8 not in list/);
    });
    const { sess, out } = inGraph(() => tf.matmul(tf.constant([[2]], tf.uint16), tf.constant([[3]], tf.uint16), { name: 'mm' }));
    assert.throws(() => sess.run(out), (e: unknown) => e instanceof tf.errors.InvalidArgumentError && /No OpKernel was registered to support Op 'MatMul' used by \{\{node mm\}\} with these attrs: \[T=DT_UINT16, transpose_a=false, transpose_b=false\]\nRegistered devices: \[CPU\]\nRegistered kernels:\n {2}device='CPU'; T in \[DT_HALF\]/.test((e as Error).message));
  });

  test('casting to float32 is the way to compute on them', () => {
    const { sess, out } = inGraph(() => tf.add(tf.cast(tf.constant([0.5, 1.5], tf.float16), 'float32'), 1));
    expectArray(sess.run(out), 'float32', [2], [1.5, 2.5]);
  });
});

describe('new dtypes: printing', () => {
  test('Tensor and NodeDef strings name the dtype as TensorFlow does', () => {
    const { out } = inGraph(() => [tf.placeholder(tf.float16, [null, 2], 'h'), tf.constant(3, tf.uint32)]);
    assert.equal(String(out[0]), 'Tensor("h:0", shape=(?, 2), dtype=float16)');
    assert.match(String(out[0]?.op), /key: "dtype"\n {2}value \{\n {4}type: DT_HALF\n/);
    assert.match(String(out[1]?.op), /dtype: DT_UINT32\n {6}tensor_shape \{\n {6}\}\n {6}uint32_val: 3\n/);
  });

  test('tf.Print and tf.print show halves as the floats they widen to, uint64 exactly (as TensorFlow 2.21)', () => {
    const { sess, out } = inGraph(() => {
      const h = tf.constant([0.1, 1.5, 65504], tf.float16);
      const u = tf.constant([2n ** 64n - 1n], tf.uint64);
      return [tf.Print(h, [h, u], 'msg: '), tf.print(h, u)] as const;
    });
    assert.equal(capture('stderr', () => sess.run(out[0])), 'msg: [0.0999755859 1.5 65504][18446744073709551615]\n');
    assert.equal(capture('stderr', () => sess.run(out[1])), '[0.0999755859 1.5 65504] [18446744073709551615]\n');
  });
});

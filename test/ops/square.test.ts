// Conformance: Square (tf.square).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, evalT, expectArray, expectTypeError, f32 } from './helpers.js';

describe('Square (tf.square)', () => {
  test('values for every numeric dtype, int32 wrapping like C++', () => {
    expectArray(evalT(() => tf.square([1.5, -2, 0])), 'float32', [3], [2.25, 4, 0]);
    expectArray(evalT(() => tf.square(tf.constant([[0.1, 3]], 'float64'))), 'float64', [1, 2], [[0.1 * 0.1, 9]]);
    expectArray(evalT(() => tf.square(tf.constant([-3, 46341], 'int32'))), 'int32', [2], [9, -2147479015]);
    expectArray(evalT(() => tf.square(tf.constant([-4n, 3037000500n]))), 'int64', [2], [16n, -9223372036709301616n]);
    assert.equal(evalT(() => tf.square(0.1)).item(), f32(f32(0.1) * f32(0.1)));
  });

  test('edge shapes: scalar, empty, unknown dims keep their static shape', () => {
    const { out, sess } = build(() => {
      const p = tf.placeholder('float32', [null, 2]);
      return { p, y: tf.square(p), e: tf.square(tf.zeros([0, 3])) };
    });
    assert.equal(out.y.shape.toString(), '(?, 2)');
    assert.equal(out.e.shape.toString(), '(0, 3)');
    expectArray(sess.run(out.y, new Map([[out.p, [[1, 2], [3, 4]]]])), 'float32', [2, 2], [[1, 4], [9, 16]]);
    expectArray(sess.run(out.e), 'float32', [0, 3], []);
  });

  test('op type Square named Square; disallowed dtypes', () => {
    const { out } = build(() => tf.square([1]));
    assert.equal(out.op.type, 'Square');
    assert.equal(out.op.name, 'Square');
    expectTypeError(
      () => build(() => tf.square(tf.constant([true]))),
      "Value passed to parameter 'x' has DataType bool not in list of allowed values: float16, float32, float64, uint8, uint16, uint32, uint64, int8, int16, int32, int64",
    );
  });
});

test('NDArray toJSON gives nested values (int64 as strings)', () => {
  assert.equal(JSON.stringify(new tf.NDArray('float32', [2], Float32Array.of(1.5, 2))), '[1.5,2]');
  assert.equal(JSON.stringify(new tf.NDArray('int64', [1], BigInt64Array.of(-(2n ** 63n)))), '["-9223372036854775808"]');
  assert.equal(JSON.stringify({ v: new tf.NDArray('bool', [], Uint8Array.of(1)) }), '{"v":true}');
});

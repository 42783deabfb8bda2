// Conformance: tf.tensordot (TensorFlow's Transpose/Reshape/MatMul composite). Expected values,
// op names and messages from TensorFlow 2.21.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, checkGradient, evalT, expectClose, expectValueError, opNames } from './helpers.js';

const a24 = Array.from({ length: 24 }, (_, i) => i);
const b12 = Array.from({ length: 12 }, (_, i) => i);
const A = () => tf.reshape(tf.constant(a24, 'float32'), [2, 3, 4]);

describe('tf.tensordot', () => {
  test('values: pair lists and int axes', () => {
    expectClose(evalT(() => tf.tensordot(A(), tf.reshape(tf.constant(b12, 'float32'), [4, 3]), [[1, 2], [1, 0]])).toArray(), [440, 1232]);
    expectClose(evalT(() => tf.tensordot(A(), tf.reshape(tf.constant(b12, 'float32'), [4, 3]), 1)).toArray(), [
      [[42, 48, 54], [114, 136, 158], [186, 224, 262]],
      [[258, 312, 366], [330, 400, 470], [402, 488, 574]],
    ]);
    // axes 0: the outer product.
    expectClose(evalT(() => tf.tensordot([1, 2], [3, 4, 5], 0)).toArray(), [[3, 4, 5], [6, 8, 10]]);
  });

  test('op structure as TensorFlow (static and dynamic shapes)', () => {
    const { g, out } = build(() => {
      const a = tf.constant(a24.map((v) => v), 'float32', [2, 3, 4]);
      const b = tf.constant(b12, 'float32', [4, 3]);
      const p = tf.placeholder('float32', [null, 4]);
      return [tf.tensordot(a, b, [[1, 2], [1, 0]]), tf.tensordot(a, b, 1), tf.tensordot(p, b, 1)];
    });
    const names = opNames(g);
    for (const n of ['Tensordot/Reshape', 'Tensordot/transpose', 'Tensordot/Reshape_1', 'Tensordot/MatMul', 'Tensordot/shape', 'Tensordot_1/MatMul', 'Tensordot_2/GatherV2_1', 'Tensordot_2/Prod_1', 'Tensordot_2/stack', 'Tensordot_2/concat_1']) {
      assert.ok(names.includes(n), `${n} in ${names.join(' ')}`);
    }
    assert.equal(out[0]?.op.name, 'Tensordot');
    assert.equal(out[0]?.op.type, 'Reshape');
    assert.equal(out[1]?.shape.toString(), '(2, 3, 3)');
    assert.equal(out[2]?.shape.toString(), '(?, 3)');
    assert.ok(!names.includes('Tensordot_1/transpose'));
  });

  test('errors', () => {
    const x = () => tf.ones([2, 3]);
    expectValueError(() => build(() => tf.tensordot(x(), x(), -1)), '`axes` must be at least 0. Received: -1.');
    expectValueError(() => build(() => tf.tensordot(x(), x(), [[1], [0, 1]])), 'Different number of contraction axes `a` and `b`, 1 != 2.');
    expectValueError(() => build(() => tf.tensordot(x(), x(), [1, 0, 1] as never)), '`axes` must be an integer or have length 2. Received [1, 0, 1].');
  });

  test('gradient', () => {
    checkGradient(([a, b]) => tf.tensordot(a as tf.Tensor, b as tf.Tensor, [[0, 2], [1, 0]]), [b12.map((v) => v / 10), b12.map((v) => v / 7 - 1)], [[2, 3, 2], [2, 2, 3]]);
  });
});

test('tf.tensordot values with a partially known shape (dynamic path)', () => {
  const r = evalT(() => tf.tensordot(tf.placeholderWithDefault(tf.reshape(tf.constant(a24, 'float32'), [2, 3, 4]), [null, 3, null]), tf.reshape(tf.constant(b12, 'float32'), [4, 3]), [[1, 2], [1, 0]]));
  expectClose(r.toArray(), [440, 1232]);
});

// tf.train.cosineDecay: values, op names and errors from TensorFlow 2.21 (tf.compat.v1).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, expectClose, expectValueError, feed } from '../ops/helpers.js';

describe('tf.train.cosineDecay', () => {
  test('values (clamped after decaySteps, with and without alpha)', () => {
    const { sess, out } = build(() => {
      const gs = tf.placeholder('int64', [], 'gs');
      return { gs, a: tf.train.cosineDecay(0.1, gs, 100, 0.1), b: tf.train.cosineDecay(0.5, gs, 10) };
    });
    const at = (t: tf.Tensor, s: number) => sess.run(t, feed([out.gs, BigInt(s)])).item();
    expectClose([0, 30, 100, 150].map((s) => at(out.a, s)), [0.1, 0.081450336, 0.010000001, 0.010000001], 1e-6);
    expectClose([0, 5, 20].map((s) => at(out.b, s)), [0.5, 0.24999999, 0], 1e-6);
  });

  test("TensorFlow's op names; a None step is refused", () => {
    const { g, out } = build(() => tf.train.cosineDecay(0.1, tf.placeholder('int64', [], 'gs'), 100, { alpha: 0.1 }));
    assert.equal(out.name, 'CosineDecay/Mul_3:0');
    for (const n of ['CosineDecay/initial_learning_rate', 'CosineDecay/Minimum', 'CosineDecay/truediv', 'CosineDecay/Cos', 'CosineDecay/add', 'CosineDecay/mul_1', 'CosineDecay/mul_2', 'CosineDecay/add_1']) {
      assert.ok(g.getOperations().some((o) => o.name === n), n);
    }
    build(() => expectValueError(() => tf.train.cosineDecay(0.1, null as never, 10), 'None values not supported.'));
  });
});

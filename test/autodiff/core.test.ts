// tf.gradients: values, names and errors of TensorFlow's _GradientsHelper (spec §I 112–117).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, expectClose, expectValueError, feed, opNames } from '../ops/helpers.js';

const run = (sess: tf.Session, t: tf.Tensor | null, feeds?: Map<unknown, unknown>) => {
  assert.ok(t !== null, 'gradient is not null');
  return sess.run(t, feeds ?? null).toArray();
};

describe('tf.gradients: values', () => {
  test('sum over ys, one entry per x, fan-out summed with AddN', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float32', [2, 3], 'x');
      const w = tf.placeholder('float32', [3], 'w');
      const y = tf.add(tf.multiply(tf.square(x), w), x);
      return { x, w, gs: tf.gradients(y, [x, w]) };
    });
    const { x, w, gs } = out;
    assert.equal(gs.length, 2);
    const xv = [[1, 2, 3], [4, 5, 6]];
    const wv = [0.5, -1, 2];
    const f = feed([x, xv], [w, wv]);
    expectClose(run(sess, gs[0] as tf.Tensor, f), xv.map((r) => r.map((v, j) => 2 * v * (wv[j] as number) + 1)));
    expectClose(run(sess, gs[1] as tf.Tensor, f), [0, 1, 2].map((j) => xv.reduce((s, r) => s + (r[j] as number) ** 2, 0)));
    assert.equal(gs[0]?.op.type, 'AddN');
    assert.equal(gs[0]?.name, 'gradients/AddN:0');
  });
});

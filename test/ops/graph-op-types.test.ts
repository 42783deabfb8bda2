// Ops that builders and gradients create without the user naming them: their types and values.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, expectArray, expectClose } from './helpers.js';

const types = (g: tf.Graph) => g.getOperations().map((o) => o.type);

describe('ops built for the user', () => {
  test('ConcatOffset in the gradient of concat; InvertPermutation in that of transpose', () => {
    const { g, sess, out } = build(() => {
      const a = tf.constant([[1, 2]]);
      const b = tf.constant([[3, 4], [5, 6]]);
      const c = tf.concat([a, b], 0);
      const x = tf.constant([[1, 2, 3], [4, 5, 6]]);
      const t = tf.transpose(x, [1, 0]);
      const [ga, gb] = tf.gradients(tf.multiply(c, c), [a, b]) as tf.Tensor[];
      const [gx] = tf.gradients(tf.multiply(t, tf.constant([[1, 2], [3, 4], [5, 6]])), x) as tf.Tensor[];
      return { ga, gb, gx };
    });
    assert.ok(types(g).includes('ConcatOffset'));
    assert.ok(types(g).includes('InvertPermutation'));
    const [ga, gb, gx] = sess.run([out.ga, out.gb, out.gx]) as tf.NDArray[];
    expectArray(ga as tf.NDArray, 'float32', [1, 2], [[2, 4]]);
    expectArray(gb as tf.NDArray, 'float32', [2, 2], [[6, 8], [10, 12]]);
    expectArray(gx as tf.NDArray, 'float32', [2, 3], [[1, 3, 5], [2, 4, 6]]);
  });

  test('ApplyRMSProp and ApplyCenteredRMSProp from RMSPropOptimizer; IsVariableInitialized', () => {
    for (const centered of [false, true]) {
      const { g, sess, out } = build(() => {
        const v = new tf.Variable([1, 2], { name: 'v' });
        const loss = tf.reduceSum(tf.square(v));
        const train = new tf.train.RMSPropOptimizer(0.1, { centered }).minimize(loss);
        return { v, train, init: tf.globalVariablesInitializer(), inited: tf.isVariableInitialized(v) };
      });
      assert.ok(types(g).includes(centered ? 'ApplyCenteredRMSProp' : 'ApplyRMSProp'));
      assert.equal(out.inited.op.type, 'IsVariableInitialized');
      assert.equal(sess.run(out.inited).item(), false);
      sess.run(out.init);
      assert.equal(sess.run(out.inited).item(), true);
      sess.run(out.train);
      const v = sess.run(out.v).toArray() as number[];
      assert.ok((v[0] as number) < 1 && (v[1] as number) < 2, `one step moves v toward 0: ${v}`);
      // TF1's RMSProp: ms starts at ones; ms = 0.9·1 + 0.1·g² with g = 2v = 2; centered subtracts mg² (mg = 0.1·g).
      expectClose(v[0], centered ? 1 - (0.1 * 2) / Math.sqrt(1.3 - 0.04 + 1e-10) : 1 - (0.1 * 2) / Math.sqrt(1.3 + 1e-10), 1e-6);
    }
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build as run, expectTypeError } from './helpers.js';

describe('tf.zeros / tf.ones', () => {
  test('small shapes are one Const named zeros / ones, float32 by default', () => {
    const { g, out, sess } = run(() => [tf.zeros([2, 3]), tf.ones([2], 'int32'), tf.zeros([])] as const);
    assert.deepEqual(g.getOperations().map((o) => `${o.name}:${o.type}`), ['zeros:Const', 'ones:Const', 'zeros_1:Const']);
    const [z, o, s] = sess.run([...out]);
    assert.equal(z.dtype, 'float32');
    assert.deepEqual(z.toArray(), [[0, 0, 0], [0, 0, 0]]);
    assert.equal(o.dtype, 'int32');
    assert.deepEqual(o.toArray(), [1, 1]);
    assert.equal(String(s), '0');
  });

  test('large shapes use Fill (TensorFlow _constant_if_small), named by the scope', () => {
    const { out, sess } = run(() => tf.ones([40, 50], { dtype: 'float64', name: 'big' }));
    assert.equal(out.op.type, 'Fill');
    assert.equal(out.op.name, 'big');
    assert.equal(out.shape.toString(), '(40, 50)');
    const v = sess.run(out);
    assert.equal(v.dtype, 'float64');
    assert.equal(v.size, 2000);
    assert.ok(Array.from(v.data as Float64Array).every((x) => x === 1));
  });

  test('a shape tensor gives a Fill whose static shape follows the tensor', () => {
    const { out, sess } = run(() => {
      const n = tf.placeholder('int32', [2], 'n');
      return { n, z: tf.zeros(n, 'bool') };
    });
    assert.equal(out.z.shape.toString(), '(?, ?)');
    const v = sess.run(out.z, new Map([[out.n, Int32Array.of(1, 2)]]));
    assert.deepEqual(v.toArray(), [[false, false]]);
  });

  test('int64 and bool dtypes', () => {
    const { out, sess } = run(() => [tf.ones([2], 'int64'), tf.ones([1], 'bool')] as const);
    const [a, b] = sess.run([...out]);
    assert.deepEqual(a.toArray(), [1n, 1n]);
    assert.deepEqual(b.toArray(), [true]);
  });

  test('a bad shape is a TypeError and adds nothing to the graph', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      expectTypeError(() => tf.zeros([2, -1]), 'zeros: shape must be a list of non-negative integers, got [2, -1]');
      assert.deepEqual(g.getOperations(), []);
    });
  });

  test('a variable initialized from tf.zeros (the classic TF1 pattern)', () => {
    const { out, sess } = run(() => {
      const w = new tf.Variable(tf.zeros([3, 2]), { name: 'W' });
      return { w, init: tf.globalVariablesInitializer() };
    });
    sess.run(out.init);
    assert.equal(String(sess.run(out.w)), '[[0. 0.]\n [0. 0.]\n [0. 0.]]');
  });
});

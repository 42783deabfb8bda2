import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../../src/v1.js';

const names = (g: tf.Graph) => g.getOperations().map((o) => o.name);

test('a failed op build leaves no op behind, not even the consts made for its JS inputs', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const x = tf.constant([[1, 2], [3, 4]]);
    assert.throws(() => tf.reshape(x, [3, 7]), tf.ValueError);
    assert.deepEqual(names(g), ['Const']);
    assert.deepEqual(x.consumers(), []);
    // The failed op's name stays reserved, as in TensorFlow.
    assert.equal(tf.reshape(x, [4]).op.name, 'Reshape_1');
  });
});

test('a failed composite builder (booleanMask) removes every op it had added', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const t = tf.constant([1, 2, 3]);
    const before = names(g);
    assert.throws(() => tf.booleanMask(t, [true, false]), tf.ValueError);
    assert.deepEqual(names(g), before);
  });
});

test('a failed Variable constructor adds no ops and no collection entries', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const p = tf.placeholder('float32', null, 'p');
    assert.throws(() => new tf.Variable(p, { name: 'v' }), /initial_value must have a shape specified/);
    assert.deepEqual(names(g), ['p']);
    assert.deepEqual(tf.globalVariables(), []);
    assert.deepEqual(p.consumers(), []);
  });
});

test('ops created inside a control-dependencies block before a failure are forgotten by the block', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const a = tf.constant(1, { name: 'a' });
    tf.controlDependencies([a], () => {
      assert.throws(() => tf.reshape(tf.constant([1, 2, 3]), [2]), tf.ValueError);
      const c = tf.constant(2, { name: 'c' });
      assert.deepEqual(c.op.controlInputs.map((o) => o.name), ['a']);
    });
    assert.deepEqual(names(g), ['a', 'Const', 'c']);
  });
});

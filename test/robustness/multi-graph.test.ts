// Composite builders (several ops, built inside a name scope) given tensors of a graph that is not
// the default graph. TensorFlow's v1 `name_scope(name, default, values)` enters the values' graph,
// so all of these work in TensorFlow. They must either work or fail cleanly, and a failure must not
// leave ops in any graph.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../../src/v1.js';
import { opNames } from './helpers.js';

function otherGraph() {
  const g2 = new tf.Graph();
  const t = g2.asDefault(() => tf.constant([1, 2, 3], { name: 't' }));
  return { g2, t };
}

test('zerosLike of a tensor of another graph builds in that graph with a unique name', () => {
  const { g2, t } = otherGraph();
  g2.asDefault(() => tf.zerosLike(t));
  const g1 = new tf.Graph();
  g1.asDefault(() => {
    // Today: ValueError "Duplicate node name in graph: 'zeros_like'" (the scope was uniquified in g1).
    const z = tf.zerosLike(t);
    assert.equal(z.graph, g2);
    assert.equal(z.op.name, 'zeros_like_1');
  });
  assert.deepEqual(opNames(g1), []);
});

test('divide(t, 2) with t of another graph converts 2 in t\'s graph', () => {
  const { g2, t } = otherGraph();
  const g1 = new tf.Graph();
  g1.asDefault(() => {
    // Today: ValueError "Tensor("truediv/y:0"...) must be from the same graph as Tensor("t:0"...)".
    const q = tf.divide(t, 2);
    assert.equal(q.graph, g2);
    assert.deepEqual(new tf.Session({ graph: g2 }).run(q).toArray(), [0.5, 1, 1.5]);
  });
  assert.deepEqual(opNames(g1), []);
});

test('zeros(shapeTensor) with a shape tensor of another graph builds in that graph', () => {
  const { g2, t } = otherGraph();
  const shape = g2.asDefault(() => tf.shape(t));
  const g1 = new tf.Graph();
  g1.asDefault(() => {
    const z = tf.zeros(shape);
    assert.equal(z.graph, g2);
    assert.deepEqual(new tf.Session({ graph: g2 }).run(z).toArray(), [0, 0, 0]);
  });
});

test('booleanMask(t, jsMask) with t of another graph: works, or fails leaving both graphs unchanged', () => {
  const { g2, t } = otherGraph();
  const before2 = opNames(g2);
  const g1 = new tf.Graph();
  g1.asDefault(() => {
    let masked: tf.Tensor | null = null;
    try {
      masked = tf.booleanMask(t, [true, false, true]);
    } catch {
      // Today it fails ("must be from the same graph"), leaving Reshape/shape and Reshape in g2.
      assert.deepEqual(opNames(g2), before2, 'a failed booleanMask left ops in the tensor\'s graph');
      assert.deepEqual(opNames(g1), []);
      return;
    }
    assert.equal(masked.graph, g2);
    assert.deepEqual(new tf.Session({ graph: g2 }).run(masked).toArray(), [1, 3]);
  });
});

test('mixing graphs in a plain op: TensorFlow\'s ValueError, nothing added to either graph', () => {
  const { g2, t } = otherGraph();
  const g1 = new tf.Graph();
  const u = g1.asDefault(() => tf.constant([1, 2, 3], { name: 'u' }));
  const before1 = opNames(g1);
  const before2 = opNames(g2);
  assert.throws(() => tf.add(t, u), (e: unknown) => e instanceof tf.ValueError && /must be from the same graph as/.test(e.message));
  assert.deepEqual(opNames(g1), before1);
  assert.deepEqual(opNames(g2), before2);
});

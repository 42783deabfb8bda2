// TF1 programs around graphs: two graphs side by side (`with g.as_default():` as a `using` block),
// a finalized graph, mixing graphs by mistake, tf.placeholder_with_default for an optional input,
// and a tf.Assert guarding a computation through a control dependency.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { tfMessage } from '../runtime/helpers.js';
import { show, thrown } from './helpers.js';

describe('several graphs', () => {
  test('g1 and g2 each get their own Const, and their own sessions', () => {
    // g1 = tf.Graph()
    // with g1.as_default(): c1 = tf.constant(1.0)
    // g2 = tf.Graph()
    // with g2.as_default(): c2 = tf.constant(2.0)
    const g1 = new tf.Graph();
    let c1: tf.Tensor;
    {
      using _ = g1.asDefault();
      c1 = tf.constant(1.0);
      assert.equal(tf.getDefaultGraph(), g1);
    }
    const g2 = new tf.Graph();
    const c2 = g2.asDefault(() => tf.constant(2.0));
    assert.equal(c1.graph, g1);
    assert.equal(c2.graph, g2);
    assert.equal(c1.name, 'Const:0');
    assert.equal(c2.name, 'Const:0');
    assert.notEqual(tf.getDefaultGraph(), g1);
    // with tf.Session(graph=g1) as s1: print(s1.run(c1))  -> 1.0
    using s1 = new tf.Session({ graph: g1 });
    using s2 = new tf.Session(undefined, g2);
    assert.equal(show(s1.run(c1)), '1');
    assert.equal(show(s2.run(c2)), '2');
    // Fetching a tensor of the other graph (TF text).
    assert.equal(
      thrown(() => s1.run(c2), tf.ValueError).message,
      'Fetch argument Tensor("Const:0", shape=(), dtype=float32) cannot be interpreted as a Tensor. (Tensor Tensor("Const:0", shape=(), dtype=float32) is not an element of this graph.)',
    );
    // Building an op from both graphs.
    const e = thrown(() => tf.add(c1, c2), tf.ValueError);
    assert.match(tfMessage(e), /^Tensor\("Const:0", shape=\(\), dtype=float32\) must be from the same graph as Tensor\("Const:0", shape=\(\), dtype=float32\) \(graphs are .+ and .+\)\.$/);
  });

  test('a finalized graph refuses new ops but still runs', () => {
    const g = new tf.Graph();
    const { v, init } = g.asDefault(() => {
      const v = new tf.Variable(3.0, { name: 'v' });
      return { v, init: tf.globalVariablesInitializer() };
    });
    // g.finalize()
    g.finalize();
    assert.equal(g.finalized, true);
    g.asDefault(() => {
      assert.equal(thrown(() => tf.constant(1.0), tf.RuntimeError).message, 'Graph is finalized and cannot be modified.');
      assert.equal(thrown(() => v.assign(1), tf.RuntimeError).message, 'Graph is finalized and cannot be modified.');
    });
    using sess = new tf.Session({ graph: g });
    sess.run(init);
    assert.equal(show(sess.run(v)), '3');
  });
});

describe('optional inputs and assertions', () => {
  test('x = tf.placeholder_with_default([1., 2.], shape=[None]); y = tf.reduce_sum(x)', () => {
    tf.resetDefaultGraph();
    const x = tf.placeholderWithDefault([1.0, 2.0], [null]);
    const y = tf.reduceSum(x);
    assert.equal(String(x), 'Tensor("PlaceholderWithDefault:0", shape=(?,), dtype=float32)');
    using sess = new tf.Session();
    // sess.run(y) -> 3.0 ; sess.run(y, {x: [1., 2., 3.]}) -> 6.0
    assert.equal(show(sess.run(y)), '3');
    assert.equal(show(sess.run(y, new Map([[x, [1, 2, 3]]]))), '6');
    // Rank must match the declared shape.
    assert.equal(
      thrown(() => sess.run(y, new Map([[x, [[1, 2]]]])), tf.ValueError).message,
      'Cannot feed value of shape (1, 2) for Tensor PlaceholderWithDefault:0, which has shape (?,)',
    );
  });

  test('with tf.control_dependencies([tf.Assert(ok, [x])]): out = tf.identity(x)', () => {
    tf.resetDefaultGraph();
    const x = tf.constant(new Int32Array([1, 2, 3, 4, 5]), { name: 'x' });
    const ok = tf.placeholder(tf.bool, [], 'ok');
    const check = tf.Assert(ok, ['x is', x], { name: 'check' });
    const out = tf.controlDependencies([check], () => tf.identity(x, 'out'));
    using sess = new tf.Session();
    assert.equal(show(sess.run(out, { ok: true })), '[1 2 3 4 5]');
    const e = thrown(() => sess.run(out, { ok: false }), tf.errors.InvalidArgumentError);
    assert.equal(e.baseMessage, 'assertion failed: [x is] [1 2 3...]');
    assert.equal(e.op?.name, 'check/Assert');
    // Not run unless something depends on it: fetching x alone never checks.
    assert.equal(show(sess.run(x, { ok: false })), '[1 2 3 4 5]');
  });
});

// The seed blog post's walkthrough (spec "Semantics the seed blog post states", B1–B5):
// a graph holds definitions, each session holds its own variable values.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { expectThrows } from './helpers.js';

function build() {
  const variable = new tf.Variable(42, { name: 'foo' });
  const initialize = tf.globalVariablesInitializer();
  const assign = variable.assign(13);
  return { variable, initialize, assign };
}

describe('blog walkthrough on an explicit graph (B3–B5)', () => {
  test('B3: initialize, assign 13, read gives 13', () => {
    const graph = new tf.Graph();
    const { variable, initialize, assign } = graph.asDefault(build);
    using sess = new tf.Session({ graph });
    assert.equal(sess.run(initialize), null);
    const assigned = sess.run(assign);
    assert.equal(assigned.item(), 13);
    const value = sess.run(variable);
    assert.ok(value instanceof tf.NDArray);
    assert.equal(value.dtype, 'float32');
    assert.deepEqual(value.shape, []);
    assert.equal(value.item(), 13);
    assert.equal(String(value), '13');
  });

  test('B4: a second session has not initialized foo: FailedPreconditionError', () => {
    const graph = new tf.Graph();
    const { variable, initialize, assign } = graph.asDefault(build);
    using s1 = new tf.Session({ graph });
    s1.run(initialize);
    s1.run(assign);
    using s2 = new tf.Session({ graph });
    const e = expectThrows(() => s2.run(variable), tf.errors.FailedPreconditionError, 'Attempting to use uninitialized value foo');
    assert.equal(e.name, 'FailedPreconditionError');
    assert.equal(e.code, 9);
    assert.equal(e.errorCode, tf.errors.FAILED_PRECONDITION);
    assert.ok(e instanceof tf.errors.OpError);
    // Fetching the variable itself fails in the synthetic fetch node: no graph op.
    assert.equal(e.op, null);
    // The first session is untouched by the failure of the second.
    assert.equal(s1.run(variable).item(), 13);
  });

  test('B5: initializing again in a new session gives 42, not 13', () => {
    const graph = new tf.Graph();
    const { variable, initialize, assign } = graph.asDefault(build);
    using s1 = new tf.Session({ graph });
    s1.run(initialize);
    s1.run(assign);
    using s3 = new tf.Session({ graph });
    s3.run(initialize);
    assert.equal(s3.run(variable).item(), 42);
    assert.equal(s1.run(variable).item(), 13);
  });

  test('B1: the graph holds no values: the same graph serves independent sessions', () => {
    const graph = new tf.Graph();
    const { variable, initialize, assign } = graph.asDefault(build);
    const opsBefore = graph.getOperations().length;
    using s1 = new tf.Session({ graph });
    s1.run(initialize);
    s1.run(assign);
    s1.run(variable);
    // Running adds nothing to the graph.
    assert.equal(graph.getOperations().length, opsBefore);
  });
});

describe('blog walkthrough on the implicit default graph (B2)', () => {
  afterEach(() => tf.resetDefaultGraph());

  test('sessions without a graph use the default graph; B3–B5 hold there too', () => {
    tf.resetDefaultGraph();
    const { variable, initialize, assign } = build();
    assert.equal(variable.graph, tf.getDefaultGraph());
    assert.equal(variable.name, 'foo:0');

    const s1 = new tf.Session();
    try {
      assert.equal(s1.graph, tf.getDefaultGraph());
      s1.run(initialize);
      s1.run(assign);
      assert.equal(s1.run(variable).item(), 13);
    } finally {
      s1.close();
    }

    const s2 = new tf.Session();
    try {
      const e = expectThrows(() => s2.run(variable), tf.errors.FailedPreconditionError, 'Attempting to use uninitialized value foo');
      assert.equal(e.op, null);
    } finally {
      s2.close();
    }

    const s3 = new tf.Session();
    try {
      s3.run(initialize);
      assert.equal(s3.run(variable).item(), 42);
    } finally {
      s3.close();
    }
  });

  test('a session captures the default graph at construction (item 57)', () => {
    tf.resetDefaultGraph();
    const g0 = tf.getDefaultGraph();
    const c = tf.constant(1, { name: 'c' });
    using sess = new tf.Session();
    tf.resetDefaultGraph();
    assert.notEqual(tf.getDefaultGraph(), g0);
    assert.equal(sess.graph, g0);
    assert.equal(sess.run(c).item(), 1);
  });
});

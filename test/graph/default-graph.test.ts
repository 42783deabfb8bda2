// Spec items 1, 3, 4: the implicit global default graph, asDefault nesting, resetDefaultGraph.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { throwsExact } from './helpers.js';

const NESTING = 'Nesting violated for default stack of Graph objects';
const RESET_NESTED =
  'Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared graph, exit the nesting and create a new graph.';

// These tests touch the process-wide default graph: start every test from a fresh one.
afterEach(() => tf.resetDefaultGraph());

test('item 1: an implicit global default graph exists and is the same object on every call', () => {
  const g = tf.getDefaultGraph();
  assert.ok(g instanceof tf.Graph);
  assert.equal(tf.getDefaultGraph(), g);
  const c = tf.constant(1);
  assert.equal(c.graph, g);
  assert.equal(tf.getDefaultGraph(), g);
  assert.deepEqual(
    g.getOperations().map((o) => o.name),
    ['Const'],
  );
});

test('item 1: a new Graph() is not the default until asDefault', () => {
  const global = tf.getDefaultGraph();
  const g = new tf.Graph();
  assert.equal(tf.getDefaultGraph(), global);
  assert.notEqual(g, global);
  g.asDefault(() => assert.equal(tf.getDefaultGraph(), g));
  assert.equal(tf.getDefaultGraph(), global);
});

test('item 3: asDefault(fn) passes the graph, returns fn’s value and restores the previous default', () => {
  const global = tf.getDefaultGraph();
  const g = new tf.Graph();
  const result = g.asDefault((inner) => {
    assert.equal(inner, g);
    assert.equal(tf.getDefaultGraph(), g);
    return tf.constant(3, { name: 'c' });
  });
  assert.equal(result.graph, g);
  assert.equal(result.name, 'c:0');
  assert.equal(tf.getDefaultGraph(), global);
  assert.equal(global.getOperations().length, 0);
});

test('item 3: asDefault nests as a stack', () => {
  const global = tf.getDefaultGraph();
  const g0 = new tf.Graph();
  const g1 = new tf.Graph();
  g0.asDefault(() => {
    assert.equal(tf.getDefaultGraph(), g0);
    g1.asDefault(() => {
      assert.equal(tf.getDefaultGraph(), g1);
      // Re-entering a graph already on the stack is allowed.
      g0.asDefault(() => assert.equal(tf.getDefaultGraph(), g0));
      assert.equal(tf.getDefaultGraph(), g1);
    });
    assert.equal(tf.getDefaultGraph(), g0);
  });
  assert.equal(tf.getDefaultGraph(), global);
});

test('item 3: the callback form restores the default when fn throws', () => {
  const global = tf.getDefaultGraph();
  const g = new tf.Graph();
  assert.throws(
    () =>
      g.asDefault(() => {
        throw new Error('boom');
      }),
    { message: 'boom' },
  );
  assert.equal(tf.getDefaultGraph(), global);
});

test('item 3: using form: the Scope holds the graph as value and restores on dispose', () => {
  const global = tf.getDefaultGraph();
  const g = new tf.Graph();
  {
    using scope = g.asDefault();
    assert.equal(scope.value, g);
    assert.equal(tf.getDefaultGraph(), g);
    const h = new tf.Graph();
    {
      using _inner = h.asDefault();
      assert.equal(tf.getDefaultGraph(), h);
    }
    assert.equal(tf.getDefaultGraph(), g);
  }
  assert.equal(tf.getDefaultGraph(), global);
});

test('item 3: using form: exit() leaves the scope, as dispose does', () => {
  const global = tf.getDefaultGraph();
  const g = new tf.Graph();
  const scope = g.asDefault();
  assert.equal(tf.getDefaultGraph(), g);
  scope.exit();
  assert.equal(tf.getDefaultGraph(), global);
  const again = g.asDefault();
  again[Symbol.dispose]();
  assert.equal(tf.getDefaultGraph(), global);
});

test('item 3: exiting out of order raises AssertionError (Nesting violated ...)', () => {
  const global = tf.getDefaultGraph();
  const g1 = new tf.Graph();
  const g2 = new tf.Graph();
  const outer = g1.asDefault();
  const inner = g2.asDefault();
  try {
    throwsExact(() => outer.exit(), tf.AssertionError, NESTING);
    // The failed exit changed nothing.
    assert.equal(tf.getDefaultGraph(), g2);
  } finally {
    inner.exit();
    outer.exit();
  }
  assert.equal(tf.getDefaultGraph(), global);
});

test('item 3: out-of-order dispose raises the same AssertionError', () => {
  const g1 = new tf.Graph();
  const g2 = new tf.Graph();
  const outer = g1.asDefault();
  const inner = g2.asDefault();
  try {
    throwsExact(() => outer[Symbol.dispose](), tf.AssertionError, NESTING);
  } finally {
    inner[Symbol.dispose]();
    outer[Symbol.dispose]();
  }
});

test('item 4: resetDefaultGraph drops the global default graph; the next one is new and empty', () => {
  const before = tf.getDefaultGraph();
  tf.constant(1);
  tf.resetDefaultGraph();
  const after = tf.getDefaultGraph();
  assert.notEqual(after, before);
  assert.ok(after instanceof tf.Graph);
  assert.equal(after.getOperations().length, 0);
  assert.equal(tf.getDefaultGraph(), after);
  // Names start over in the new graph.
  assert.equal(tf.constant(1).name, 'Const:0');
});

test('item 4: resetDefaultGraph inside asDefault raises AssertionError and keeps the nesting', () => {
  const global = tf.getDefaultGraph();
  const g = new tf.Graph();
  g.asDefault(() => {
    throwsExact(() => tf.resetDefaultGraph(), tf.AssertionError, RESET_NESTED);
    assert.equal(tf.getDefaultGraph(), g);
  });
  assert.equal(tf.getDefaultGraph(), global);
});

test('item 4: resetDefaultGraph is refused even when the pushed graph is the global default', () => {
  const global = tf.getDefaultGraph();
  {
    using _ = global.asDefault();
    throwsExact(() => tf.resetDefaultGraph(), tf.AssertionError, RESET_NESTED);
  }
  assert.equal(tf.getDefaultGraph(), global);
});

test('item 4: resetDefaultGraph inside a using scope raises AssertionError', () => {
  const g = new tf.Graph();
  using _ = g.asDefault();
  throwsExact(() => tf.resetDefaultGraph(), tf.AssertionError, RESET_NESTED);
});

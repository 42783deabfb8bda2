// Regressions found in code review: each test failed before its fix.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../../src/v1.js';

test('a partial run never runs an op twice, even one reached again through control inputs', () => {
  const g = new tf.Graph();
  const o = g.asDefault(() => {
    const v = new tf.Variable(0, { name: 'v' });
    const x = tf.placeholder('float32', [], 'x');
    const bump = tf.group(tf.assignAdd(v, 1));
    const [a, b] = tf.controlDependencies([bump], () => [tf.identity(x, 'a'), tf.identity(v.value(), 'b')]);
    return { v, x, a: a as tf.Tensor, b: b as tf.Tensor, init: v.initializer };
  });
  const sess = new tf.Session({ graph: g });
  sess.run(o.init);
  const h = sess.partialRunSetup([o.a, o.b], [o.x]);
  assert.equal(sess.partialRun(h, o.a, new Map([[o.x, 1]])).item(), 1);
  assert.equal(sess.partialRun(h, o.b).item(), 1);
  assert.equal(sess.run(o.v).item(), 1, 'the AssignAdd ran once in the partial run');
});

test('InteractiveSession takes a positional plain-object config like Session, and a failed one leaves no warning behind', () => {
  const g = new tf.Graph();
  const warnings: unknown[] = [];
  const warn = console.warn;
  console.warn = (...a: unknown[]) => warnings.push(a);
  try {
    const s = new tf.InteractiveSession('', g, { allowSoftPlacement: true });
    assert.equal(s.config.allowSoftPlacement, true);
    assert.equal(tf.getDefaultGraph(), g);
    s.close();
    assert.throws(() => new tf.InteractiveSession('', g, { nope: 1 } as never), tf.ValueError);
    const t = new tf.InteractiveSession({ graph: g });
    t.close();
    assert.deepEqual(warnings, []);
  } finally {
    console.warn = warn;
  }
});

test('MatMul propagates NaN and Inf through zeros, and int32 products wrap like C++', () => {
  const g = new tf.Graph();
  const o = g.asDefault(() => ({
    nan: tf.matmul([[0]], [[Number.NaN]]),
    inf: tf.matmul([[0, 1]], [[Number.POSITIVE_INFINITY], [1]]),
    wrap: tf.matmul(tf.constant([[2147483647]], 'int32'), tf.constant([[2147483647]], 'int32')),
    sum: tf.matmul(tf.constant([[2147483647, 1]], 'int32'), tf.constant([[1], [1]], 'int32')),
  }));
  const sess = new tf.Session({ graph: g });
  assert.ok(Number.isNaN(sess.run(o.nan).item() as number));
  assert.ok(Number.isNaN(sess.run(o.inf).item() as number));
  assert.equal(sess.run(o.wrap).item(), 1);
  assert.equal(sess.run(o.sum).item(), -2147483648);
});

test('assign / assignAdd / assignSub with { readValue: false } return the op, as TF1 does', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const v = new tf.Variable(1, { name: 'v' });
    const op = v.assign(2, { readValue: false });
    assert.ok(op instanceof tf.Operation);
    assert.equal(op.type, 'Assign');
    assert.ok(v.assignAdd(1, { readValue: false }) instanceof tf.Operation);
    assert.ok(v.assignSub(1, { readValue: false }) instanceof tf.Operation);
    assert.ok(v.assign(3) instanceof tf.Tensor);
  });
});

test('a graph whose only builder failed is still empty: run() refuses it', () => {
  const g = new tf.Graph();
  g.asDefault(() => assert.throws(() => tf.reshape([1, 2, 3], [2]), tf.ValueError));
  assert.deepEqual(g.getOperations(), []);
  const sess = new tf.Session({ graph: g });
  assert.throws(() => sess.run([]), {
    name: 'RuntimeError',
    message: 'The Session graph is empty.  Add operations to the graph before calling run().',
  });
});

// Spec items 14 (collections), 15 (GraphKeys), 16 (finalize), 17 (graph.version).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../../src/v1.js';
import { throwsExact } from './helpers.js';

const FINALIZED = 'Graph is finalized and cannot be modified.';

test('item 14: collections are ordered lists that keep duplicates', () => {
  const g = new tf.Graph();
  const a = { name: 'a' };
  const b = { name: 'b' };
  g.addToCollection('key', a);
  g.addToCollection('key', b);
  g.addToCollection('key', a);
  const got = g.getCollection('key');
  assert.equal(got.length, 3);
  assert.equal(got[0], a);
  assert.equal(got[1], b);
  assert.equal(got[2], a);
});

test('item 14: addToCollections adds once per distinct name; a string is one name', () => {
  const g = new tf.Graph();
  const v = { name: 'v' };
  g.addToCollections(['x', 'y', 'x'], v);
  assert.deepEqual(g.getCollection('x'), [v]);
  assert.deepEqual(g.getCollection('y'), [v]);
  g.addToCollections('xyz', v);
  assert.deepEqual(g.getCollection('xyz'), [v]);
  assert.deepEqual(g.getCollection('x').length, 1);
  assert.deepEqual(g.getCollection('z'), []);
  // Adding the same value again to the same collection appends (list semantics).
  g.addToCollections(['x'], v);
  assert.equal(g.getCollection('x').length, 2);
});

test('item 14: getCollection returns a copy, and [] without creating the key', () => {
  const g = new tf.Graph();
  assert.deepEqual(g.getCollection('missing'), []);
  assert.deepEqual(g.getAllCollectionKeys(), []);
  g.addToCollection('k', 1);
  const copy = g.getCollection<number>('k');
  copy.push(2);
  assert.deepEqual(g.getCollection('k'), [1]);
  assert.notEqual(g.getCollection('k'), g.getCollection('k'));
  assert.deepEqual(g.getAllCollectionKeys(), ['k']);
});

test('item 14: getCollectionRef returns the live list and creates the key', () => {
  const g = new tf.Graph();
  const ref = g.getCollectionRef<number>('live');
  assert.equal(ref.length, 0);
  assert.deepEqual(g.getAllCollectionKeys(), ['live']);
  ref.push(1);
  assert.deepEqual(g.getCollection('live'), [1]);
  g.addToCollection('live', 2);
  assert.deepEqual(ref, [1, 2]);
  assert.equal(g.getCollectionRef('live'), ref);
  ref.length = 0;
  assert.deepEqual(g.getCollection('live'), []);
});

test('item 14: getCollection(name, scope) keeps items whose name matches the scope at the start', () => {
  const g = new tf.Graph();
  const items = [
    { name: 'foo/a:0' },
    { name: 'bar/b:0' },
    { name: 'foobar:0' },
    { other: 1 },
    42,
    null,
    { name: 'x/foo/c:0' },
  ];
  for (const it of items) g.addToCollection('k', it);
  assert.deepEqual(
    g.getCollection<{ name: string }>('k', 'foo').map((x) => x.name),
    ['foo/a:0', 'foobar:0'],
  );
  assert.deepEqual(
    g.getCollection<{ name: string }>('k', 'foo/').map((x) => x.name),
    ['foo/a:0'],
  );
  // The scope is a regular expression (Python re.match).
  assert.deepEqual(
    g.getCollection<{ name: string }>('k', 'f.o/|bar').map((x) => x.name),
    ['foo/a:0', 'bar/b:0'],
  );
  // '' matches every named item and skips the unnamed ones; null/undefined means no filter.
  assert.equal(g.getCollection('k', '').length, 4);
  assert.equal(g.getCollection('k', null).length, items.length);
  assert.equal(g.getCollection('k').length, items.length);
  assert.deepEqual(g.getCollection('missing', 'foo'), []);
});

test('item 14: scope filtering works on tensors and variables by their names', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const a = tf.nameScope('s1', () => tf.constant(1));
    const b = tf.nameScope('s2', () => tf.constant(2));
    tf.addToCollection('t', a);
    tf.addToCollection('t', b);
    assert.deepEqual(tf.getCollection('t', 's2'), [b]);
    const v = tf.nameScope('vs', () => new tf.Variable(0, { name: 'v' }));
    new tf.Variable(0, { name: 'w' });
    assert.equal(v.name, 'vs/v:0');
    assert.deepEqual(tf.globalVariables('vs'), [v]);
    assert.deepEqual(tf.trainableVariables('vs/'), [v]);
    assert.deepEqual(tf.getCollection(tf.GraphKeys.GLOBAL_VARIABLES, 'vs/'), [v]);
  });
});

test('item 14: the tf.* collection functions act on the default graph', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    tf.addToCollection('c', 1);
    tf.addToCollections(['c', 'd', 'd'], 2);
    assert.deepEqual(tf.getCollection('c'), [1, 2]);
    assert.deepEqual(tf.getCollection('d'), [2]);
    tf.getCollectionRef('c').push(3);
  });
  assert.deepEqual(g.getCollection('c'), [1, 2, 3]);
  assert.deepEqual(new tf.Graph().getCollection('c'), []);
});

test('item 14: clearCollection removes the key', () => {
  const g = new tf.Graph();
  g.addToCollection('k', 1);
  g.clearCollection('k');
  assert.deepEqual(g.getCollection('k'), []);
  assert.deepEqual(g.getAllCollectionKeys(), []);
});

test('item 15: standard GraphKeys values', () => {
  const K = tf.GraphKeys;
  assert.equal(K.GLOBAL_VARIABLES, 'variables');
  assert.equal(K.VARIABLES, K.GLOBAL_VARIABLES);
  assert.equal(K.TRAINABLE_VARIABLES, 'trainable_variables');
  assert.equal(K.LOCAL_VARIABLES, 'local_variables');
  assert.equal(K.MODEL_VARIABLES, 'model_variables');
  assert.equal(K.GLOBAL_STEP, 'global_step');
  assert.equal(K.TRAIN_OP, 'train_op');
  assert.equal(K.UPDATE_OPS, 'update_ops');
  assert.equal(K.LOSSES, 'losses');
  assert.equal(K.REGULARIZATION_LOSSES, 'regularization_losses');
  assert.equal(K.SUMMARIES, 'summaries');
  assert.equal(K.QUEUE_RUNNERS, 'queue_runners');
  assert.equal(K.TABLE_INITIALIZERS, 'table_initializer');
  assert.equal(K.SAVERS, 'savers');
  assert.equal(K.INIT_OP, 'init_op');
  assert.equal(K.LOCAL_INIT_OP, 'local_init_op');
  assert.equal(K.READY_OP, 'ready_op');
  assert.equal(K.MOVING_AVERAGE_VARIABLES, 'moving_average_variables');
  assert.equal(K.COND_CONTEXT, 'cond_context');
  assert.equal(K.WHILE_CONTEXT, 'while_context');
});

test('item 16: finalize() makes op creation raise RuntimeError and adds nothing', () => {
  const g = new tf.Graph();
  const c = g.asDefault(() => tf.constant(1, { name: 'c' }));
  assert.equal(g.finalized, false);
  g.finalize();
  assert.equal(g.finalized, true);
  const version = g.version;
  g.asDefault(() => {
    throwsExact(() => tf.constant(2), tf.RuntimeError, FINALIZED);
    throwsExact(() => tf.placeholder('float32'), tf.RuntimeError, FINALIZED);
    throwsExact(() => tf.identity(c), tf.RuntimeError, FINALIZED);
    throwsExact(() => tf.noOp(), tf.RuntimeError, FINALIZED);
    throwsExact(() => tf.group(c), tf.RuntimeError, FINALIZED);
    throwsExact(() => new tf.Variable(0), tf.RuntimeError, FINALIZED);
  });
  // An op whose inputs live in the finalized graph is refused even when another graph is default.
  new tf.Graph().asDefault(() => throwsExact(() => tf.add(c, c), tf.RuntimeError, FINALIZED));
  assert.deepEqual(
    g.getOperations().map((o) => o.name),
    ['c'],
  );
  assert.equal(g.version, version);
});

test('item 16: finalize() guards addToCollection(s) and clearCollection, not getCollectionRef', () => {
  const g = new tf.Graph();
  g.addToCollection('k', 1);
  g.finalize();
  throwsExact(() => g.addToCollection('k', 2), tf.RuntimeError, FINALIZED);
  throwsExact(() => g.addToCollections(['k', 'j'], 2), tf.RuntimeError, FINALIZED);
  throwsExact(() => g.clearCollection('k'), tf.RuntimeError, FINALIZED);
  g.asDefault(() => throwsExact(() => tf.addToCollection('k', 2), tf.RuntimeError, FINALIZED));
  assert.deepEqual(g.getCollection('k'), [1]);
  // getCollectionRef does not check: the live list can still be changed.
  g.getCollectionRef<number>('k').push(3);
  g.getCollectionRef<number>('new').push(4);
  assert.deepEqual(g.getCollection('k'), [1, 3]);
  assert.deepEqual(g.getCollection('new'), [4]);
});

test('item 16: a finalized graph can still be read, scoped and run', () => {
  const g = new tf.Graph();
  const c = g.asDefault(() => tf.constant(7, { name: 'c' }));
  g.finalize();
  assert.equal(g.getTensorByName('c:0'), c);
  assert.equal(g.nameScope('s', (s) => s), 's/');
  const sess = new tf.Session({ graph: g });
  assert.equal(sess.run(c).item(), 7);
  sess.close();
});

test('item 17: graph.version is 0 when empty and then the largest op id', () => {
  const g = new tf.Graph();
  assert.equal(g.version, 0);
  g.asDefault(() => {
    const a = tf.constant(1);
    assert.equal(g.version, 1);
    tf.constant(2);
    tf.add(a, a);
    assert.equal(g.version, 3);
    new tf.Variable(0); // initial_value, VariableV2, Assign, read
    assert.equal(g.version, 7);
  });
  const ids = g.getOperations().map((o) => o.id);
  assert.deepEqual(ids, [1, 2, 3, 4, 5, 6, 7]);
  assert.equal(g.version, Math.max(...ids));
  // Graphs count separately.
  const h = new tf.Graph();
  h.asDefault(() => tf.constant(1));
  assert.equal(h.version, 1);
});

test('item 21: each graph has its own seed, null until set', () => {
  const g1 = new tf.Graph();
  const g2 = new tf.Graph();
  assert.equal(g1.seed, null);
  g1.seed = 5;
  assert.equal(g1.seed, 5);
  assert.equal(g2.seed, null);
});

test('graph state: preventFeeding / preventFetching (ops_test testPreventFeeding, testPreventFetching)', () => {
  const g = new tf.Graph();
  const a = g.asDefault(() => tf.constant(2.0));
  assert.equal(g.isFeedable(a), true);
  g.preventFeeding(a);
  assert.equal(g.isFeedable(a), false);
  assert.equal(g.isFetchable(a), true);
  g.preventFetching(a.op);
  assert.equal(g.isFetchable(a), false);
  assert.equal(g.isFetchable(a.op), false);
});

test('graph.collections lists the collection keys in creation order (TensorFlow 2.21 Graph.collections)', () => {
  const g = new tf.Graph();
  assert.equal(g.collections.length, 0);
  g.asDefault(() => {
    new tf.Variable(1, { name: 'v' });
    tf.addToCollection('zz', 1);
    tf.addToCollection('aa', 1);
  });
  g.getCollectionRef('empty');
  // getCollection of a missing key does not create it.
  g.getCollection('missing');
  assert.deepEqual(g.collections, ['variables', 'trainable_variables', 'zz', 'aa', 'empty']);
  g.clearCollection('aa');
  assert.deepEqual(g.collections, ['variables', 'trainable_variables', 'zz', 'empty']);
  // A new list each time: changing it does not change the graph.
  const keys = g.collections;
  keys.push('x');
  assert.deepEqual(g.collections, ['variables', 'trainable_variables', 'zz', 'empty']);
  assert.deepEqual(g.collections, g.getAllCollectionKeys());
});

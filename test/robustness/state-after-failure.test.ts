// After each kind of failure the graph and the session must be usable and unchanged, apart from
// what TensorFlow itself leaves (reserved names; assigns that ran before a failing step).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../../src/v1.js';
import { expectThrows, opNames } from './helpers.js';

test('a failed reduceSum leaves no op behind (the const for its JS input, the axes const)', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const before = opNames(g);
    // Today this leaves 'Const' (the converted [1, 2, 3]) in the graph.
    expectThrows(() => tf.reduceSum([1, 2, 3], 5), tf.ValueError, /Invalid reduction dimension 5 for input with 1 dimensions/);
    assert.deepEqual(opNames(g), before);
    // Today this leaves two consts: the string input and the all-axes [0].
    expectThrows(() => tf.reduceSum(['a', 'b']), TypeError, /DataType string not in list of allowed values/);
    assert.deepEqual(opNames(g), before);
  });
});

test('a failed reduceSum of an unknown-rank input leaves no Rank/Range ops behind', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const p = tf.placeholder('string', null, 'p');
    const before = opNames(g);
    expectThrows(() => tf.reduceSum(p), TypeError, /DataType string not in list of allowed values/);
    assert.deepEqual(opNames(g), before);
    assert.deepEqual(p.consumers(), []);
  });
});

test('a failed tf.print leaves no op behind (the const made for a JS array argument)', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    expectThrows(() => tf.print([1, 2], { name: 'bad name!' }), tf.ValueError, /not a valid/);
    assert.deepEqual(opNames(g), []);
  });
});

test('failed builds in the middle of a graph: op list, consumers and later names are as before', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const a = tf.constant([[1, 2]], { name: 'a' });
    const before = opNames(g);
    expectThrows(() => tf.matmul(a, a), tf.ValueError, /Dimensions must be equal, but are 2 and 1/);
    expectThrows(() => tf.stack([a, tf.constant([1], 'int32', null, 'i')]), TypeError, /don't all match/);
    expectThrows(() => tf.gather(a, [0], { axis: 3 }), tf.ValueError, /Shape must be at least rank 4 but is rank 2/);
    expectThrows(() => new tf.Variable(a, { shape: [3] }), tf.ValueError, /Dimension 0 in both shapes must be equal|Shapes/);
    assert.deepEqual(opNames(g), [...before, 'i']);
    assert.deepEqual(a.consumers(), []);
    assert.deepEqual(tf.globalVariables(), []);
    assert.equal(tf.add(a, 1).op.name, 'Add', 'later builds still work and are named normally');
  });
});

test('a failed assign (wrong shape at run time) leaves the old value; so do AssignAdd and AssignSub', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const v = new tf.Variable([1, 2], { name: 'v' });
    const p = tf.placeholder('float32', null, 'p');
    const sess = new tf.Session();
    sess.run(v.initializer);
    expectThrows(() => sess.run(v.assign(p), { p: [1, 2, 3] }), tf.errors.InvalidArgumentError, /^Assign requires shapes of both tensors to match\. lhs shape= \[2\] rhs shape= \[3\]/);
    assert.deepEqual(sess.run(v).toArray(), [1, 2]);
    expectThrows(() => sess.run(v.assignAdd(p), { p: [1, 2, 3] }), tf.errors.InvalidArgumentError, /lhs shape= \[2\] rhs shape= \[3\]/);
    expectThrows(() => sess.run(v.assignSub(p), { p: 1 }), tf.errors.InvalidArgumentError, /lhs shape= \[2\] rhs shape= \[\]/);
    assert.deepEqual(sess.run(v).toArray(), [1, 2]);
    expectThrows(() => v.assign([1, 2, 3]), tf.ValueError, /Dimension 0 in both shapes must be equal/);
    assert.deepEqual(sess.run(v).toArray(), [1, 2]);
  });
});

test('a run-time kernel error: the session and its variables stay usable; earlier assigns in the step stay done (TF)', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const v = new tf.Variable(0, { name: 'v' });
    const q = tf.placeholder('float32', null, 'q');
    const inc = v.assignAdd(1);
    const bad = tf.reshape(q, [5]);
    const sess = new tf.Session();
    sess.run(v.initializer);
    expectThrows(() => sess.run(bad, { q: [1] }), tf.errors.InvalidArgumentError, /Input to reshape is a tensor with 1 values/);
    assert.equal(sess.run(v).item(), 0);
    sess.run(inc);
    assert.equal(sess.run(v).item(), 1);
    assert.deepEqual(sess.run(bad, { q: [1, 2, 3, 4, 5] }).toArray(), [1, 2, 3, 4, 5]);
  });
});

test('an invalid runMetadata is refused before the run: the fetched assign must not happen', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const v = new tf.Variable(0, { name: 'v' });
    const inc = v.assignAdd(1);
    const sess = new tf.Session();
    sess.run(v.initializer);
    // Today the step runs (v becomes 1) and then "Cannot create property 'stepStats' on number '5'" is thrown.
    expectThrows(() => sess.run(inc, null, { traceLevel: 'FULL_TRACE' }, 5 as never), TypeError, /run_?[mM]etadata/);
    assert.equal(sess.run(v).item(), 0);
    expectThrows(() => sess.run(inc, null, { traceLevel: 'BOGUS' as never }, new tf.RunMetadata()), TypeError, /Unknown traceLevel 'BOGUS'/);
    assert.equal(sess.run(v).item(), 0);
  });
});

test('malformed run options (a number, a string) are refused rather than ignored', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const c = tf.constant(1);
    const sess = new tf.Session();
    expectThrows(() => sess.run(c, null, 5 as never), TypeError, /options/i);
    expectThrows(() => sess.run(c, null, 'FULL_TRACE' as never), TypeError, /options/i);
  });
});

test('a failed partial run step ends that partial run only; another handle and plain runs keep working', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const a = tf.placeholder('float32', null, 'a');
    const b = tf.placeholder('float32', null, 'b');
    const r1 = tf.reshape(a, [2]);
    const r2 = tf.add(r1, b);
    const sess = new tf.Session();
    const h1 = sess.partialRunSetup([r1, r2], [a, b]);
    const h2 = sess.partialRunSetup([r1, r2], [a, b]);
    expectThrows(() => sess.partialRun(h1, r1, { a: [1, 2, 3] }), tf.errors.InvalidArgumentError, /Input to reshape/);
    expectThrows(() => sess.partialRun(h1, r2, { b: 1 }), tf.errors.InvalidArgumentError, "Must run 'setup' before performing partial runs!");
    // A bad feed value (refused before running) does not consume the handle.
    expectThrows(() => sess.partialRun(h2, r1, { a: 'x' }), TypeError, /Type of feed value/);
    assert.deepEqual(sess.partialRun(h2, r1, { a: [1, 2] }).toArray(), [1, 2]);
    assert.deepEqual(sess.partialRun(h2, r2, { b: 10 }).toArray(), [11, 12]);
    assert.deepEqual(sess.run(r2, { a: [0, 0], b: 1 }).toArray(), [1, 1]);
  });
});

test('a closed session frees its values; the graph and other sessions are unaffected', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const v = new tf.Variable(3, { name: 'v' });
    const s1 = new tf.Session();
    const s2 = new tf.Session();
    s1.run(v.initializer);
    s2.run(v.initializer);
    s1.close();
    expectThrows(() => s1.run(v), tf.RuntimeError, 'Attempted to use a closed Session.');
    assert.equal(s2.run(v).item(), 3);
    assert.equal(opNames(g).length, 4);
  });
});

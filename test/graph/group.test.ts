// Spec items 99 (tf.group) and 100 (tf.noOp, tf.identity, tf.withDependencies).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../../src/v1.js';
import { names, sortedNames, throwsExact } from './helpers.js';

test('item 99: group returns one NoOp Operation named group_deps with control inputs on all arguments', () => {
  new tf.Graph().asDefault(() => {
    const a = tf.constant(1, { name: 'a' });
    const b = tf.constant(2, { name: 'b' });
    const g = tf.group(a, b);
    assert.ok(g instanceof tf.Operation);
    assert.equal(g.name, 'group_deps');
    assert.equal(g.type, 'NoOp');
    assert.deepEqual([...g.inputs], []);
    assert.deepEqual([...g.outputs], []);
    assert.deepEqual(sortedNames(g.controlInputs), ['a', 'b']);
    assert.equal(tf.group(a).name, 'group_deps_1');
  });
});

test('item 99: group takes ops, tensors, variables and (nested) lists; duplicates give one control input', () => {
  new tf.Graph().asDefault(() => {
    const a = tf.constant(1, { name: 'a' });
    const n = tf.noOp('n');
    const v = new tf.Variable(0, { name: 'v' });
    const g = tf.group([a, [n, v]], a, a.op);
    assert.deepEqual(sortedNames(g.controlInputs), ['a', 'n', 'v']);
  });
});

test('item 99: group with a name, and inside a name scope', () => {
  new tf.Graph().asDefault(() => {
    const a = tf.constant(1, { name: 'a' });
    assert.equal(tf.group(a, { name: 'init' }).name, 'init');
    assert.equal(tf.group(a, { name: 'init' }).name, 'init_1');
    assert.equal(tf.nameScope('outer', () => tf.group(a)).name, 'outer/group_deps');
  });
});

test('item 99: group() with no inputs is a plain no-op named group_deps', () => {
  new tf.Graph().asDefault((graph) => {
    const g = tf.group();
    assert.equal(g.name, 'group_deps');
    assert.equal(g.type, 'NoOp');
    assert.deepEqual([...g.controlInputs], []);
    assert.equal(tf.group({ name: 'empty' }).name, 'empty');
    assert.equal(graph.getOperations().length, 2);
  });
});

test('item 99: group inside controlDependencies keeps the enclosing control inputs too', () => {
  new tf.Graph().asDefault((graph) => {
    const c = tf.constant(0, { name: 'c' });
    const a = tf.constant(1, { name: 'a' });
    const g = graph.controlDependencies([c], () => tf.group(a));
    assert.deepEqual(sortedNames(g.controlInputs), ['a', 'c']);
  });
});

test('item 99: running a group runs all its inputs and fetches null', () => {
  const graph = new tf.Graph();
  const { v, w, both, init } = graph.asDefault(() => {
    const v = new tf.Variable(0, { name: 'v' });
    const w = new tf.Variable(0, { name: 'w' });
    const init = tf.group(v.initializer, w.initializer, { name: 'init' });
    const both = tf.group(v.assign(5), w.assign(6));
    return { v, w, both, init };
  });
  const sess = new tf.Session({ graph });
  assert.equal(sess.run(init), null);
  assert.equal(sess.run(both), null);
  assert.equal(sess.run(v.value()).item(), 5);
  assert.equal(sess.run(w.value()).item(), 6);
  sess.close();
});

test('item 99: group builds into its inputs’ graph, like TF’s name_scope(name, "group_deps", inputs)', () => {
  const g1 = new tf.Graph();
  const a = g1.asDefault(() => tf.constant(1, { name: 'a' }));
  const other = new tf.Graph();
  const g = other.asDefault(() => tf.group(a));
  assert.equal(g.graph, g1);
  assert.equal(g.name, 'group_deps');
  assert.equal(other.getOperations().length, 0);
});

test('item 99: a non-tensor input -> TypeError naming the value and its type', () => {
  new tf.Graph().asDefault((graph) => {
    const a = tf.constant(1, { name: 'a' });
    throwsExact(() => tf.group(a, 5 as never), TypeError, "Expected tf.group() expected Tensor arguments not '5' with type 'number'");
    throwsExact(() => tf.group('a' as never), TypeError, "Expected tf.group() expected Tensor arguments not 'a' with type 'string'");
    assert.deepEqual(names(graph.getOperations()), ['a']);
  });
});

test('item 99: unknown keyword (options) arguments -> ValueError', () => {
  new tf.Graph().asDefault(() => {
    const a = tf.constant(1, { name: 'a' });
    throwsExact(() => tf.group(a, { foo: 1 } as never), tf.ValueError, 'Unknown keyword arguments: foo');
    throwsExact(() => tf.group(a, { name: 'x', foo: 1, bar: 2 } as never), tf.ValueError, 'Unknown keyword arguments: foo, bar');
  });
});

test('item 100: noOp creates an op with no inputs or outputs; fetching it returns null', () => {
  const graph = new tf.Graph();
  const [n, m] = graph.asDefault(() => [tf.noOp(), tf.noOp('named')]);
  assert.ok(n instanceof tf.Operation && m instanceof tf.Operation);
  assert.equal(n.name, 'NoOp');
  assert.equal(n.type, 'NoOp');
  assert.deepEqual([...n.inputs], []);
  assert.deepEqual([...n.outputs], []);
  assert.equal(m.name, 'named');
  assert.equal(graph.asDefault(() => tf.noOp()).name, 'NoOp_1');
  const sess = new tf.Session({ graph });
  assert.equal(sess.run(n), null);
  sess.close();
});

test('item 100: identity is a new Identity op on its input', () => {
  new tf.Graph().asDefault(() => {
    const a = tf.constant([1, 2], { name: 'a' });
    const i = tf.identity(a);
    assert.notEqual(i, a);
    assert.equal(i.name, 'Identity:0');
    assert.equal(i.op.type, 'Identity');
    assert.deepEqual([...i.op.inputs], [a]);
    assert.equal(i.dtype, a.dtype);
    assert.deepEqual(i.shape.dims, [2]);
    assert.equal(tf.identity(a, 'copy').name, 'copy:0');
    assert.equal(tf.identity(a, { name: 'copy' }).name, 'copy_1:0');
  });
});

test('item 100: identity of a variable reads its value (the snapshot, not the ref)', () => {
  const graph = new tf.Graph();
  const { v, i, assign } = graph.asDefault(() => {
    const v = new tf.Variable(1, { name: 'v' });
    return { v, i: tf.identity(v), assign: v.assign(7) };
  });
  assert.equal(i.dtype, 'float32');
  assert.deepEqual(
    i.op.inputs.map((t) => t.name),
    ['v/read:0'],
  );
  const sess = new tf.Session({ graph });
  sess.run(v.initializer);
  assert.equal(sess.run(i).item(), 1);
  sess.run(assign);
  assert.equal(sess.run(i).item(), 7);
  sess.close();
});

test('item 100: withDependencies is identity(t) under controlDependencies(deps), named control_dependency', () => {
  new tf.Graph().asDefault(() => {
    const d1 = tf.constant(0, { name: 'd1' });
    const d2 = tf.noOp('d2');
    const t = tf.constant(1, { name: 't' });
    const r = tf.withDependencies([d1, d2], t);
    assert.ok(r instanceof tf.Tensor);
    assert.equal(r.name, 'control_dependency:0');
    assert.equal(r.op.type, 'Identity');
    assert.deepEqual([...r.op.inputs], [t]);
    assert.deepEqual(sortedNames(r.op.controlInputs), ['d1', 'd2']);
    assert.equal(tf.withDependencies([d1], t).name, 'control_dependency_1:0');
    assert.equal(tf.withDependencies([d1], t, 'named').name, 'named:0');
    // Nothing else was built.
    assert.deepEqual(names(t.consumers()), ['control_dependency', 'control_dependency_1', 'named']);
  });
});

test('item 100: withDependencies builds into the graph of its tensors', () => {
  const g1 = new tf.Graph();
  const [d, t] = g1.asDefault(() => [tf.noOp('d'), tf.constant(1, { name: 't' })] as const);
  const other = new tf.Graph();
  const r = other.asDefault(() => tf.withDependencies([d], t));
  assert.equal(r.graph, g1);
  assert.equal(r.name, 'control_dependency:0');
  assert.equal(other.getOperations().length, 0);
});

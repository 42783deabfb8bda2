// Spec items 38–41: variable names, sub-op layout, control dependencies, collections.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../../src/v1.js';
import { names, throwsExact } from './helpers.js';

test('item 38: default name "Variable", uniquified; explicit names used as given', () => {
  new tf.Graph().asDefault(() => {
    assert.equal(new tf.Variable(0).name, 'Variable:0');
    assert.equal(new tf.Variable(0).name, 'Variable_1:0');
    assert.equal(new tf.Variable(0, { name: 'rnd' }).name, 'rnd:0');
    assert.equal(new tf.Variable(0, { name: 'rnd' }).name, 'rnd_1:0');
    assert.equal(tf.nameScope('outer', () => new tf.Variable(0)).name, 'outer/Variable:0');
  });
});

test('item 38: a variable name collides with op names like any op name', () => {
  new tf.Graph().asDefault(() => {
    tf.constant(1, { name: 'foo' });
    assert.equal(new tf.Variable(0, { name: 'foo' }).name, 'foo_1:0');
    assert.equal(tf.constant(1, { name: 'Variable' }).name, 'Variable:0');
    assert.equal(new tf.Variable(0).name, 'Variable_1:0');
  });
});

test('item 39: a variable creates foo/initial_value, foo, foo/Assign, foo/read', () => {
  const g = new tf.Graph();
  const v = g.asDefault(() => new tf.Variable(42, { name: 'foo' }));
  assert.deepEqual(
    g.getOperations().map((o) => [o.name, o.type]),
    [
      ['foo/initial_value', 'Const'],
      ['foo', 'VariableV2'],
      ['foo/Assign', 'Assign'],
      ['foo/read', 'Identity'],
    ],
  );
  assert.ok(v.op instanceof tf.Operation);
  assert.equal(v.op.name, 'foo');
  assert.equal(v.op.type, 'VariableV2');
  assert.ok(v.initializer instanceof tf.Operation);
  assert.equal(v.initializer.name, 'foo/Assign');
  assert.equal(v.initializer.type, 'Assign');
  const value = v.value();
  assert.ok(value instanceof tf.Tensor);
  assert.equal(value.name, 'foo/read:0');
  assert.equal(value.op.type, 'Identity');
  assert.equal(v.initialValue.name, 'foo/initial_value:0');
  // Wiring: Assign(ref, initial_value), Identity(ref).
  assert.deepEqual(
    v.initializer.inputs.map((t) => t.name),
    ['foo:0', 'foo/initial_value:0'],
  );
  assert.deepEqual(
    value.op.inputs.map((t) => t.name),
    ['foo:0'],
  );
  assert.equal(v.graph, g);
  assert.equal(v.dtype, 'float32');
  assert.deepEqual(v.shape.dims, []);
});

test('item 39: a tensor initial value is used directly (no initial_value const)', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const init = tf.constant([1, 2, 3], { name: 'init' });
    const v = new tf.Variable(init, { name: 'w' });
    assert.equal(v.initialValue, init);
    assert.deepEqual(v.shape.dims, [3]);
    assert.deepEqual(
      g.getOperations().map((o) => o.name),
      ['init', 'w', 'w/Assign', 'w/read'],
    );
  });
});

test('item 39: the initializer sets the value in a session; value() reads it', () => {
  const g = new tf.Graph();
  const v = g.asDefault(() => new tf.Variable(42, { name: 'foo' }));
  const sess = new tf.Session({ graph: g });
  assert.equal(sess.run(v.initializer), null);
  assert.equal(sess.run(v.value()).item(), 42);
  sess.close();
});

test('item 40: variables ignore enclosing control dependencies (testControlDepsNone)', () => {
  new tf.Graph().asDefault((g) => {
    const c = tf.constant(1, { name: 'c' });
    g.controlDependencies([c], () => {
      const d = tf.constant(2, { name: 'd' });
      const v = new tf.Variable(2, { name: 'x' });
      assert.deepEqual(names(d.op.controlInputs), ['c']);
      assert.deepEqual(names(v.initializer.controlInputs), []);
      assert.deepEqual(names(v.value().op.controlInputs), []);
      assert.deepEqual(names(v.op.controlInputs), []);
      assert.deepEqual(names(v.initialValue.op.controlInputs), []);
      // The block is back in force after the variable, and the variable’s ops do not dominate.
      assert.deepEqual(names(tf.identity(v.value()).op.controlInputs), ['c']);
      assert.deepEqual(names(tf.constant(3).op.controlInputs), ['c']);
    });
  });
});

test('item 40: tf.controlDependencies around a variable leaves it without control inputs', () => {
  new tf.Graph().asDefault(() => {
    const c = tf.constant(1, { name: 'c' });
    using _ = tf.controlDependencies([c]);
    const v = new tf.Variable(0);
    for (const op of [v.op, v.initializer, v.value().op, v.initialValue.op]) {
      assert.deepEqual(names(op.controlInputs), [], op.name);
    }
  });
});

test('item 41: GLOBAL_VARIABLES always, TRAINABLE_VARIABLES unless trainable: false (testCollections)', () => {
  new tf.Graph().asDefault((g) => {
    const x = new tf.Variable(2.0);
    const y = new tf.Variable(2.0, { trainable: false });
    const z = new tf.Variable(2.0, { trainable: true });
    const t = new tf.Variable(2.0, {
      trainable: true,
      collections: [tf.GraphKeys.TRAINABLE_VARIABLES, tf.GraphKeys.GLOBAL_VARIABLES],
    });
    assert.deepEqual(tf.globalVariables(), [x, y, z, t]);
    assert.deepEqual(tf.trainableVariables(), [x, z, t]);
    assert.deepEqual(g.getCollection(tf.GraphKeys.GLOBAL_VARIABLES), [x, y, z, t]);
    assert.deepEqual(g.getCollection(tf.GraphKeys.TRAINABLE_VARIABLES), [x, z, t]);
    assert.equal(y.trainable, false);
    assert.equal(x.trainable, true);
  });
});

test('item 41: an explicit collections list replaces GLOBAL_VARIABLES', () => {
  new tf.Graph().asDefault(() => {
    const a = new tf.Variable(0, { collections: ['mine'] });
    const b = new tf.Variable(0, { collections: [tf.GraphKeys.LOCAL_VARIABLES], trainable: false });
    const c = new tf.Variable(0, { collections: [] });
    assert.deepEqual(tf.getCollection('mine'), [a]);
    assert.deepEqual(tf.globalVariables(), []);
    assert.deepEqual(tf.trainableVariables(), [a, c]);
    assert.deepEqual(tf.localVariables(), [b]);
  });
});

test('item 41: collections may be a Set (Python set)', () => {
  new tf.Graph().asDefault(() => {
    const v = new tf.Variable(0, { collections: new Set(['s1', 's2']) as unknown as string[], trainable: false });
    assert.deepEqual(tf.getCollection('s1'), [v]);
    assert.deepEqual(tf.getCollection('s2'), [v]);
  });
});

test('item 41: a collections argument that is not a list or set -> ValueError', () => {
  new tf.Graph().asDefault((g) => {
    throwsExact(
      () => new tf.Variable(0, { collections: 'foo' as unknown as string[] }),
      tf.ValueError,
      'collections argument to Variable constructor must be a list, tuple, or set. Got foo of type string',
    );
    // Checked before anything is built.
    assert.deepEqual(g.getOperations(), []);
  });
});

test('item 41: globalVariables/trainableVariables are per graph and in creation order', () => {
  const g1 = new tf.Graph();
  const g2 = new tf.Graph();
  const a = g1.asDefault(() => new tf.Variable(0, { name: 'a' }));
  const b = g2.asDefault(() => new tf.Variable(0, { name: 'b' }));
  const c = g1.asDefault(() => new tf.Variable(0, { name: 'c' }));
  g1.asDefault(() => {
    assert.deepEqual(tf.globalVariables(), [a, c]);
    assert.deepEqual(tf.trainableVariables(), [a, c]);
  });
  g2.asDefault(() => assert.deepEqual(tf.globalVariables(), [b]));
});

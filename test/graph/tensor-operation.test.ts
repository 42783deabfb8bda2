// Tensor and Operation properties; setShape (item 34, as the brief asks); Tensor string form (item 25).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../../src/v1.js';
import { names, throwsExact } from './helpers.js';
import { twoFloatOutputs } from './test-ops.js';

test('Tensor: name, op, dtype, shape, graph, valueIndex', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const a = tf.constant([1, 2, 3], { name: 'a' });
    assert.equal(a.name, 'a:0');
    assert.ok(a.op instanceof tf.Operation);
    assert.equal(a.op.name, 'a');
    assert.equal(a.dtype, 'float32');
    assert.ok(a.shape instanceof tf.TensorShape);
    assert.deepEqual(a.shape.dims, [3]);
    assert.equal(a.graph, g);
    assert.equal(a.valueIndex, 0);
    const i = tf.constant(1, { dtype: 'int32' });
    assert.equal(i.dtype, 'int32');
    assert.deepEqual(i.shape.dims, []);
    const p = tf.placeholder('float32', [null, 3]);
    assert.deepEqual(p.shape.dims, [null, 3]);
    assert.equal(tf.placeholder('float32').shape.dims, null);
    const two = twoFloatOutputs();
    assert.equal(two.outputs[1]?.valueIndex, 1);
    assert.equal(two.outputs[1]?.op, two);
  });
});

test('Operation: name, type, inputs, outputs, controlInputs, graph', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const a = tf.constant(1, { name: 'a' });
    const b = tf.constant(2, { name: 'b' });
    const s = g.controlDependencies([b], () => tf.add(a, b, 'sum'));
    const op = s.op;
    assert.equal(op.name, 'sum');
    assert.equal(op.type, 'AddV2');
    assert.deepEqual([...op.inputs], [a, b]);
    assert.deepEqual([...op.outputs], [s]);
    // b is a data input: no control input on it.
    assert.deepEqual(names(op.controlInputs), []);
    assert.equal(op.graph, g);
    assert.equal(a.op.type, 'Const');
    assert.deepEqual([...a.op.inputs], []);
    const n = tf.noOp({ name: 'n' });
    assert.equal(n.type, 'NoOp');
    assert.deepEqual([...n.outputs], []);
  });
});

test('Operation.getAttr returns attrs by their TensorFlow names; a missing attr is a ValueError', () => {
  new tf.Graph().asDefault(() => {
    const p = tf.placeholder('int32', [null, 2], 'p');
    assert.equal(p.op.getAttr('dtype'), 'int32');
    const shape = p.op.getAttr('shape');
    assert.ok(shape instanceof tf.TensorShape);
    assert.deepEqual(shape.dims, [null, 2]);
    const s = tf.add(tf.constant(1), tf.constant(2));
    assert.equal(s.op.getAttr('T'), 'float32');
    throwsExact(() => p.op.getAttr('foo'), tf.ValueError, "Operation 'p' has no attr named 'foo'.");
  });
});

test('Tensor.consumers lists the ops using it as a data input, in creation order', () => {
  new tf.Graph().asDefault((g) => {
    const a = tf.constant(1, { name: 'a' });
    assert.deepEqual(a.consumers(), []);
    const x = tf.identity(a, 'x');
    const y = tf.add(a, x, 'y');
    g.controlDependencies([a], () => tf.constant(0, { name: 'ctrl_only' }));
    assert.deepEqual(names(a.consumers()), ['x', 'y']);
    assert.deepEqual(names(x.consumers()), ['y']);
    const copy = a.consumers();
    copy.pop();
    assert.deepEqual(names(a.consumers()), ['x', 'y']);
    assert.equal(y.op.inputs[0], a);
  });
});

test('item 34: setShape refines the static shape and adds no op', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const p = tf.placeholder('float32', [null, 3]);
    const n = g.getOperations().length;
    p.setShape([2, null]);
    assert.deepEqual(p.shape.dims, [2, 3]);
    p.setShape([null, null]);
    assert.deepEqual(p.shape.dims, [2, 3]);
    p.setShape(null);
    assert.deepEqual(p.shape.dims, [2, 3]);
    const u = tf.placeholder('float32');
    u.setShape([4, null]);
    assert.deepEqual(u.shape.dims, [4, null]);
    assert.equal(u.toString(), 'Tensor("Placeholder_1:0", shape=(4, ?), dtype=float32)');
    assert.equal(g.getOperations().length, n + 1);
  });
});

test('item 34: setShape with a different rank raises ValueError', () => {
  new tf.Graph().asDefault(() => {
    const p = tf.placeholder('float32', [2, 3]);
    throwsExact(() => p.setShape([2, 3, 1]), tf.ValueError, 'Shapes (2, 3) and (2, 3, 1) are not compatible');
    assert.deepEqual(p.shape.dims, [2, 3]);
  });
});

test('item 34: setShape with a conflicting dimension raises ValueError (TensorShape.merge_with re-raises)', () => {
  new tf.Graph().asDefault(() => {
    const p = tf.placeholder('float32', [2, 3]);
    const e = throwsExact(() => p.setShape([2, 4]), tf.ValueError, /not compatible/);
    assert.deepEqual(p.shape.dims, [2, 3]);
    // TensorFlow's TensorShape.merge_with catches Dimension's error and raises this text.
    assert.equal(e.message, 'Shapes (2, 3) and (2, 4) are not compatible');
  });
});

test('item 25: Tensor toString is TF1’s Tensor("name:i", shape=(...), dtype=...)', () => {
  new tf.Graph().asDefault(() => {
    const a = tf.constant(1, { name: 'a' });
    const sum = tf.add(a, a, 'add');
    assert.equal(sum.toString(), 'Tensor("add:0", shape=(), dtype=float32)');
    assert.equal(String(sum), 'Tensor("add:0", shape=(), dtype=float32)');
    assert.equal(`${sum}`, 'Tensor("add:0", shape=(), dtype=float32)');
    assert.equal(String(tf.placeholder('float32', [null, 3], 'x')), 'Tensor("x:0", shape=(?, 3), dtype=float32)');
    assert.equal(String(tf.placeholder('int32', [5], 'v')), 'Tensor("v:0", shape=(5,), dtype=int32)');
    assert.equal(String(tf.placeholder('float32', [2, 3], 'm')), 'Tensor("m:0", shape=(2, 3), dtype=float32)');
    assert.equal(String(tf.placeholder('float32', null, 'u')), 'Tensor("u:0", dtype=float32)');
    assert.equal(String(tf.placeholder('bool', [null, null], 'b')), 'Tensor("b:0", shape=(?, ?), dtype=bool)');
  });
});

test('item 25: a variable’s ref tensor prints dtype=float32_ref', () => {
  new tf.Graph().asDefault((g) => {
    new tf.Variable([1, 2], { name: 'v' });
    assert.equal(String(g.getTensorByName('v:0')), 'Tensor("v:0", shape=(2,), dtype=float32_ref)');
    assert.equal(String(g.getTensorByName('v/read:0')), 'Tensor("v/read:0", shape=(2,), dtype=float32)');
  });
});

test('item 24: graph tensors compare by identity and work as Map keys', () => {
  new tf.Graph().asDefault(() => {
    const a = tf.constant(1);
    const b = tf.constant(1);
    const m = new Map<tf.Tensor, string>([
      [a, 'a'],
      [b, 'b'],
    ]);
    assert.equal(m.get(a), 'a');
    assert.equal(m.get(b), 'b');
    assert.notEqual(a, b);
  });
});

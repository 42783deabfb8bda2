import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../../src/v1.js';
import { expectThrows } from './helpers.js';

test('tf.assign / tf.assignAdd / tf.assignSub build ops that update on every run', () => {
  const g = new tf.Graph();
  const o = g.asDefault(() => {
    const v = new tf.Variable(0, { name: 'v' });
    return { v, set: tf.assign(v, 10), add: tf.assignAdd(v, 2), sub: tf.assignSub(v, 5, { name: 'down' }) };
  });
  assert.deepEqual([o.set.op.type, o.add.op.type, o.sub.op.type], ['Assign', 'AssignAdd', 'AssignSub']);
  assert.deepEqual([o.set.op.name, o.add.op.name, o.sub.op.name], ['Assign', 'AssignAdd', 'down']);
  const sess = new tf.Session({ graph: g });
  assert.equal(sess.run(o.set).item(), 10);
  assert.equal(sess.run(o.add).item(), 12);
  assert.equal(sess.run(o.add).item(), 14);
  assert.equal(sess.run(o.sub).item(), 9);
  assert.equal(sess.run(o.v).item(), 9);
});

test('tf.assign takes validateShape positionally; false allows a new shape', () => {
  const g = new tf.Graph();
  const o = g.asDefault(() => {
    const v = new tf.Variable([1, 2], { name: 'v', validateShape: false });
    return { v, grow: tf.assign(v, [1, 2, 3], false), strict: tf.assign(v, [4, 5, 6]) };
  });
  assert.equal(o.grow.op.getAttr('validate_shape'), false);
  assert.equal(o.strict.op.getAttr('validate_shape'), true);
  const sess = new tf.Session({ graph: g });
  assert.deepEqual(sess.run(o.grow).toArray(), [1, 2, 3]);
  assert.deepEqual(sess.run(o.v).toArray(), [1, 2, 3]);
});

test('tf.assign on a plain tensor is refused: it needs a variable', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const c = tf.constant(1);
    expectThrows(() => tf.assign(c, 2), TypeError, "'Assign' Op requires that input 'ref' be a mutable tensor (e.g.: a tf.Variable)");
  });
});

test('tf.assignAdd on an uninitialized variable fails with the uninitialized error and changes nothing', () => {
  const g = new tf.Graph();
  const o = g.asDefault(() => {
    const v = new tf.Variable(1, { name: 'counter' });
    return { v, inc: tf.assignAdd(v, 1), init: v.initializer };
  });
  const sess = new tf.Session({ graph: g });
  assert.throws(
    () => sess.run(o.inc),
    (e: unknown) => e instanceof tf.errors.FailedPreconditionError && e.baseMessage === 'Attempting to use uninitialized value counter',
  );
  sess.run(o.init);
  assert.equal(sess.run(o.inc).item(), 2);
});

test('tf.convertToTensor takes dtype positionally or as an option, and a preferred dtype as a hint', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    assert.equal(tf.convertToTensor(3, 'int32').dtype, 'int32');
    assert.equal(tf.convertToTensor([1, 2], { name: 'c' }).op.name, 'c');
    assert.equal(tf.convertToTensor(3, { preferredDtype: 'int32' }).dtype, 'int32');
    assert.equal(tf.convertToTensor(1.5, { preferredDtype: 'int32' }).dtype, 'float32');
    const t = tf.constant(1);
    assert.equal(tf.convertToTensor(t), t);
    assert.throws(() => tf.convertToTensor(t, 'int32'), tf.ValueError);
  });
});

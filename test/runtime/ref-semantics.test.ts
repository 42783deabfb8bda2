// Ref variables as TensorFlow 1 has them (DESIGN §1): reads alias the variable's buffer and
// Assign/AssignAdd/AssignSub update it in place.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';

describe('ref variables: reads alias, updates in place', () => {
  test('identity after an assignAdd dependency reads the incremented value: 1 2 3 4 5', () => {
    const g = new tf.Graph();
    const { y, x } = g.asDefault(() => {
      const x = new tf.Variable(0, { name: 'x' });
      const inc = tf.assignAdd(x, 1);
      const y = tf.controlDependencies([inc], () => tf.identity(x));
      return { x, y };
    });
    using sess = new tf.Session({ graph: g });
    sess.run(x.initializer);
    const printed: string[] = [];
    for (let i = 0; i < 5; i++) printed.push(String(sess.run(y)));
    assert.deepEqual(printed, ['1', '2', '3', '4', '5']);
  });

  test('an assign keeps the variable buffer: a read taken before the update in the same run sees it', () => {
    const g = new tf.Graph();
    const { v, read, both } = g.asDefault(() => {
      const v = new tf.Variable([1, 2], { name: 'v' });
      const read = v.value();
      // The read runs first (the assign depends on it), yet aliases the buffer the assign updates.
      const upd = tf.controlDependencies([read], () => tf.assign(v, [10, 20]));
      return { v, read, both: [read, upd] as const };
    });
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    const [r, u] = sess.run(both);
    assert.deepEqual(u.toArray(), [10, 20]);
    assert.deepEqual(r.toArray(), [10, 20]);
    assert.deepEqual(sess.run(read).toArray(), [10, 20]);
  });

  test('values fetched earlier are copies: later updates do not change them', () => {
    const g = new tf.Graph();
    const { v, inc } = g.asDefault(() => {
      const v = new tf.Variable([1, 1], { name: 'v' });
      return { v, inc: tf.assignAdd(v, [1, 1]) };
    });
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    const before = sess.run(v);
    sess.run(inc);
    assert.deepEqual(before.toArray(), [1, 1]);
    assert.deepEqual(sess.run(v).toArray(), [2, 2]);
  });

  test('a fed initial value is copied in: changing the fed array later does not change the variable', () => {
    const g = new tf.Graph();
    const { v, p, init } = g.asDefault(() => {
      const p = tf.placeholder('float32', [2], 'p');
      const v = new tf.Variable(tf.zeros([2]), { name: 'v' });
      return { v, p, init: tf.assign(v, p) };
    });
    using sess = new tf.Session({ graph: g });
    const fed = new tf.NDArray('float32', [2], Float32Array.of(5, 6));
    sess.run(init, new Map([[p, fed]]));
    (fed.data as Float32Array)[0] = 99;
    assert.deepEqual(sess.run(v).toArray(), [5, 6]);
  });

  test('constants are never written: assigning from one then updating leaves the constant intact', () => {
    const g = new tf.Graph();
    const { v, c, inc } = g.asDefault(() => {
      const c = tf.constant([1, 2], { name: 'c' });
      const v = new tf.Variable(c, { name: 'v' });
      return { v, c, inc: tf.assignAdd(v, [1, 1]) };
    });
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    sess.run(inc);
    sess.run(inc);
    assert.deepEqual(sess.run(v).toArray(), [3, 4]);
    assert.deepEqual(sess.run(c).toArray(), [1, 2]);
    sess.run(v.initializer);
    assert.deepEqual(sess.run(v).toArray(), [1, 2]);
  });

  test('an assign of a new shape (validateShape false) gives the variable a new buffer', () => {
    const g = new tf.Graph();
    const { v, grow } = g.asDefault(() => {
      const v = new tf.Variable([1, 2], { name: 'v', validateShape: false });
      return { v, grow: tf.assign(v, [1, 2, 3], false) };
    });
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    const old = sess.run(v);
    sess.run(grow);
    assert.deepEqual(sess.run(v).toArray(), [1, 2, 3]);
    assert.deepEqual(old.toArray(), [1, 2]);
  });
});

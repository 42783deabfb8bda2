// TF1 state programs: the "Basic Usage" counter (tf.add + tf.assign in a loop), assign_add in a
// loop, tf.group of several updates, and control dependencies ordering an assign before a read.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { show } from './helpers.js';

describe('the Basic Usage counter', () => {
  test('state = Variable(0, name="counter"); update = assign(state, state + 1) printed 0 1 2 3', () => {
    tf.resetDefaultGraph();
    // state = tf.Variable(0, name="counter")   (a Python int: int32; here the dtype is explicit)
    const state = new tf.Variable(0, { name: 'counter', dtype: tf.int32 });
    // one = tf.constant(1); new_value = tf.add(state, one); update = tf.assign(state, new_value)
    const one = tf.constant(1, tf.int32);
    const newValue = tf.add(state, one);
    const update = tf.assign(state, newValue);
    const initOp = tf.globalVariablesInitializer();
    assert.equal(String(state), "<tf.Variable 'counter:0' shape=() dtype=int32_ref>");
    assert.equal(String(update), 'Tensor("Assign:0", shape=(), dtype=int32_ref)');

    const printed: string[] = [];
    using sess = new tf.Session();
    sess.run(initOp);
    printed.push(show(sess.run(state)));
    for (let i = 0; i < 3; i++) {
      sess.run(update);
      printed.push(show(sess.run(state)));
    }
    assert.deepEqual(printed, ['0', '1', '2', '3']);
    assert.equal(sess.run(state).dtype, 'int32');
  });

  test('assign_add in a loop returns the new value each run; Variable.eval under sess.asDefault', () => {
    tf.resetDefaultGraph();
    // v = tf.Variable(0.0); inc = v.assign_add(1.0)
    const v = new tf.Variable(0.0);
    const inc = v.assignAdd(1.0);
    using sess = new tf.Session();
    sess.run(v.initializer);
    const seen = [];
    for (let i = 0; i < 5; i++) seen.push(sess.run(inc).item());
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
    // with sess.as_default(): print(v.eval())  -> 5.0
    const value = sess.asDefault(() => v.eval());
    assert.equal(show(value), '5');
    // assign_sub with the functional form: tf.assign_sub(v, 2.5) -> 2.5
    assert.equal(sess.run(tf.assignSub(v, 2.5)).item(), 2.5);
  });
});

describe('tf.group of several updates', () => {
  test('updates = tf.group(a.assign_add(1.0), b.assign_sub(1.0), name="updates")', () => {
    tf.resetDefaultGraph();
    const a = new tf.Variable(0.0, { name: 'a' });
    const b = new tf.Variable(10.0, { name: 'b' });
    const updates = tf.group(a.assignAdd(1.0), b.assignSub(1.0), { name: 'updates' });
    assert.equal(updates.name, 'updates');
    assert.equal(updates.type, 'NoOp');
    assert.deepEqual(
      updates.controlInputs.map((op) => op.name),
      ['AssignAdd', 'AssignSub'],
    );
    using sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    // sess.run(updates) -> None
    assert.equal(sess.run(updates), null);
    sess.run(updates);
    sess.run(updates);
    // print(sess.run([a, b])) -> [3.0, 7.0]
    assert.deepEqual(
      sess.run([a, b]).map((x) => x.item()),
      [3, 7],
    );
    // updates.run() under the default session
    sess.asDefault(() => updates.run());
    assert.equal(show(sess.run(a)), '4');
    assert.equal(show(sess.run(b)), '6');
  });

  test('print(updates) shows the NodeDef as TensorFlow prints str(op)', () => {
    tf.resetDefaultGraph();
    const a = new tf.Variable(0.0, { name: 'a' });
    const b = new tf.Variable(10.0, { name: 'b' });
    const updates = tf.group(a.assignAdd(1.0), b.assignSub(1.0), { name: 'updates' });
    // Python: print(updates)   (Operation.__str__ is str(self.node_def))
    assert.equal(String(updates), 'name: "updates"\nop: "NoOp"\ninput: "^AssignAdd"\ninput: "^AssignSub"\n');
  });

  test('tf.group with a list argument and the default name group_deps', () => {
    tf.resetDefaultGraph();
    const counters = [0, 1, 2].map((i) => new tf.Variable(i, { name: `c${i}` }));
    const incs = counters.map((c) => c.assignAdd(10));
    const step = tf.group(incs);
    assert.equal(step.name, 'group_deps');
    using sess = new tf.Session();
    sess.run(tf.variablesInitializer(counters));
    sess.run(step);
    assert.equal(show(sess.run(counters)), '[ 10, 11, 12 ]');
  });
});

describe('control dependencies', () => {
  test('with tf.control_dependencies([assign]): y = x.read_value() reads the assigned value', () => {
    tf.resetDefaultGraph();
    // x = tf.Variable(1.0); assign = tf.assign(x, 5.0)
    const x = new tf.Variable(1.0, { name: 'x' });
    const assignOp = tf.assign(x, 5.0);
    // with tf.control_dependencies([assign]): y = x.read_value()
    const y = tf.controlDependencies([assignOp], () => x.readValue());
    assert.deepEqual(
      y.op.controlInputs.map((op) => op.name),
      ['Assign'],
    );
    using sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    assert.equal(sess.run(x).item(), 1);
    assert.equal(sess.run(y).item(), 5);
    assert.equal(sess.run(x).item(), 5);
  });

  test('the `using` form: an increment runs before the doubled read, every run', () => {
    tf.resetDefaultGraph();
    const v = new tf.Variable(1.0, { name: 'v' });
    const inc = tf.assignAdd(v, 1.0);
    let doubled: tf.Tensor;
    {
      using _deps = tf.controlDependencies([inc]);
      doubled = tf.multiply(v.readValue(), 2, { name: 'doubled' });
    }
    // Outside the block, no control dependency is added.
    const plain = tf.identity(v.readValue(), 'plain');
    assert.deepEqual(plain.op.controlInputs, []);
    using sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    assert.equal(sess.run(doubled).item(), 4);
    assert.equal(sess.run(doubled).item(), 6);
    assert.equal(sess.run(plain).item(), 3);
  });

  test('tf.with_dependencies: out = with_dependencies([inc], tf.constant(7.0)) runs inc first', () => {
    tf.resetDefaultGraph();
    const v = new tf.Variable(0.0, { name: 'v' });
    const inc = v.assignAdd(1);
    const out = tf.withDependencies([inc], tf.constant(7.0));
    assert.equal(out.op.name, 'control_dependency');
    assert.deepEqual(
      out.op.controlInputs.map((op) => op.name),
      ['AssignAdd'],
    );
    using sess = new tf.Session();
    sess.run(v.initializer);
    assert.equal(show(sess.run(out)), '7');
    assert.equal(show(sess.run(out)), '7');
    assert.equal(show(sess.run(v)), '2');
  });
});

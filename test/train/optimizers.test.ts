// TF1 optimizers (training/optimizer.py and subclasses): names, slots, errors, values.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, expectClose, expectTypeError, expectValueError, opNames } from '../ops/helpers.js';

describe('tf.train optimizers', () => {
  test("§I 122: optimizer.py's worked example (a non-scalar cost is summed)", () => {
    const { g, sess, out } = build(() => {
      const var0 = new tf.Variable([1, 2], { name: 'var0' });
      const var1 = new tf.Variable([3, 4], { name: 'var1' });
      const cost = tf.add(tf.multiply(5, var0), tf.multiply(3, var1));
      const step = tf.train.getOrCreateGlobalStep();
      const train = new tf.train.GradientDescentOptimizer(3.0).minimize(cost, step, [var0, var1]);
      return { var0, var1, step, train, init: tf.globalVariablesInitializer() };
    });
    sess.run(out.init);
    sess.run(out.train);
    expectClose(sess.run(out.var0).toArray(), [-14, -13]);
    expectClose(sess.run(out.var1).toArray(), [-6, -5]);
    assert.equal(sess.run(out.step).item(), 1n);
    assert.equal(out.train.name, 'GradientDescent');
    assert.equal(out.train.type, 'AssignAdd');
    assert.deepEqual(g.getCollection(tf.GraphKeys.TRAIN_OP), [out.train]);
    const names = opNames(g).filter((n) => n.startsWith('GradientDescent'));
    assert.deepEqual(names.filter((n) => !n.endsWith('value') && !n.includes('Const')), [
      'GradientDescent/learning_rate',
      'GradientDescent/update_var0/ApplyGradientDescent',
      'GradientDescent/update_var1/ApplyGradientDescent',
      'GradientDescent/update',
      'GradientDescent',
    ]);
  });

  test('Adam: slots <var>/Adam and <var>/Adam_1, beta powers, op layout as TensorFlow', () => {
    const { g, out } = build(() => {
      const w = new tf.Variable([1, 2], { name: 'w' });
      const b = new tf.Variable(0.5, { name: 'b' });
      const loss = tf.add(tf.multiply(w, w), tf.multiply(b, b));
      const opt = new tf.train.AdamOptimizer(0.1);
      const train = opt.minimize(loss);
      return { w, b, opt, train };
    });
    const { opt, w } = out;
    assert.deepEqual(opt.getSlotNames(), ['m', 'v']);
    assert.equal(opt.getSlot(w, 'm')?.name, 'w/Adam:0');
    assert.equal(opt.getSlot(w, 'v')?.name, 'w/Adam_1:0');
    assert.equal(opt.getSlot(w, 'nope'), null);
    g.asDefault(() => assert.deepEqual(opt.variables().map((v) => v.name), ['b/Adam:0', 'b/Adam_1:0', 'beta1_power:0', 'beta2_power:0', 'w/Adam:0', 'w/Adam_1:0']));
    const names = opNames(g).filter((n) => !n.startsWith('gradients') && !['w', 'b', 'mul', 'mul_1', 'add'].some((p) => n === p || n.startsWith(`${p}/`)) || /\/Adam/.test(n));
    assert.deepEqual(
      names.filter((n) => n.startsWith('Adam') || n.includes('power') || n.includes('/Adam')),
      [
        'beta1_power/initial_value', 'beta1_power', 'beta1_power/Assign', 'beta1_power/read',
        'beta2_power/initial_value', 'beta2_power', 'beta2_power/Assign', 'beta2_power/read',
        'w/Adam/Initializer/zeros', 'w/Adam', 'w/Adam/Assign', 'w/Adam/read',
        'w/Adam_1/Initializer/zeros', 'w/Adam_1', 'w/Adam_1/Assign', 'w/Adam_1/read',
        'b/Adam/Initializer/zeros', 'b/Adam', 'b/Adam/Assign', 'b/Adam/read',
        'b/Adam_1/Initializer/zeros', 'b/Adam_1', 'b/Adam_1/Assign', 'b/Adam_1/read',
        'Adam/learning_rate', 'Adam/beta1', 'Adam/beta2', 'Adam/epsilon',
        'Adam/update_w/ApplyAdam', 'Adam/update_b/ApplyAdam',
        'Adam/mul', 'Adam/Assign', 'Adam/mul_1', 'Adam/Assign_1', 'Adam',
      ],
    );
    assert.equal(out.train.name, 'Adam');
    assert.equal(out.train.type, 'NoOp');
  });

  test('slot names of Momentum, RMSProp (centered), Adagrad', () => {
    build(() => {
      const w = new tf.Variable([1, 2], { name: 'w' });
      const loss = tf.multiply(w, w);
      const m = new tf.train.MomentumOptimizer(0.1, 0.9);
      m.minimize(loss);
      assert.deepEqual(m.getSlotNames(), ['momentum']);
      assert.equal(m.getSlot(w, 'momentum')?.name, 'w/Momentum:0');
      const r = new tf.train.RMSPropOptimizer(0.1, { centered: true });
      r.minimize(loss);
      assert.deepEqual(r.getSlotNames(), ['mg', 'momentum', 'rms']);
      assert.deepEqual(['rms', 'mg', 'momentum'].map((s) => r.getSlot(w, s)?.name), ['w/RMSProp:0', 'w/RMSProp_1:0', 'w/RMSProp_2:0']);
      const a = new tf.train.AdagradOptimizer(0.1);
      const t = a.minimize(loss, { name: 'train' });
      assert.equal(t.name, 'train');
      assert.equal(a.getSlot(w, 'accumulator')?.name, 'w/Adagrad:0');
      assert.ok(tf.getDefaultGraph().getOperationByName('train/update_w/ApplyAdagrad'));
    });
  });

  test("TensorFlow's errors", () => {
    build(() => {
      const w = new tf.Variable(1.0, { name: 'w' });
      const opt = new tf.train.GradientDescentOptimizer(0.1);
      expectValueError(() => opt.applyGradients([]), 'No variables provided.');
      expectValueError(() => opt.applyGradients([[null, w]]), `No gradients provided for any variable: ["<tf.Variable 'w:0' shape=() dtype=float32_ref>"].`);
      const c = tf.constant(1.0);
      expectValueError(
        () => opt.minimize(c, { varList: [w] }),
        `No gradients provided for any variable, check your graph for ops that do not support gradients, between variables ["<tf.Variable 'w:0' shape=() dtype=float32_ref>"] and loss Tensor("Const:0", shape=(), dtype=float32).`,
      );
      expectValueError(() => opt.minimize(c, { varList: [] }), 'No variables to optimize.');
      expectValueError(() => new tf.train.AdagradOptimizer(0.1, 0), 'initial_accumulator_value must be positive: 0.0');
      expectValueError(() => opt.computeGradients(tf.multiply(w, 2), { gateGradients: 5 }), 'gate_gradients must be one of: Optimizer.GATE_NONE, Optimizer.GATE_OP, Optimizer.GATE_GRAPH.  Not 5');
      expectValueError(() => opt.minimize(tf.constant(1, 'int32'), { varList: [w] }), 'Invalid type tf.int32 for Const_1:0, expected: [tf.float32, tf.float64, tf.float16, tf.bfloat16].');
    });
  });

  test('global step: create, get, errors', () => {
    build(() => {
      assert.equal(tf.train.getGlobalStep(), null);
      const gs = tf.train.getOrCreateGlobalStep();
      assert.equal(gs.name, 'global_step:0');
      assert.equal(gs.dtype, 'int64');
      assert.equal(tf.train.getOrCreateGlobalStep(), gs);
      assert.deepEqual(tf.getCollection(tf.GraphKeys.GLOBAL_STEP), [gs]);
      assert.ok(!tf.trainableVariables().includes(gs as tf.Variable));
      assert.ok(opNames(tf.getDefaultGraph()).includes('global_step/Initializer/zeros'));
      expectValueError(() => tf.train.createGlobalStep(), '"global_step" already exists.');
    });
    build(() => {
      new tf.Variable(1.0, { name: 'global_step' });
      expectTypeError(() => tf.train.getGlobalStep(), `Existing "global_step" does not have integer type: <dtype: 'float32_ref'>`);
    });
    build(() => {
      tf.nameScope('outer', () => assert.equal(tf.train.createGlobalStep().name, 'global_step:0'));
    });
  });

  test('learning rate as a tensor or a function; float64 variables cast it', () => {
    const { sess, out } = build(() => {
      const w = new tf.Variable([1, 2], { name: 'w', dtype: 'float64' });
      const lr = tf.placeholderWithDefault(tf.constant(0.5), []);
      const t1 = new tf.train.GradientDescentOptimizer(lr).minimize(tf.multiply(w, 2));
      const t2 = new tf.train.GradientDescentOptimizer(() => tf.constant(0.25)).minimize(tf.multiply(w, 2));
      return { w, t1, t2, init: tf.globalVariablesInitializer() };
    });
    sess.run(out.init);
    sess.run(out.t1);
    expectClose(sess.run(out.w).toArray(), [0, 1]);
    sess.run(out.t2);
    expectClose(sess.run(out.w).toArray(), [-0.5, 0.5]);
  });
});

describe('minimize with the global step as getGlobalStep returns it', () => {
  // TF1 scripts pass `tf.train.getOrCreateGlobalStep()` (a Variable) or the step's ref tensor
  // (`global_step:0`, as `getGlobalStep` finds it by name): both are incremented once per step.
  for (const how of ['getOrCreateGlobalStep', 'ref tensor by name'] as const) {
    test(how, () => {
      const { sess, out } = build(() => {
        const w = new tf.Variable(3, { name: 'w' });
        const created = tf.train.getOrCreateGlobalStep();
        const step = how === 'getOrCreateGlobalStep' ? created : tf.getDefaultGraph().getTensorByName('global_step:0');
        const lr = tf.train.exponentialDecay(0.5, step, 1, 0.5, true);
        const train = new tf.train.GradientDescentOptimizer(lr).minimize(tf.square(w), { globalStep: step });
        return { w, created, train, init: tf.globalVariablesInitializer() };
      });
      sess.run(out.init);
      sess.run(out.train); // lr 0.5: w ← 3 − 0.5·6 = 0
      assert.equal(tf.train.globalStep(sess, out.created), 1);
      sess.run(out.w.assign(2));
      sess.run(out.train); // lr 0.25: w ← 2 − 0.25·4 = 1
      assert.equal(sess.run(out.w).item(), 1);
      assert.equal(tf.train.globalStep(sess, out.created), 2);
    });
  }
});

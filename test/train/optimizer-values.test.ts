// Optimizer updates against TensorFlow 2.21 (golden/optimizers.py), and a linear regression that
// each optimizer trains to the closed-form answer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, expectClose, expectOpError } from '../ops/helpers.js';
import { OPTIMIZERS_GOLDEN as G } from './golden/optimizers-golden.js';

const MAKE: Record<string, () => tf.train.Optimizer> = {
  gd: () => new tf.train.GradientDescentOptimizer(0.1),
  momentum: () => new tf.train.MomentumOptimizer(0.1, 0.9),
  nesterov: () => new tf.train.MomentumOptimizer(0.05, 0.9, { useNesterov: true }),
  adam: () => new tf.train.AdamOptimizer(0.1),
  rmsprop: () => new tf.train.RMSPropOptimizer(0.1),
  rmsprop_centered: () => new tf.train.RMSPropOptimizer(0.05, { decay: 0.8, momentum: 0.5, epsilon: 1e-6, centered: true }),
  adagrad: () => new tf.train.AdagradOptimizer(0.2, { initialAccumulatorValue: 0.5 }),
};

describe('optimizer updates equal TensorFlow 2.21 after 1 and 2 steps', () => {
  for (const [key, steps] of Object.entries(G.results)) {
    test(key, () => {
      const make = MAKE[key];
      assert.ok(make, key);
      const { sess, out } = build(() => {
        const w = new tf.Variable(G.w0, { name: 'w' });
        const b = new tf.Variable(G.b0, { name: 'b' });
        const pred = tf.add(tf.matmul(tf.constant(G.x), w), b);
        const loss = tf.square(tf.subtract(pred, tf.constant(G.y)));
        const opt = make();
        return { w, b, opt, train: opt.minimize(loss), init: tf.globalVariablesInitializer() };
      });
      sess.run(out.init);
      for (const step of steps as { w: number[][]; b: number[]; slots: Record<string, Record<string, unknown>> }[]) {
        sess.run(out.train);
        expectClose(sess.run(out.w).toArray(), step.w, 1e-5);
        expectClose(sess.run(out.b).toArray(), step.b, 1e-5);
        assert.deepEqual(out.opt.getSlotNames(), Object.keys(step.slots).sort());
        for (const [slot, byVar] of Object.entries(step.slots)) {
          expectClose(sess.run(out.opt.getSlot(out.w, slot) as tf.Variable).toArray(), byVar.w, 1e-5);
          expectClose(sess.run(out.opt.getSlot(out.b, slot) as tf.Variable).toArray(), byVar.b, 1e-5);
        }
      }
    });
  }
});

describe('linear regression trains to the closed-form answer', () => {
  // y = 2x - 1 exactly, so least squares gives w = 2, b = -1.
  const X = [[0], [1], [2], [3]];
  const Y = X.map(([x]) => [2 * (x as number) - 1]);
  // RMSProp steps by about lr near the optimum (it divides by the gradient's RMS), so it gets a looser tolerance.
  const cases: [string, () => tf.train.Optimizer, number, number?][] = [
    ['GradientDescent', () => new tf.train.GradientDescentOptimizer(0.05), 500],
    ['Momentum', () => new tf.train.MomentumOptimizer(0.02, 0.9), 500],
    ['Momentum (Nesterov)', () => new tf.train.MomentumOptimizer(0.02, 0.9, { useNesterov: true }), 500],
    ['Adam', () => new tf.train.AdamOptimizer(0.1), 800],
    ['RMSProp', () => new tf.train.RMSPropOptimizer(0.01, { momentum: 0.5 }), 1500, 1e-2],
    ['RMSProp (centered)', () => new tf.train.RMSPropOptimizer(0.01, { centered: true }), 1500, 1e-2],
    ['Adagrad', () => new tf.train.AdagradOptimizer(1.0), 1500],
  ];
  for (const [name, make, steps, tol = 2e-3] of cases) {
    test(name, () => {
      const { sess, out } = build(() => {
        const w = new tf.Variable([[0]], { name: 'w', dtype: 'float64' });
        const b = new tf.Variable([0], { name: 'b', dtype: 'float64' });
        const pred = tf.add(tf.matmul(tf.constant(X, 'float64'), w), b);
        const loss = tf.square(tf.subtract(pred, tf.constant(Y, 'float64')));
        const gs = tf.train.getOrCreateGlobalStep();
        return { w, b, gs, train: make().minimize(loss, gs), init: tf.globalVariablesInitializer() };
      });
      sess.run(out.init);
      for (let i = 0; i < steps; i++) sess.run(out.train);
      expectClose(sess.run(out.w).toArray(), [[2]], tol);
      expectClose(sess.run(out.b).toArray(), [-1], tol);
      assert.equal(tf.train.globalStep(sess, out.gs), steps);
    });
  }
});

describe('training kernels', () => {
  test('run-time errors: uninitialized slot, shapes', () => {
    const { sess, out } = build(() => {
      const w = new tf.Variable([1, 2], { name: 'w' });
      const opt = new tf.train.MomentumOptimizer(0.1, 0.9);
      const train = opt.minimize(tf.multiply(w, w));
      return { w, train };
    });
    sess.run(out.w.initializer);
    expectOpError(() => sess.run(out.train), tf.errors.FailedPreconditionError, 'Momentum/update_w/ApplyMomentum', 'Attempting to use uninitialized value w/Momentum');
  });
  test('build-time shape check', () => {
    build(() => {
      const w = new tf.Variable([1, 2], { name: 'w' });
      const opt = new tf.train.GradientDescentOptimizer(0.1);
      assert.throws(() => opt.applyGradients([[tf.constant([1, 2, 3]), w]]), /Dimension 0 in both shapes must be equal|incompatible|must be equal/);
    });
  });
});

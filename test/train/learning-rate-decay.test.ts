// tf.train learning-rate decays: values from TensorFlow 2.21 (tf.compat.v1.train.*_decay on an
// int64 step fed 0, 5, 10, …), op names as TensorFlow's.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, expectClose, expectValueError, opNames } from '../ops/helpers.js';

const STEPS = [0, 5, 10, 15, 20, 25, 45, 150];
const TF: Record<string, number[]> = {
  exp: [0.10000000149011612, 0.0707106813788414, 0.05000000074505806, 0.0353553406894207, 0.02500000037252903, 0.01767767034471035, 0.0044194175861775875, 3.051757857974735e-6],
  exp_stair: [0.10000000149011612, 0.10000000149011612, 0.05000000074505806, 0.05000000074505806, 0.02500000037252903, 0.02500000037252903, 0.0062500000931322575, 3.051757857974735e-6],
  natural: [0.10000000149011612, 0.07788007706403732, 0.060653068125247955, 0.04723665863275528, 0.03678794577717781, 0.02865048125386238, 0.01053992286324501, 5.5308450100710616e-5],
  natural_stair: [0.10000000149011612, 0.10000000149011612, 0.060653068125247955, 0.060653068125247955, 0.03678794577717781, 0.03678794577717781, 0.013533529825508595, 5.5308450100710616e-5],
  inverse: [0.10000000149011612, 0.07999999821186066, 0.06666667014360428, 0.05714285746216774, 0.05000000074505806, 0.04444444552063942, 0.03076923079788685, 0.0117647061124444],
  inverse_stair: [0.10000000149011612, 0.10000000149011612, 0.06666667014360428, 0.06666667014360428, 0.05000000074505806, 0.05000000074505806, 0.03333333507180214, 0.0117647061124444],
  poly: [0.10000000149011612, 0.09122499823570251, 0.08289999514818192, 0.07502499967813492, 0.06760000437498093, 0.06062500178813934, 0.03722500056028366, 0.009999999776482582],
  poly_cycle: [0.10000000149011612, 0.09215838462114334, 0.08348468691110611, 0.07363960891962051, 0.061961524188518524, 0.04674234986305237, 0.054999999701976776, 0.04674234986305237],
  piecewise: [1.0, 1.0, 1.0, 0.5, 0.5, 0.10000000149011612, 0.10000000149011612, 0.10000000149011612],
};

describe('learning-rate decays', () => {
  test('values equal TensorFlow 2.21', () => {
    const { sess, out } = build(() => {
      const s = tf.placeholder('int64', [], 's');
      const ts: Record<string, tf.Tensor> = {
        exp: tf.train.exponentialDecay(0.1, s, 10, 0.5),
        exp_stair: tf.train.exponentialDecay(0.1, s, 10, 0.5, true),
        natural: tf.train.naturalExpDecay(0.1, s, 10, 0.5),
        natural_stair: tf.train.naturalExpDecay(0.1, s, 10, 0.5, { staircase: true }),
        inverse: tf.train.inverseTimeDecay(0.1, s, 10, 0.5),
        inverse_stair: tf.train.inverseTimeDecay(0.1, s, 10, 0.5, true),
        poly: tf.train.polynomialDecay(0.1, s, 100, 0.01, { power: 2.0 }),
        poly_cycle: tf.train.polynomialDecay(0.1, s, 30, 0.01, 0.5, true),
        piecewise: tf.train.piecewiseConstant(s, [10, 20], [1.0, 0.5, 0.1]),
      };
      return { s, ts };
    });
    for (const [k, t] of Object.entries(out.ts)) {
      const got = STEPS.map((st) => Number(sess.run(t, new Map([[out.s, BigInt(st)]])).item()));
      // At an exact multiple of decaySteps (150 / 30), TensorFlow's CPU float32 division rounds
      // just above 5, so its cycle multiplier is 6; ours is the exact 5 (docs/compatibility.md).
      if (k === 'poly_cycle') {
        expectClose(got.slice(0, 7), (TF[k] as number[]).slice(0, 7), 1e-6, k);
        expectClose(got[7], 0.01, 1e-6, k);
      } else expectClose(got, TF[k], 1e-6, k);
    }
  });

  test("op names as TensorFlow's; the result is named the scope", () => {
    const { g, out } = build(() => {
      const gs = tf.train.getOrCreateGlobalStep();
      return tf.train.exponentialDecay(0.1, gs, 10, 0.5, { staircase: true });
    });
    assert.equal(out.name, 'ExponentialDecay:0');
    const names = opNames(g).filter((n) => n.startsWith('ExponentialDecay'));
    for (const n of ['ExponentialDecay/initial_learning_rate', 'ExponentialDecay/truediv', 'ExponentialDecay/Floor', 'ExponentialDecay/Pow']) {
      assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
    }
  });

  test("TensorFlow's errors", () => {
    build(() => {
      expectValueError(() => tf.train.exponentialDecay(0.1, null as unknown as tf.Tensor, 10, 0.5), 'None values not supported.');
      expectValueError(() => tf.train.piecewiseConstant(tf.constant(1), [1, 2], [1.0, 2.0]), 'The length of boundaries should be 1 less than the length of values');
    });
  });
});

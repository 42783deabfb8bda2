// TF1 initializers (init_ops): seeded values equal TensorFlow 2.21's (test/ops/golden/random-golden.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { computeFans } from '../../src/train/initializers.js';
import { RANDOM_GOLDEN } from '../ops/golden/random-golden.js';
import { build, expectArray, expectValueError } from '../ops/helpers.js';

/** Exact, or within `ulps` float32/float64 ulps where libm's log/sin/cos round differently. */
function expectValues(a: tf.NDArray, expected: readonly string[], ulps: number, what: string): void {
  const got = Array.from(a.data as ArrayLike<number>);
  assert.equal(got.length, expected.length, what);
  const eps = a.dtype === 'float64' ? 2 ** -52 : 2 ** -23;
  expected.forEach((e, i) => {
    const en = Number(e);
    const g = got[i] as number;
    assert.ok(g === en || Math.abs(g - en) <= ulps * eps * Math.max(1, Math.abs(en)), `${what}[${i}]: expected ${e}, got ${g}`);
  });
}

describe('initializers (TF1 init_ops)', () => {
  test('seeded random initializers give TensorFlow 2.21 values', () => {
    const I = tf.initializers;
    const { sess, out } = build(() => [
      tf.randomUniformInitializer({ seed: 1 }).call([3, 4]),
      tf.randomUniformInitializer(-1, 2, 2).call([5]),
      tf.randomNormalInitializer(1.0, 2.0, 3).call([5]),
      tf.truncatedNormalInitializer({ seed: 4 }).call([2, 3], 'float64'),
      tf.varianceScalingInitializer(2.0, 'fan_out', 'uniform', 5).call([3, 3, 4, 8]),
      tf.glorotUniformInitializer(6).call([4, 5]),
      tf.glorotNormalInitializer(7).call([6, 2]),
      I.heNormal(8).call([3, 4]),
      I.heUniform(9).call([3, 4]),
      I.lecunNormal(10).call([2, 2, 3]),
      I.lecunUniform(11).call([7]),
      tf.varianceScalingInitializer(0.5, 'fan_avg', 'untruncated_normal', 12).call([4, 4]),
      tf.uniformUnitScalingInitializer(1.5, 13).call([3, 5]),
    ]);
    const got = sess.run(out) as tf.NDArray[];
    const normal = new Set([2, 3, 6, 7, 9, 11]);
    const golden = RANDOM_GOLDEN.inits[0]?.[0] ?? [];
    golden.forEach((e, i) => {
      expectValues(got[i] as tf.NDArray, e, normal.has(i) ? 4 : 0, `initializer ${i}`);
    });
  });

  test("random_uniform_initializer's float minval builds TF's full min/max graph", () => {
    const { g } = build(() => tf.randomUniformInitializer({ seed: 1 }).call([2]));
    assert.deepEqual(
      g.getOperations().map((o) => [o.name, o.type]),
      RANDOM_GOLDEN.init_ops.map((x) => [...x]),
    );
  });

  test('zeros, ones, constant; dtype from call or constructor', () => {
    const { sess, out } = build(() => [
      tf.zerosInitializer().call([2]),
      tf.onesInitializer('int32').call([2, 1]),
      tf.constantInitializer(3).call([2], 'float64'),
      tf.constantInitializer([1, 2, 3, 4]).call([2, 2]),
      tf.initializers.zeros({ dtype: 'int64' }).call(new tf.TensorShape([1])),
    ]);
    const [z, o, c, c2, z64] = sess.run(out) as tf.NDArray[];
    expectArray(z as tf.NDArray, 'float32', [2], [0, 0]);
    expectArray(o as tf.NDArray, 'int32', [2, 1], [[1], [1]]);
    expectArray(c as tf.NDArray, 'float64', [2], [3, 3]);
    expectArray(c2 as tf.NDArray, 'float32', [2, 2], [[1, 2], [3, 4]]);
    expectArray(z64 as tf.NDArray, 'int64', [1], [0n]);
  });

  test('getConfig as TF', () => {
    assert.deepEqual(tf.randomUniformInitializer(-1, 1, 5).getConfig(), { minval: -1, maxval: 1, seed: 5, dtype: 'float32' });
    assert.deepEqual(tf.varianceScalingInitializer().getConfig(), { scale: 1, mode: 'fan_in', distribution: 'truncated_normal', seed: null, dtype: 'float32' });
    // TF's GlorotUniform does not pass its dtype on to VarianceScaling.
    assert.deepEqual(tf.glorotUniformInitializer(3, 'float64').getConfig(), { seed: 3, dtype: 'float32' });
    assert.deepEqual(tf.constantInitializer(2).getConfig(), { value: 2, dtype: 'float32' });
    assert.deepEqual(tf.zerosInitializer().getConfig(), { dtype: 'float32' });
  });

  test('fans of dense and convolution kernels; partition info uses the full shape', () => {
    assert.deepEqual(computeFans([]), [1, 1]);
    assert.deepEqual(computeFans([5]), [5, 5]);
    assert.deepEqual(computeFans([3, 7]), [3, 7]);
    assert.deepEqual(computeFans([3, 3, 4, 8]), [36, 72]);
    const a = build(() => tf.varianceScalingInitializer(1, 'fan_in', 'uniform', 1).call([2, 3], null, { fullShape: [100, 3] }));
    const v = a.sess.run(a.out) as tf.NDArray;
    const limit = Math.sqrt(3 / 100);
    for (const x of v.data as Float32Array) assert.ok(Math.abs(x) <= limit + 1e-7);
  });

  test("errors: TF's messages", () => {
    expectValueError(() => tf.varianceScalingInitializer(0), 'Argument `scale` must be a positive float. Received: 0');
    expectValueError(() => tf.varianceScalingInitializer(1, 'fan' as 'fan_in'), "Argument `mode` should be one of ('fan_in', 'fan_out', 'fan_avg'). Received: fan");
    expectValueError(
      () => tf.varianceScalingInitializer(1, 'fan_in', 'gauss' as 'normal'),
      "Argument `distribution` should be one of ('normal', uniform', 'truncated_normal', 'untruncated_normal'). Received: gauss",
    );
    expectValueError(() => tf.randomNormalInitializer({ dtype: 'int32' }), "Argument `dtype` is expected to be floating point. Received: <dtype: 'int32'>.");
  });
});

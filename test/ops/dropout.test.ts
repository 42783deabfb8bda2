// tf.nn.dropout (TF1 signature): TensorFlow 2.21's graph, names, values with seeds, errors.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { RANDOM_GOLDEN } from './golden/random-golden.js';
import { build, expectValueError } from './helpers.js';

const opList = (g: tf.Graph) => g.getOperations().map((o) => [o.name, o.type, o.inputs.map((t) => t.name)]);

describe('tf.nn.dropout', () => {
  test('seeded values equal TensorFlow 2.21 (rate, keep_prob, noise_shape, tensor rate)', () => {
    const { sess, out } = build(() => {
      const x = tf.reshape(tf.range(1, 13, 1, 'float32'), [3, 4]);
      return [
        tf.nn.dropout(x, 0.5, { seed: 1 }),
        tf.nn.dropout(x, { rate: 0.25, noiseShape: [3, 1], seed: 2 }),
        tf.nn.dropout(tf.cast(x, 'float64'), { rate: tf.constant(0.75, 'float64'), seed: 3 }),
      ];
    });
    for (const run of RANDOM_GOLDEN.dropout[0] ?? []) {
      const got = sess.run(out) as tf.NDArray[];
      run.forEach((expected, i) => {
        assert.deepEqual(Array.from((got[i] as tf.NDArray).data as Float32Array), expected.map(Number), `tensor ${i}`);
      });
    }
  });

  test("TensorFlow's ops and names", () => {
    const cases: (() => unknown)[] = [
      () => tf.nn.dropout(tf.placeholder('float32', [null, 3]), 0.5),
      () => tf.nn.dropout(tf.placeholder('float32', [null, 3]), { keepProb: tf.placeholder('float32', []) }),
      () => tf.nn.dropout(tf.ones([2, 3]), { rate: tf.placeholder('float32', []), noiseShape: [1, 3] }),
    ];
    cases.forEach((fn, i) => {
      const { g } = build(fn);
      assert.deepEqual(opList(g), RANDOM_GOLDEN.dropout_ops[i], `case ${i}`);
    });
  });

  test('static shape is x\'s; noise_shape broadcasts one draw over a dimension', () => {
    const { sess, out } = build(() => {
      const p = tf.placeholder('float32', [null, 3]);
      return { p, y: tf.nn.dropout(p, { rate: 0.5, seed: 4 }), y2: tf.nn.dropout(tf.ones([2, 3]), { rate: 0.5, noiseShape: [null, 1] }), z: tf.nn.dropout(tf.ones([50, 4]), { rate: 0.5, noiseShape: [50, 1] }) };
    });
    assert.equal(out.y.shape.toString(), '(?, 3)');
    // Unknown noise dims are filled from x's shape; TF cannot fill them from an unknown x.
    assert.equal((out.y2.op.inputs[0] as tf.Tensor).op.inputs[0]?.shape.toString(), '(2, 1)');
    expectValueError(
      () => new tf.Graph().asDefault(() => tf.nn.dropout(tf.placeholder('float32', [null, 3]), { rate: 0.5, noiseShape: [null, 1] })),
      'Cannot convert a partially known TensorShape (None, 1) to a Tensor.',
    );
    const z = sess.run(out.z) as tf.NDArray;
    const d = z.data as Float32Array;
    for (let r = 0; r < 50; r++) {
      const row = Array.from(d.subarray(r * 4, r * 4 + 4));
      assert.ok(row.every((v) => v === row[0]) && (row[0] === 0 || row[0] === 2), `row ${r}: ${row}`);
    }
    const y = sess.run(out.y, new Map([[out.p, [[1, 1, 1]]]])) as tf.NDArray;
    assert.deepEqual([...y.shape], [1, 3]);
  });

  test('rate 0 returns x itself but still takes an op seed', () => {
    const g = new tf.Graph();
    g.seed = 3;
    g.asDefault(() => {
      const x = tf.ones([2]);
      assert.equal(tf.nn.dropout(x, { rate: 0 }), x);
      // The seedless dropout above used op seed 0: the next seedless op gets 1.
      assert.deepEqual(tf.getSeed(null), [3, 1]);
    });
  });

  test('the gradient flows through SelectV2 and Mul: mask / keep_prob', () => {
    const { sess, out } = build(() => {
      const x = tf.constant([[1, 2, 3, 4, 5, 6, 7, 8]], 'float64');
      const y = tf.nn.dropout(x, { rate: 0.5, seed: 7 });
      const dy = tf.onesLike(y);
      const sel = y.op.def.grad?.(y.op, [dy]) ?? [];
      const mul = y.op.inputs[1] as tf.Tensor;
      const gx = mul.op.def.grad?.(mul.op, [sel[1] as tf.Tensor]) ?? [];
      return [y, gx[0] as tf.Tensor];
    });
    const [y, gx] = sess.run(out) as tf.NDArray[];
    const yd = (y as tf.NDArray).data as Float64Array;
    const gd = (gx as tf.NDArray).data as Float64Array;
    yd.forEach((v, i) => {
      assert.equal(gd[i], v === 0 ? 0 : 2, `element ${i}`);
    });
  });

  test("errors: TensorFlow's messages", () => {
    const x = () => tf.ones([2, 3]);
    const inGraph = (fn: () => unknown) => () => new tf.Graph().asDefault(fn);
    expectValueError(inGraph(() => tf.nn.dropout(x(), 0.5, { rate: 0.5 })), "Cannot specify both 'keep_prob' and 'rate'.");
    expectValueError(inGraph(() => tf.nn.dropout(x(), 'a' as unknown as number)), '`keep_prob` must be a floating point number or Tensor. Received: keep_prob=a');
    expectValueError(inGraph(() => tf.nn.dropout(x(), 0)), '`rate` must be a scalar tensor or a float in the range [0, 1). Received: rate=1.0');
    expectValueError(inGraph(() => tf.nn.dropout(x(), { rate: 1 })), '`rate` must be a scalar tensor or a float in the range [0, 1). Received: rate=1');
    expectValueError(inGraph(() => tf.nn.dropout(x(), { rate: -0.5 })), '`rate` must be a scalar tensor or a float in the range [0, 1). Received: rate=-0.5');
    expectValueError(inGraph(() => tf.nn.dropout(x())), '`rate` must be provided. Received: rate=None');
    expectValueError(
      inGraph(() => tf.nn.dropout(tf.ones([2], 'int32'), { rate: 0.5 })),
      "`x.dtype` must be a floating point tensor as `x` will be scaled. Received: x_dtype=<dtype: 'int32'>",
    );
    expectValueError(inGraph(() => tf.nn.dropout(x(), { rate: 'a' as unknown as number })), '`rate` must be a scalar or scalar tensor. Received: rate=a');
    expectValueError(inGraph(() => tf.nn.dropout(x(), { rate: tf.constant([0.5, 0.5]) })), 'Shape (2,) must have rank 0');
    expectValueError(
      inGraph(() => tf.nn.dropout(x(), { rate: tf.constant(0.5, 'float64') })),
      "`x.dtype` must be compatible with `rate.dtype`. Received: x.dtype=<dtype: 'float32'> and rate.dtype=<dtype: 'float64'>",
    );
  });
});

// Conformance: FusedBatchNormV3 (+FusedBatchNormGradV3), tf.nn.fusedBatchNorm, tf.nn.batchNormalization,
// tf.nn.sigmoidCrossEntropyWithLogits.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { applyOp } from '../../src/ops/builder.js';
import { FusedBatchNormGradV3, FusedBatchNormV3 } from '../../src/ops/defs/nn/batch-norm.js';
import { NN_GOLDEN as G } from './golden/nn-golden.js';
import { build, evalT, expectClose, expectOpError, expectTypeError, expectValueError, expectValueErrorPrefix, feed, opNames } from './helpers.js';

const BX = G.bn_x as unknown as number[][][][];
const P = G.bn_params;
const x4 = () => tf.constant(BX);
const TOL = 2e-6;

/** Finite differences of a composite builder against its tf.gradients (float64). */
function checkComposite(f: (xs: tf.Tensor[]) => tf.Tensor, inputs: number[][], shapes: number[][]): void {
  const { sess, out } = build(() => {
    const xs = shapes.map((s) => tf.placeholder('float64', s));
    const y = f(xs);
    const n = (y.shape.dims as number[]).reduce((a, b) => a * b, 1);
    const w = tf.constant(Float64Array.from({ length: n }, (_, i) => Math.cos(i + 0.5)), 'float64', y.shape.dims as number[]);
    return { xs, y, grads: tf.gradients(y, xs, w) };
  });
  const fd = (vals: number[][]) => new Map<unknown, unknown>(out.xs.map((x, i) => [x, new tf.NDArray('float64', shapes[i] as number[], Float64Array.from(vals[i] as number[]))]));
  const obj = (vals: number[][]) => (sess.run(out.y, fd(vals)).data as Float64Array).reduce((a, v, i) => a + v * Math.cos(i + 0.5), 0);
  out.grads.forEach((g, i) => {
    assert.ok(g, `input ${i} has a gradient`);
    const an = sess.run(g as tf.Tensor, fd(inputs)).data as Float64Array;
    (inputs[i] as number[]).forEach((v, j) => {
      const h = 1e-6;
      const p = inputs.map((a, q) => (q === i ? a.map((u, m) => (m === j ? v + h : u)) : a));
      const mi = inputs.map((a, q) => (q === i ? a.map((u, m) => (m === j ? v - h : u)) : a));
      const num = (obj(p) - obj(mi)) / (2 * h);
      assert.ok(Math.abs((an[j] as number) - num) < 1e-6 * Math.max(1, Math.abs(num)), `d/dx${i}[${j}]: ${an[j]} vs ${num}`);
    });
  });
}

describe('FusedBatchNormV3', () => {
  test('training, exponential averaging, inference, NCHW: values match TensorFlow', () => {
    const { sess, out } = build(() => ({
      train: tf.nn.fusedBatchNorm(x4(), [...P.scale], [...P.offset]),
      avg: tf.nn.fusedBatchNorm(x4(), [...P.scale], [...P.offset], [...P.mean], [...P.variance], { exponentialAvgFactor: 0.25 }),
      infer: tf.nn.fusedBatchNorm(x4(), [...P.scale], [...P.offset], [...P.mean], [...P.variance], { isTraining: false }),
      nchw: tf.nn.fusedBatchNorm(tf.reshape(x4(), [2, 3, 2, 2]), [...P.scale], [...P.offset], { dataFormat: 'NCHW' }),
    }));
    const r = sess.run(out) as Record<string, tf.NDArray[]>;
    for (const [k, gk] of [['train', 'train'], ['avg', 'train_avg'], ['infer', 'infer'], ['nchw', 'nchw']] as const) {
      const want = G.bn[gk];
      assert.equal(r[k]?.length, 3, k);
      r[k]?.forEach((v, i) => {
        expectClose(v.toArray(), want[i], TOL, `${k}[${i}]`);
      });
    }
    // Training: batch_variance is Bessel-corrected, y uses the biased variance (reserve_space_2).
    const raw = evalT(() => applyOp(FusedBatchNormV3, [x4(), [...P.scale], [...P.offset], [], []], { epsilon: Math.fround(0.001) })[4] as tf.Tensor);
    expectClose(raw.toArray(), G.bn.train[4], TOL);
  });

  test('op, attrs, static shapes, float16 x', () => {
    const { out, sess } = build(() => tf.nn.fusedBatchNorm(tf.placeholder('float16', [null, 2, 2, 3]), [1, 1, 1], [0, 0, 0], { name: 'bn' }));
    const [y, m, v] = out;
    assert.equal(y.op.type, 'FusedBatchNormV3');
    assert.equal(y.op.name, 'bn');
    assert.equal(y.op.getAttr('epsilon'), Math.fround(0.001));
    assert.equal(y.op.getAttr('data_format'), 'NHWC');
    assert.equal(y.op.outputs[5]?.shape.toString(), '<unknown>');
    assert.equal(y.shape.toString(), '(?, 2, 2, 3)');
    assert.equal(y.dtype, 'float16');
    assert.equal(m.shape.toString(), '(3,)');
    assert.equal(v.dtype, 'float32');
    const x = new tf.NDArray('float16', [1, 2, 2, 3], Uint16Array.from({ length: 12 }, (_, i) => 0x3c00 + i * 64));
    const got = sess.run(y, feed([y.op.inputs[0] as tf.Tensor, x]));
    assert.equal(got.dtype, 'float16');
    const col0 = [0, 3, 6, 9].map((i) => (got.data as Uint16Array)[i]);
    assert.equal(new Set(col0).size, 4);
  });

  test('build-time errors: rank, channels, mean/variance needed, dtypes', () => {
    // (The node's float attrs print with float64 digits here: epsilon=0.0010000000474974513.)
    expectValueErrorPrefix(() => build(() => tf.nn.fusedBatchNorm(tf.zeros([2, 2, 2]), [1, 1], [0, 0])), "Shape must be rank 4 but is rank 3 for '{{node FusedBatchNormV3}} = FusedBatchNormV3[T=DT_FLOAT, U=DT_FLOAT, data_format=\"NHWC\", epsilon=");
    assert.throws(() => build(() => tf.nn.fusedBatchNorm(tf.zeros([1, 2, 2, 2]), [1, 1, 1], [0, 0])), /Dimensions must be equal, but are 2 and 3/);
    expectValueError(
      () => build(() => tf.nn.fusedBatchNorm(tf.zeros([1, 1, 1, 2]), [1, 1], [0, 0], { isTraining: false })),
      'Both `mean` and `variance` must be a 1D tensor when `is_training` is False or `exponential_avg_factor` != 1.0. Received: `mean` None and `variance` None',
    );
    expectTypeError(
      () => build(() => tf.nn.fusedBatchNorm(tf.zeros([1, 1, 1, 2], 'float64'), [1, 1], [0, 0])),
      "Value passed to parameter 'x' has DataType float64 not in list of allowed values: float16, float32",
    );
  });

  test('kernel errors with unknown static shapes', () => {
    const { sess, out } = build(() => {
      const x = tf.placeholder('float32', null, 'x');
      const s = tf.placeholder('float32', null, 's');
      const m = tf.placeholder('float32', null, 'm');
      const y = applyOp(FusedBatchNormV3, [x, s, [0, 0], m, m], { is_training: false }, 'bn')[0] as tf.Tensor;
      return { x, s, m, y };
    });
    const X = [[[[1, 2]]]];
    expectOpError(() => sess.run(out.y, feed([out.x, X], [out.s, [1, 2, 3]], [out.m, [0, 1]])), tf.errors.InvalidArgumentError, 'bn', 'scale must have the same number of elements as the channels of x, got 3 and 2');
    expectOpError(
      () => sess.run(out.y, feed([out.x, X], [out.s, [1, 2]], [out.m, []])),
      tf.errors.InvalidArgumentError,
      'bn',
      'When is_training=false, mean must have the same number of elements as the channels of x, got 0 and 2',
    );
    expectOpError(() => sess.run(out.y, feed([out.x, [[1, 2]]], [out.s, [1, 2]], [out.m, [0, 1]])), tf.errors.InvalidArgumentError, 'bn', 'input must be 4 or 5-dimensional[1,2]');
  });

  test('FusedBatchNormGradV3 matches TensorFlow (training and inference)', () => {
    const dy = G.bn_dy as unknown as number[][][][];
    const { sess, out } = build(() => {
      const [, , , rs1, rs2, rs3] = applyOp(FusedBatchNormV3, [x4(), [...P.scale], [...P.offset], [], []], { epsilon: Math.fround(0.001) });
      const train = applyOp(FusedBatchNormGradV3, [dy, x4(), [...P.scale], rs1, rs2, rs3], { epsilon: Math.fround(0.001) });
      const infer = applyOp(FusedBatchNormGradV3, [dy, x4(), [...P.scale], [...P.mean], [...P.variance], rs3], { epsilon: Math.fround(0.001), is_training: false });
      return { train: train.slice(0, 3), infer: infer.slice(0, 3), rs4: train[3] as tf.Tensor };
    });
    const r = sess.run(out) as { train: tf.NDArray[]; infer: tf.NDArray[]; rs4: tf.NDArray };
    assert.equal(r.train.length + r.infer.length, 6);
    r.train.forEach((v, i) => {
      expectClose(v.toArray(), G.bn_grad_train[i], 1e-5, `train[${i}]`);
    });
    r.infer.forEach((v, i) => {
      expectClose(v.toArray(), G.bn_grad_infer[i], 1e-5, `infer[${i}]`);
    });
    assert.deepEqual([...r.rs4.shape], [0]);
  });

  test('gradient of FusedBatchNormV3 (x, scale, offset) by finite differences, both modes and formats', () => {
    // FusedBatchNormV3 is float32 only: a float64 check through casts keeps float32 rounding, so
    // this compares with a looser tolerance on a well-conditioned input.
    const xv = Array.from({ length: 16 }, (_, i) => Math.sin(i * 1.7) * 2);
    for (const [training, fmt] of [
      [true, 'NHWC'],
      [false, 'NHWC'],
      [true, 'NCHW'],
    ] as const) {
      const { sess, out } = build(() => {
        const x = tf.placeholder('float32', [2, 2, 2, 2], 'x');
        const s = tf.constant([1.5, 0.5]);
        const o = tf.constant([0.1, -0.2]);
        const outs = applyOp(FusedBatchNormV3, [x, s, o, [0.2, -0.1], [1.5, 0.7]], { is_training: training, data_format: fmt, epsilon: Math.fround(0.001) });
        const y = outs[0] as tf.Tensor;
        const w = tf.constant(Array.from({ length: 16 }, (_, i) => Math.cos(i)), 'float32', [2, 2, 2, 2]);
        const dy = tf.multiply(w, 1);
        const [dx, ds, dof] = (y.op.def.grad as NonNullable<typeof y.op.def.grad>)(y.op, [dy]);
        const obj = tf.reduceSum(tf.multiply(y, w));
        return { x, y, obj, dx: dx as tf.Tensor, ds: ds as tf.Tensor, dof: dof as tf.Tensor };
      });
      const f = (v: number[]) => sess.run(out.obj, feed([out.x, new tf.NDArray('float32', [2, 2, 2, 2], Float32Array.from(v))])).item() as number;
      const dx = sess.run(out.dx, feed([out.x, new tf.NDArray('float32', [2, 2, 2, 2], Float32Array.from(xv))])).data as Float32Array;
      for (const j of [0, 5, 10, 15]) {
        const h = 1e-2;
        const num = (f(xv.map((v, k) => (k === j ? v + h : v))) - f(xv.map((v, k) => (k === j ? v - h : v)))) / (2 * h);
        assert.ok(Math.abs((dx[j] as number) - num) < 2e-3 * Math.max(1, Math.abs(num)), `${training} ${fmt} dx[${j}]: ${dx[j]} vs ${num}`);
      }
      const ds = sess.run(out.ds, feed([out.x, new tf.NDArray('float32', [2, 2, 2, 2], Float32Array.from(xv))]));
      assert.deepEqual([...ds.shape], [2]);
    }
  });
});

describe('tf.nn.batchNormalization', () => {
  test('values and op names as TensorFlow', () => {
    expectClose(
      evalT(() => tf.nn.batchNormalization(x4(), tf.constant([...P.mean]), tf.constant([...P.variance]), tf.constant([...P.offset]), tf.constant([...P.scale]), 0.001)).toArray(),
      G.BatchNormalization,
      TOL,
    );
    const { g } = build(() => {
      const x = tf.placeholder('float32', [2, 3], 'x');
      tf.nn.batchNormalization(x, 1, 2, 3, 4, 0.001);
      tf.nn.sigmoidCrossEntropyWithLogits({ labels: x, logits: x });
    });
    assert.deepEqual(opNames(g), [...G.graph_names]);
  });

  test('gradient (through the composite)', () => {
    checkComposite(([x, m, v]) => tf.nn.batchNormalization(x as tf.Tensor, m as tf.Tensor, v as tf.Tensor, null, null, 0.01), [[0.5, -1, 2, 0.3], [0.2, 0.1], [1.5, 0.4]], [[2, 2], [2], [2]]);
  });
});

describe('tf.nn.sigmoidCrossEntropyWithLogits', () => {
  test('stable values as TensorFlow; shape check; keyword-only', () => {
    expectClose(evalT(() => tf.nn.sigmoidCrossEntropyWithLogits({ labels: [...G.sig_z], logits: [...G.sig_x] })).toArray(), G.SigmoidXent, 2e-7);
    expectValueError(
      () => build(() => tf.nn.sigmoidCrossEntropyWithLogits({ labels: [1, 2], logits: [[1, 2, 3]] })),
      '`logits` and `labels` must have the same shape, received ((1, 3) vs (2,)).',
    );
    assert.throws(() => tf.nn.sigmoidCrossEntropyWithLogits({ logits: [1] }), /Both `labels` and `logits` must be provided/);
  });

  test('gradient into logits and labels', () => {
    checkComposite(([z, x]) => tf.nn.sigmoidCrossEntropyWithLogits({ labels: z as tf.Tensor, logits: x as tf.Tensor }), [[0.2, 0.9, 0.5], [-1.5, 0.3, 2.5]], [[3], [3]]);
  });
});

describe('tf.nn.moments', () => {
  test('mean and biased variance as TensorFlow; keepDims; op names', () => {
    const { sess, out, g } = build(() => ({
      all: tf.nn.moments(x4(), [0, 1, 2]),
      keep: tf.nn.moments(x4(), [1], { keepDims: true }),
      keep2: tf.nn.moments(x4(), [1], { keepdims: true }),
    }));
    const r = sess.run(out) as Record<string, tf.NDArray[]>;
    expectClose(r.all?.[0]?.toArray(), G.Moments[0], TOL);
    expectClose(r.all?.[1]?.toArray(), G.Moments[1], TOL);
    expectClose(r.keep?.[1]?.toArray(), G.MomentsKeep[1], TOL);
    assert.deepEqual([...(r.keep2?.[0]?.shape ?? [])], [2, 1, 2, 3]);
    assert.equal(out.all[0].op.name, 'moments/Squeeze');
    assert.ok(g.getOperationByName('moments/StopGradient'));
    const { g: g2 } = build(() => tf.nn.moments(tf.placeholder('float32', [2, 3], 'x'), [0]));
    assert.deepEqual(opNames(g2), [...G.moments_names]);
    expectValueError(() => build(() => tf.nn.moments(x4(), [0], { keepDims: true, keepdims: true })), "Cannot specify both 'keepdims' and 'keep_dims'.");
  });

  test('float16 is computed in float32 and cast back', () => {
    const [m, v] = build(() => tf.nn.moments(tf.constant([60000, 60000, -60000], 'float16'), [0])).out;
    assert.equal(m.dtype, 'float16');
    const { sess, out } = build(() => tf.nn.moments(tf.constant([60000, 60000, -60000], 'float16'), [0]));
    expectClose((sess.run(out[0]) as tf.NDArray).item(), 20000, 1e-3);
    assert.equal(v.dtype, 'float16');
  });
});

describe('FusedBatchNormV3: 5-D formats and empty batches', () => {
  test('NDHWC / NCDHW equal the 4-D result with D·H merged', () => {
    const { sess, out } = build(() => {
      const x = x4();
      const five = tf.reshape(x, [2, 1, 2, 2, 3]);
      const nc = tf.reshape(tf.reshape(x, [2, 3, 2, 2]), [2, 3, 1, 2, 2]);
      return {
        four: tf.nn.fusedBatchNorm(x, [...P.scale], [...P.offset]),
        five: tf.nn.fusedBatchNorm(five, [...P.scale], [...P.offset], { dataFormat: 'NDHWC' }),
        nchw: tf.nn.fusedBatchNorm(tf.reshape(x, [2, 3, 2, 2]), [...P.scale], [...P.offset], { dataFormat: 'NCHW' }),
        ncdhw: tf.nn.fusedBatchNorm(nc, [...P.scale], [...P.offset], { dataFormat: 'NCDHW' }),
      };
    });
    assert.equal(out.five[0].shape.toString(), '(2, 1, 2, 2, 3)');
    const r = sess.run(out) as Record<string, tf.NDArray[]>;
    for (const [a, b] of [
      ['four', 'five'],
      ['nchw', 'ncdhw'],
    ] as const) {
      assert.deepEqual(Array.from(r[a]?.[0]?.data as Float32Array), Array.from(r[b]?.[0]?.data as Float32Array));
      assert.deepEqual(r[a]?.[2]?.toArray(), r[b]?.[2]?.toArray());
    }
    expectValueErrorPrefix(() => build(() => tf.nn.fusedBatchNorm(x4(), [1, 1, 1], [0, 0, 0], { dataFormat: 'NDHWC' })), 'Shape must be rank 5 but is rank 4');
    expectValueErrorPrefix(
      () => build(() => tf.nn.fusedBatchNorm(x4(), [1, 1, 1], [0, 0, 0], { dataFormat: 'HWNC' })),
      'Value for attr \'data_format\' of "HWNC" is not in the list of allowed values: "NHWC", "NCHW", "NDHWC", "NCDHW"',
    );
  });

  test('float32 NHWC (plain loops) equals NCHW (the general loops) bit for bit: forward, gradient, both modes', () => {
    // the same per-channel sums in the same element order: identical float32 results
    const [n, h, w, c] = [3, 5, 7, 6];
    const xs = Float32Array.from({ length: n * h * w * c }, (_, i) => Math.sin(i * 0.37) * 3 + (i % c));
    const dys = Float32Array.from({ length: n * h * w * c }, (_, i) => Math.cos(i * 0.11));
    const sc = Array.from({ length: c }, (_, i) => 0.5 + i / 7);
    const of = Array.from({ length: c }, (_, i) => i / 3 - 1);
    const mv = Array.from({ length: c }, (_, i) => i / 5);
    const vv = Array.from({ length: c }, (_, i) => 1 + i / 4);
    for (const training of [true, false]) {
      const { sess, out } = build(() => {
        const nhwc = tf.constant(xs, 'float32', [n, h, w, c]);
        const nchw = tf.transpose(nhwc, [0, 3, 1, 2]);
        const dy = tf.constant(dys, 'float32', [n, h, w, c]);
        const attrs = { epsilon: Math.fround(0.001), is_training: training };
        const avg = { ...attrs, exponential_avg_factor: training ? 0.3 : 1 };
        const a = applyOp(FusedBatchNormV3, [nhwc, sc, of, mv, vv], avg);
        const b = applyOp(FusedBatchNormV3, [nchw, sc, of, mv, vv], { ...avg, data_format: 'NCHW' });
        const ga = applyOp(FusedBatchNormGradV3, [dy, nhwc, sc, a[3] as tf.Tensor, a[4] as tf.Tensor, a[5] as tf.Tensor], attrs);
        const gb = applyOp(FusedBatchNormGradV3, [tf.transpose(dy, [0, 3, 1, 2]), nchw, sc, b[3] as tf.Tensor, b[4] as tf.Tensor, b[5] as tf.Tensor], { ...attrs, data_format: 'NCHW' });
        return { a: [tf.transpose(a[0] as tf.Tensor, [0, 3, 1, 2]), ...a.slice(1, 5)], b: b.slice(0, 5), ga: [tf.transpose(ga[0] as tf.Tensor, [0, 3, 1, 2]), ...ga.slice(1, 3)], gb: gb.slice(0, 3) };
      });
      const r = sess.run(out) as Record<string, tf.NDArray[]>;
      for (const [p, q] of [['a', 'b'], ['ga', 'gb']] as const) {
        (r[p] as tf.NDArray[]).forEach((v, i) => {
          assert.deepEqual(Array.from(v.data as Float32Array), Array.from((r[q] as tf.NDArray[])[i]?.data as Float32Array), `${p}[${i}], training ${training}`);
        });
      }
    }
  });

  test('an empty batch gives NaN statistics, zero reserve spaces and an empty y (as TF)', () => {
    const { sess, out } = build(() => applyOp(FusedBatchNormV3, [tf.zeros([0, 2, 2, 3]), [1, 1, 1], [0, 0, 0], [], []], {}));
    const [y, m, v, rs1, rs2] = sess.run([...out]) as [tf.NDArray, tf.NDArray, tf.NDArray, tf.NDArray, tf.NDArray];
    assert.deepEqual([...y.shape], [0, 2, 2, 3]);
    assert.deepEqual((m.toArray() as number[]).map(Number.isNaN), [true, true, true]);
    assert.deepEqual((v.toArray() as number[]).map(Number.isNaN), [true, true, true]);
    assert.deepEqual(rs1.toArray(), [0, 0, 0]);
    assert.deepEqual(rs2.toArray(), [0, 0, 0]);
  });
});

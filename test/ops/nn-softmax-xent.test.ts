// Conformance: Softmax, LogSoftmax, SoftmaxCrossEntropyWithLogits, SparseSoftmaxCrossEntropyWithLogits, L2Loss.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { applyOp } from '../../src/ops/builder.js';
import { L2Loss, SoftmaxCrossEntropyWithLogits, SparseSoftmaxCrossEntropyWithLogits } from '../../src/ops/defs/nn/xent.js';
import type { OpDef } from '../../src/ops/opdef.js';
import { NN_GOLDEN as G } from './golden/nn-golden.js';
import { build, checkGradient, evalT, expectArray, expectClose, expectOpError, expectTypeError, expectValueError, feed, session } from './helpers.js';

const LOGITS = G.logits.map((r) => [...r]);
const LABELS = G.labels.map((r) => [...r]);
const run = (def: OpDef, inputs: () => unknown[]) => {
  const { sess, out } = build(() => applyOp(def, inputs(), {}));
  return sess.run([...out]) as tf.NDArray[];
};

/**
 * Finite-difference check of output `k`'s gradient (the grad fn called with a gradient for that
 * output only): checks the second-order path (the backprop output) of the cross-entropies.
 */
function checkOutputGradient(def: OpDef, k: number, inputs: number[][], shapes: number[][], extra: () => unknown[] = () => []): void {
  const g = new tf.Graph();
  const { xs, y, dy, grads } = g.asDefault(() => {
    const xs = shapes.map((s) => tf.placeholder('float64', s));
    const outs = applyOp(def, [...xs, ...extra()], {});
    const y = outs[k] as tf.Tensor;
    const dy = tf.placeholder('float64', y.shape.dims as number[]);
    const dys = outs.map((_, i) => (i === k ? dy : null));
    const grads = (def.grad as NonNullable<OpDef['grad']>)(y.op, dys);
    return { xs, y, dy, grads };
  });
  const sess = session(g);
  const n = (y.shape.dims as number[]).reduce((a, b) => a * b, 1);
  const dyv = Array.from({ length: n }, (_, i) => Math.sin(i + 1));
  const fd = (vals: number[][]) => {
    const m = new Map<unknown, unknown>(xs.map((x, i) => [x, new tf.NDArray('float64', shapes[i] as number[], Float64Array.from(vals[i] as number[]))]));
    m.set(dy, new tf.NDArray('float64', y.shape.dims as number[], Float64Array.from(dyv)));
    return m;
  };
  const obj = (vals: number[][]) => (sess.run(y, fd(vals)).data as Float64Array).reduce((s, v, i) => s + v * (dyv[i] as number), 0);
  grads.forEach((gi, i) => {
    if (!gi || i >= xs.length) return;
    const an = sess.run(gi, fd(inputs)).data as Float64Array;
    (inputs[i] as number[]).forEach((v, j) => {
      const h = 1e-6;
      const p = inputs.map((a, q) => (q === i ? a.map((w, m) => (m === j ? v + h : w)) : a));
      const mi = inputs.map((a, q) => (q === i ? a.map((w, m) => (m === j ? v - h : w)) : a));
      const num = (obj(p) - obj(mi)) / (2 * h);
      assert.ok(Math.abs((an[j] as number) - num) < 1e-6 * Math.max(1, Math.abs(num)), `output ${k}, d/dx${i}[${j}]: ${an[j]} vs ${num}`);
    });
  });
}

describe('Softmax / LogSoftmax', () => {
  test('values match TensorFlow, along the last axis and another axis', () => {
    expectClose(evalT(() => tf.nn.softmax(LOGITS)).toArray(), G.Softmax, 2e-7);
    expectClose(evalT(() => tf.nn.logSoftmax(LOGITS)).toArray(), G.LogSoftmax, 2e-7);
    expectClose(evalT(() => tf.math.softmax(tf.constant(LOGITS, 'float64'))).toArray(), G.Softmax, 1e-7);
    expectClose(evalT(() => tf.nn.softmax([1000, 1000])).toArray(), [0.5, 0.5]);
    expectClose(evalT(() => tf.nn.logSoftmax([-1000, 0])).toArray(), [-1000, 0]);
    expectClose(evalT(() => tf.nn.softmax(tf.constant([0, Math.log(3)], 'float16'))).toArray(), [0.25, 0.75], 1e-3);
  });

  test('axis / dim arguments; the last axis gives one op', () => {
    const { out } = build(() => [tf.nn.softmax(LOGITS, -1), tf.nn.softmax(LOGITS, { dim: 1, name: 'sm' }), tf.nn.logSoftmax(LOGITS, 1)]);
    assert.equal(out[0]?.op.type, 'Softmax');
    assert.equal(out[1]?.op.name, 'sm');
    assert.equal(out[2]?.op.type, 'LogSoftmax');
    expectValueError(() => build(() => tf.nn.softmax(LOGITS, { axis: 1, dim: 1 })), "Cannot specify both 'dim' and 'axis'.");
    assert.throws(() => build(() => tf.nn.softmax(LOGITS, 2)), /`dim` must be in the range \[-2, 2\) where 2 is the number of dimensions in the input. Received: dim=2/);
  });

  test('rank-0 logits: build-time and run-time errors', () => {
    expectValueError(
      () => build(() => tf.nn.softmax(1)),
      "Shape must be at least rank 1 but is rank 0 for '{{node Softmax}} = Softmax[T=DT_FLOAT](Const)' with input shapes: [].",
    );
    const { sess, out } = build(() => {
      const p = tf.placeholder('float32', null, 'p');
      return { p, y: tf.nn.logSoftmax(p) };
    });
    expectOpError(() => sess.run(out.y, feed([out.p, 3])), tf.errors.InvalidArgumentError, 'LogSoftmax', 'logits must have >= 1 dimension, got []');
  });

  test('empty logits', () => {
    expectArray(evalT(() => tf.nn.softmax(tf.zeros([2, 0]))), 'float32', [2, 0], [[], []]);
    expectArray(evalT(() => tf.nn.logSoftmax(tf.zeros([0, 3]))), 'float32', [0, 3], []);
  });

  test('dtype errors', () => {
    expectTypeError(
      () => build(() => tf.nn.softmax(tf.constant([1], 'int32'))),
      "Value passed to parameter 'logits' has DataType int32 not in list of allowed values: float16, float32, float64",
    );
  });

  test('gradients', () => {
    const x = [0.3, -1.2, 2.2, 0.1, 0.5, 0.5];
    checkGradient(([v]) => tf.nn.softmax(v as tf.Tensor), [x], [[2, 3]]);
    checkGradient(([v]) => tf.nn.logSoftmax(v as tf.Tensor), [x], [[3, 2]]);
  });
});

describe('SoftmaxCrossEntropyWithLogits', () => {
  test('loss and backprop match TensorFlow (labels not summing to 1; broadcast labels)', () => {
    const [loss, bp] = run(SoftmaxCrossEntropyWithLogits, () => [LOGITS, LABELS]) as [tf.NDArray, tf.NDArray];
    expectClose(loss.toArray(), G.Xent[0], 2e-7);
    expectClose(bp.toArray(), G.Xent[1], 2e-7);
    const [l2, b2] = run(SoftmaxCrossEntropyWithLogits, () => [LOGITS, [LABELS[0]]]) as [tf.NDArray, tf.NDArray];
    expectClose(l2.toArray(), G.XentBroadcast[0], 2e-7);
    expectClose(b2.toArray(), G.XentBroadcast[1], 2e-7);
  });

  test('builders: TF1 keyword-only labels/logits, v2, scopes and names, float16', () => {
    const { sess, out, g } = build(() => ({
      v2: tf.nn.softmaxCrossEntropyWithLogitsV2(LABELS, LOGITS),
      v2o: tf.nn.softmaxCrossEntropyWithLogitsV2({ labels: LABELS, logits: LOGITS, name: 'xe' }),
      h: tf.nn.softmaxCrossEntropyWithLogitsV2(tf.constant(LABELS, 'float16'), tf.constant(LOGITS, 'float16')),
      r3: tf.nn.softmaxCrossEntropyWithLogitsV2([[LABELS[1]]], [[LOGITS[1]]]),
    }));
    assert.equal(out.v2.op.name, 'softmax_cross_entropy_with_logits');
    assert.equal(out.v2o.op.name, 'xe');
    assert.equal(out.h.dtype, 'float16');
    assert.equal(out.r3.shape.toString(), '(1, 1)');
    assert.ok(g.getOperationByName('softmax_cross_entropy_with_logits/logits'));
    const r = sess.run(out) as Record<string, tf.NDArray>;
    expectClose(r.v2?.toArray(), G.Xent[0], 2e-7);
    expectClose(r.v2o?.toArray(), G.Xent[0], 2e-7);
    expectClose(r.h?.toArray(), G.Xent[0], 2e-3);
    expectClose(r.r3?.toArray(), [[G.Xent[0][1]]], 2e-7);
    assert.throws(() => tf.nn.softmaxCrossEntropyWithLogits({ labels: LABELS } as never), /Both `labels` and `logits` must be provided/);
    assert.throws(() => (tf.nn.softmaxCrossEntropyWithLogits as (...a: unknown[]) => unknown)(LABELS, { logits: LOGITS }), /Only call `softmax_cross_entropy_with_logits` with named arguments/);
  });

  test('shape inference and kernel errors', () => {
    const { out } = build(() => applyOp(SoftmaxCrossEntropyWithLogits, [tf.placeholder('float32', [null, 3]), tf.placeholder('float32', [4, null])], {}));
    assert.equal(out[0]?.shape.toString(), '(4,)');
    assert.equal(out[1]?.shape.toString(), '(4, 3)');
    expectValueError(
      () => build(() => applyOp(SoftmaxCrossEntropyWithLogits, [[1, 2], [0, 1]], {})),
      "Shape must be broadcasted with rank 2, but is rank 1 for '{{node SoftmaxCrossEntropyWithLogits}} = SoftmaxCrossEntropyWithLogits[T=DT_FLOAT](SoftmaxCrossEntropyWithLogits/features, SoftmaxCrossEntropyWithLogits/labels)' with input shapes: [2], [2].",
    );
    const { sess, out: o } = build(() => {
      const a = tf.placeholder('float32', null, 'a');
      const b = tf.placeholder('float32', null, 'b');
      return { a, b, y: applyOp(SoftmaxCrossEntropyWithLogits, [a, b], {}, 'x')[0] as tf.Tensor };
    });
    expectOpError(
      () => sess.run(o.y, feed([o.a, [[1, 2]]], [o.b, [[0, 1, 0]]])),
      tf.errors.InvalidArgumentError,
      'x',
      'logits and labels must be broadcastable: logits_size=[1,2] labels_size=[1,3]',
    );
    expectOpError(
      () => sess.run(o.y, feed([o.a, [1, 2]], [o.b, [0, 1]])),
      tf.errors.InvalidArgumentError,
      'x',
      'logits and labels must be either 2-dimensional, or broadcasted to be 2-dimensional',
    );
  });

  test('gradients: logits and labels, and the second-order term through backprop', () => {
    const lg = [0.2, -0.4, 1.1, 0.7, 0.3, -0.9];
    // Rows summing to 1: TensorFlow's gradient is softmax − labels, the true one only then.
    const lb = [0.1, 0.6, 0.3, 0.5, 0.25, 0.25];
    checkOutputGradient(SoftmaxCrossEntropyWithLogits, 0, [lg, lb], [[2, 3], [2, 3]]);
    checkOutputGradient(SoftmaxCrossEntropyWithLogits, 1, [lg, lb], [[2, 3], [2, 3]]);
    checkGradient(([l, y]) => applyOp(SoftmaxCrossEntropyWithLogits, [l, y], {})[0] as tf.Tensor, [lg, lb], [[2, 3], [2, 3]]);
  });
});

describe('SparseSoftmaxCrossEntropyWithLogits', () => {
  test('values match TensorFlow; int32 and int64 labels', () => {
    const [loss, bp] = run(SparseSoftmaxCrossEntropyWithLogits, () => [LOGITS, tf.constant([3n, 0n, 2n])]) as [tf.NDArray, tf.NDArray];
    expectClose(loss.toArray(), G.SparseXent[0], 2e-7);
    expectClose(bp.toArray(), G.SparseXent[1], 2e-7);
    const r = evalT(() => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: tf.constant([3, 0, 2], 'int32'), logits: LOGITS }));
    expectClose(r.toArray(), G.SparseXent[0], 2e-7);
  });

  test('builder: rank 3 logits are flattened; TensorFlow rank/shape checks', () => {
    const { sess, out } = build(() =>
      tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: tf.constant([[3, 0, 2]], 'int32'), logits: [LOGITS] }),
    );
    assert.equal(out.shape.toString(), '(1, 3)');
    expectClose(sess.run(out).toArray(), [G.SparseXent[0]], 2e-7);
    const p = (dtype: tf.DType, s: (number | null)[]) => tf.placeholder(dtype, s);
    expectValueError(
      () => build(() => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: p('int32', [2]), logits: p('float32', [2, 3, 4]) })),
      '`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: labels.shape=(2,) of rank 1 and logits.shape=(2, 3, 4) of rank 3',
    );
    expectValueError(
      () => build(() => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: p('int32', [3]), logits: p('float32', [2, 3]) })),
      '`labels.shape` must equal `logits.shape` except for the last dimension. Received: labels.shape=(3,) and logits.shape=(2, 3)',
    );
  });

  test("kernel errors: TensorFlow's out-of-range label text", () => {
    const { sess, out } = build(() => {
      const l = tf.placeholder('int32', [null], 'l');
      const x = tf.placeholder('float32', [null, null], 'x');
      return { l, x, y: applyOp(SparseSoftmaxCrossEntropyWithLogits, [x, l], {}, 's')[0] as tf.Tensor };
    });
    const X = [[1, 2, 3], [1, 2, 3]];
    expectOpError(
      () => sess.run(out.y, feed([out.x, X], [out.l, [0, 5]])),
      tf.errors.InvalidArgumentError,
      's',
      'Received a label value of 5 which is outside the valid range of [0, 3).  Label values: 0 5',
    );
    expectOpError(
      () => sess.run(out.y, feed([out.x, X], [out.l, [-1, 1]])),
      tf.errors.InvalidArgumentError,
      's',
      'Received a label value of -1 which is outside the valid range of [0, 3).  Label values: -1 1',
    );
    expectOpError(
      () => sess.run(out.y, feed([out.x, X], [out.l, [0]])),
      tf.errors.InvalidArgumentError,
      's',
      'logits and labels must have the same first dimension, got logits shape [2,3] and labels shape [1]',
    );
    expectOpError(
      () => sess.run(out.y, feed([out.x, [[], []]], [out.l, [0, 0]])),
      tf.errors.InvalidArgumentError,
      's',
      'Must have at least one class, but got logits shape [2,0]',
    );
  });

  test('gradients incl. the second-order term; none for labels', () => {
    const lg = [0.2, -0.4, 1.1, 0.7, 0.3, -0.9];
    const labels = () => [tf.constant([2, 0], 'int32')];
    checkOutputGradient(SparseSoftmaxCrossEntropyWithLogits, 0, [lg], [[2, 3]], labels);
    checkOutputGradient(SparseSoftmaxCrossEntropyWithLogits, 1, [lg], [[2, 3]], labels);
  });
});

describe('L2Loss', () => {
  test('values, empty, dtypes, gradient', () => {
    expectClose(evalT(() => tf.nn.l2Loss(LOGITS)).item(), G.L2Loss, 2e-7);
    expectArray(evalT(() => tf.nn.l2Loss(tf.zeros([0]))), 'float32', [], 0);
    expectArray(evalT(() => tf.nn.l2Loss(tf.constant([1, 2], 'float64'))), 'float64', [], 2.5);
    expectTypeError(
      () => build(() => tf.nn.l2Loss(tf.constant([1], 'int32'))),
      "Value passed to parameter 't' has DataType int32 not in list of allowed values: float16, float32, float64",
    );
    assert.equal(build(() => tf.nn.l2Loss([1])).out.op.type, L2Loss.type);
    checkGradient(([x]) => tf.nn.l2Loss(x as tf.Tensor), [[0.5, -2, 3]], [[3]]);
  });
});

describe('cross-entropy builders with tf.gradients', () => {
  test('TF1 softmaxCrossEntropyWithLogits stops the gradient into labels; V2 does not', () => {
    const { sess, out } = build(() => {
      const logits = tf.constant(LOGITS);
      const labels = tf.constant(LABELS);
      const v1 = tf.nn.softmaxCrossEntropyWithLogits({ labels, logits });
      const v2 = tf.nn.softmaxCrossEntropyWithLogitsV2({ labels, logits });
      return { v1, v2, g1: tf.gradients(v1, [logits, labels]), g2: tf.gradients(v2, [labels]) };
    });
    assert.equal(out.v1.op.name, 'softmax_cross_entropy_with_logits_sg');
    assert.equal(out.v1.op.inputs[1]?.op.type, 'StopGradient');
    assert.equal(out.v1.op.inputs[1]?.op.name, 'softmax_cross_entropy_with_logits_sg/labels_stop_gradient');
    assert.equal(out.g1[1], null);
    const r = sess.run({ v1: out.v1, g: out.g1[0] as tf.Tensor, gl: out.g2[0] as tf.Tensor });
    expectClose(r.v1.toArray(), G.Xent[0], 2e-7);
    // d loss / d logits = softmax − labels (even where labels do not sum to 1).
    expectClose(r.g.toArray(), G.Xent[1], 2e-7);
    // d loss / d labels = −log_softmax(logits).
    expectClose(r.gl.toArray(), G.LogSoftmax.map((row) => row.map((v) => -v)), 2e-7);
  });
});

describe('softmax and cross-entropy along another axis (Transpose)', () => {
  test('values match TensorFlow; names', () => {
    const { sess, out } = build(() => ({
      s: tf.nn.softmax(LOGITS, 0),
      s1: tf.nn.softmax(LOGITS, { dim: -2, name: 'sm' }),
      x: tf.nn.softmaxCrossEntropyWithLogitsV2({ labels: tf.transpose(LABELS), logits: tf.transpose(LOGITS), axis: 0 }),
    }));
    assert.equal(out.s.op.type, 'Transpose');
    assert.equal(out.s.op.inputs[0]?.op.type, 'Softmax');
    assert.equal(out.s1.op.name, 'sm');
    assert.equal(out.s.shape.toString(), '(3, 4)');
    const r = sess.run(out) as Record<string, tf.NDArray>;
    expectClose(r.s?.toArray(), G.SoftmaxAxis0, 2e-7);
    expectClose(r.s1?.toArray(), G.SoftmaxAxis0, 2e-7);
    expectClose(r.x?.toArray(), G.XentAxis0, 2e-7);
  });

  test('gradient through the transposes', () => {
    const { sess, out } = build(() => {
      const x = tf.constant(LOGITS);
      const y = tf.nn.softmax(x, 0);
      return { g: tf.gradients(y, [x], tf.constant(LABELS))[0] as tf.Tensor };
    });
    // Softmax over axis 0: g = (w − Σ_axis0 w·s)·s.
    const s = G.SoftmaxAxis0 as unknown as number[][];
    const w = LABELS;
    const want = s.map((row, i) =>
      row.map((v, j) => {
        const dot = s.reduce((acc, r, k) => acc + (r[j] as number) * ((w[k] as number[])[j] as number), 0);
        return ((w[i] as number[])[j] as number) * v - dot * v;
      }),
    );
    expectClose(sess.run(out.g).toArray(), want, 1e-6);
  });
});

describe('cross-entropies of logits of other ranks (TF _flatten_outer_dims)', () => {
  test('rank 3 with unknown dims, rank 1; static shapes; values', () => {
    const { sess, out } = build(() => {
      const lg = tf.placeholder('float32', [null, 3, 4], 'lg');
      const lb = tf.placeholder('float32', [null, 3, 4], 'lb');
      const sl = tf.placeholder('int32', [null, 3], 'sl');
      return {
        lg,
        lb,
        sl,
        d: tf.nn.softmaxCrossEntropyWithLogitsV2({ labels: lb, logits: lg }),
        s: tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: sl, logits: lg }),
        r1: tf.nn.softmaxCrossEntropyWithLogitsV2(LABELS[1], LOGITS[1]),
      };
    });
    assert.equal(out.d.shape.toString(), '(?, 3)');
    assert.equal(out.s.shape.toString(), '(?, 3)');
    assert.equal(out.r1.shape.toString(), '()');
    const r = sess.run({ d: out.d, s: out.s, r1: out.r1 }, feed([out.lg, [LOGITS, LOGITS]], [out.lb, [LABELS, LABELS]], [out.sl, [[3, 0, 2], [3, 0, 2]]]));
    expectClose(r.d.toArray(), [G.Xent[0], G.Xent[0]], 2e-7);
    expectClose(r.s.toArray(), [G.SparseXent[0], G.SparseXent[0]], 2e-7);
    expectClose(r.r1.item(), G.Xent[0][1], 2e-7);
  });
});

test('the cross-entropy gradient skips the second-order term when backprop is unused (TF _is_zeros_tensor)', () => {
  const { g, out } = build(() => {
    const logits = tf.constant(LOGITS);
    const loss = tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: tf.constant([3, 0, 2], 'int32'), logits });
    return tf.gradients(loss, [logits]);
  });
  assert.ok(out[0]);
  assert.equal(g.getOperations().filter((o) => o.type === 'Softmax').length, 0);
});

test('sparse cross-entropy of float16 logits is computed in float32 and cast back (TF values)', () => {
  const r = evalT(() => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: tf.constant([0, 1], 'int32'), logits: tf.constant([[1, 2], [3, 4]], 'float16') }));
  assert.equal(r.dtype, 'float16');
  // TensorFlow 2.21: [1.313, 0.3132] (float16).
  expectClose(r.toArray(), [1.313, 0.3132], 5e-4);
});

test("TF1 softmaxCrossEntropyWithLogits: `dim` works, any `axis` is refused (its dim defaults to -1, as in TF)", () => {
  const lb = [[0, 1]];
  const lg = [[1, 2]];
  expectValueError(() => build(() => tf.nn.softmaxCrossEntropyWithLogits({ labels: lb, logits: lg, axis: 1 })), "Cannot specify both 'dim' and 'axis'.");
  expectValueError(() => build(() => tf.nn.softmaxCrossEntropyWithLogitsV2({ labels: lb, logits: lg, axis: 0, dim: 0 })), "Cannot specify both 'dim' and 'axis'.");
  expectArray(evalT(() => tf.nn.softmaxCrossEntropyWithLogits({ labels: lb, logits: lg, dim: 0 })), 'float32', [2], [0, 0]);
  expectClose(evalT(() => tf.nn.softmaxCrossEntropyWithLogitsV2({ labels: lb, logits: lg, dim: -1 })).toArray(), [0.31326169]);
});

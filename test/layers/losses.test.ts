// tf.losses against TensorFlow 2.21 (golden/layers_golden.py): values, gradients, output names,
// the LOSSES collection; reductions, weights, argument errors.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '../../src/v1.js';
import { expectClose } from '../ops/helpers.js';
import { type GoldenCase, LAYERS_GOLDEN } from './golden/layers-golden.js';

type Ts = Record<string, tf.Tensor>;
const L = tf.losses;

function check(name: string, fn: (t: Ts) => tf.Tensor, gradOf: string[]) {
  it(name, () => {
    const c = LAYERS_GOLDEN[name] as GoldenCase;
    const g = new tf.Graph();
    const { loss, grads, coll } = g.asDefault(() => {
      const ts: Ts = {};
      for (const [k, v] of Object.entries(c.inputs ?? {})) ts[k] = tf.constant(v as number[], k === 'labels_int' ? 'int32' : 'float32', undefined, k);
      const loss = fn(ts);
      const grads = gradOf.length ? tf.gradients(loss, gradOf.map((k) => ts[k] as tf.Tensor)) : [];
      return { loss, grads, coll: tf.getCollection<tf.Tensor>(tf.GraphKeys.LOSSES).map((t) => t.name) };
    });
    assert.deepEqual([[loss.name, loss.shape.dims?.map((d) => d ?? -1)]], c.outputs);
    assert.deepEqual(coll, c.losses);
    const sess = new tf.Session({ graph: g });
    const [lv, ...gv] = sess.run([loss, ...(grads as tf.Tensor[])]) as tf.NDArray[];
    expectClose((lv as tf.NDArray).toArray(), c.values[0], 1e-5);
    assert.equal(gv.length, (c.grads ?? []).length);
    gv.forEach((v, i) => {
      expectClose(v.toArray(), (c.grads as unknown[])[i], 1e-5);
    });
  });
}

describe('tf.losses values, gradients and names (TF 2.21 golden)', () => {
  for (const red of ['none', 'weighted_sum', 'weighted_mean', 'weighted_sum_over_batch_size', 'weighted_sum_by_nonzero_weights'] as const) {
    check(`sparse_xent_${red}`, (t) => L.sparseSoftmaxCrossEntropy(t.labels_int as tf.Tensor, t.logits as tf.Tensor, t.w as tf.Tensor, { reduction: red }), ['logits']);
    check(`mse_${red}`, (t) => L.meanSquaredError(t.labels as tf.Tensor, t.predictions as tf.Tensor, t.w as tf.Tensor, { reduction: red }), ['predictions']);
  }
  check('sparse_xent_default', (t) => L.sparseSoftmaxCrossEntropy({ labels: t.labels_int, logits: t.logits }), ['logits']);
  check('softmax_xent_default', (t) => L.softmaxCrossEntropy(t.onehot as tf.Tensor, t.logits as tf.Tensor), ['logits']);
  check('softmax_xent_smooth_w', (t) => L.softmaxCrossEntropy(t.onehot as tf.Tensor, t.logits as tf.Tensor, t.w as tf.Tensor, { labelSmoothing: 0.1 }), ['logits']);
  check('softmax_xent_scalar_w', (t) => L.softmaxCrossEntropy(t.onehot as tf.Tensor, t.logits as tf.Tensor, 2.5), ['logits']);
  check('sigmoid_xent_smooth', (t) => L.sigmoidCrossEntropy(t.labels as tf.Tensor, t.predictions as tf.Tensor, { labelSmoothing: 0.2 }), ['predictions']);
  check('sigmoid_xent_w', (t) => L.sigmoidCrossEntropy(t.labels as tf.Tensor, t.predictions as tf.Tensor, t.w as tf.Tensor), ['predictions']);
  check('mse_default', (t) => L.meanSquaredError({ labels: t.labels, predictions: t.predictions }), ['predictions']);
  check('abs_diff_w', (t) => L.absoluteDifference(t.labels as tf.Tensor, t.predictions as tf.Tensor, t.w as tf.Tensor), ['predictions']);
  check('huber_default', (t) => L.huberLoss(t.labels as tf.Tensor, t.predictions as tf.Tensor), ['predictions']);
  check('huber_delta', (t) => L.huberLoss(t.labels as tf.Tensor, t.predictions as tf.Tensor, t.w as tf.Tensor, { delta: 0.5 }), ['predictions']);
  check('compute_weighted_loss', (t) => L.computeWeightedLoss(t.predictions as tf.Tensor, t.w as tf.Tensor), ['predictions']);
  check('compute_weighted_loss_none', (t) => L.computeWeightedLoss(t.predictions as tf.Tensor, t.w as tf.Tensor, { reduction: 'none' }), ['predictions']);
  check('compute_weighted_loss_zero_w', (t) => L.computeWeightedLoss(t.predictions as tf.Tensor, 0.0), ['predictions']);
});

describe('tf.losses collections and errors', () => {
  it('getTotalLoss / getRegularizationLoss name and sum as TF', () => {
    const c = LAYERS_GOLDEN.total_loss as GoldenCase;
    const g = new tf.Graph();
    const outs = g.asDefault(() => {
      L.addLoss(tf.constant(2.0, undefined, undefined, 'c'));
      L.addLoss(tf.constant(3.0, undefined, undefined, 'd'), null);
      tf.addToCollection(tf.GraphKeys.REGULARIZATION_LOSSES, tf.constant(0.5, undefined, undefined, 'r1'));
      tf.addToCollection(tf.GraphKeys.REGULARIZATION_LOSSES, tf.constant(0.25, undefined, undefined, 'r2'));
      assert.deepEqual(L.getLosses().map((t) => t.name), c.losses);
      assert.deepEqual(L.getRegularizationLosses().map((t) => t.name), c.regularizationLosses);
      return [L.getTotalLoss(), L.getRegularizationLoss(), L.getTotalLoss({ addRegularizationLosses: false })];
    });
    assert.deepEqual(outs.map((t) => [t.name, []]), c.outputs);
    const vals = new tf.Session({ graph: g }).run(outs) as tf.NDArray[];
    assert.deepEqual(vals.map((v) => v.item()), c.values);
  });
  it('getRegularizationLoss is 0 without regularization losses; lossCollection null skips LOSSES', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      assert.equal(new tf.Session({ graph: g }).run(L.getRegularizationLoss()).item(), 0);
      L.meanSquaredError([1, 2], [1, 3], { lossCollection: null });
      assert.equal(L.getLosses().length, 0);
      L.meanSquaredError([1, 2], [1, 3], { lossCollection: 'mine' });
      assert.equal(L.getLosses({ lossCollection: 'mine' } as never).length, 1);
      assert.throws(() => L.getTotalLoss(), /Inputs must be an iterable of at least one Tensor/);
    });
  });
  it('errors: bad reduction, None args, incompatible shapes, non-broadcastable weights', () => {
    new tf.Graph().asDefault(() => {
      assert.throws(() => L.meanSquaredError([1, 2], [1, 3], { reduction: 'sum' as never }), (e: Error) => e instanceof tf.ValueError && /^Invalid Reduction Key sum\. Key should be one of/.test(e.message));
      assert.throws(() => L.meanSquaredError({ labels: null as never, predictions: [1] }), /Argument `labels` must not be None\./);
      assert.throws(() => L.softmaxCrossEntropy({ onehotLabels: null as never, logits: [[1]] }), /Argument `onehot_labels` must not be None\./);
      assert.throws(() => L.meanSquaredError([1, 2], [1, 2, 3]), /Shapes \(3,\)|incompatible/);
      assert.throws(() => L.meanSquaredError([[1, 2]], [[1, 2]], [[1, 2, 3]]), /weights can not be broadcast to values\./);
    });
  });
});

// tf.layers behaviour: batch norm (both paths, moving averages, UPDATE_OPS), dropout training vs
// inference, reuse errors, and a tiny model of each layer type training with GradientDescent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '../../src/v1.js';
import { expectClose } from '../ops/helpers.js';

const X2 = [[1, 2], [3, 6], [5, 1], [7, 3]];

describe('tf.layers.batchNormalization', () => {
  it('2-D input: names, training output, UPDATE_OPS moving averages, inference with moving stats', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.constant(X2);
      const y = tf.layers.batchNormalization(x, { training: true, momentum: 0.5 });
      assert.deepEqual(tf.globalVariables().map((v) => v.name), [
        'batch_normalization/gamma:0', 'batch_normalization/beta:0', 'batch_normalization/moving_mean:0', 'batch_normalization/moving_variance:0',
      ]);
      assert.deepEqual(tf.trainableVariables().map((v) => v.name), ['batch_normalization/gamma:0', 'batch_normalization/beta:0']);
      const updates = tf.getCollection<tf.Tensor>(tf.GraphKeys.UPDATE_OPS);
      assert.deepEqual(updates.map((t) => t.name), ['batch_normalization/AssignMovingAvg:0', 'batch_normalization/AssignMovingAvg_1:0']);
      const yInf = tf.layers.batchNormalization(x, { name: 'batch_normalization', reuse: true });
      assert.equal(tf.globalVariables().length, 4);
      const sess = new tf.Session({ graph: g });
      sess.run(tf.globalVariablesInitializer());
      // mean [4, 3], biased variance [5, 3.5]
      const expY = X2.map((r) => [(r[0] - 4) / Math.sqrt(5 + 1e-3), (r[1] - 3) / Math.sqrt(3.5 + 1e-3)]);
      expectClose(sess.run(y).toArray(), expY, 1e-5);
      sess.run(updates);
      const mm = tf.globalVariables()[2] as tf.Variable;
      const mv = tf.globalVariables()[3] as tf.Variable;
      expectClose(sess.run(mm.value()).toArray(), [2, 1.5], 1e-6); // 0 - (0 - 4) * 0.5
      expectClose(sess.run(mv.value()).toArray(), [3, 2.25], 1e-6); // 1 - (1 - 5) * 0.5
      const expInf = X2.map((r) => [(r[0] - 2) / Math.sqrt(3 + 1e-3), (r[1] - 1.5) / Math.sqrt(2.25 + 1e-3)]);
      expectClose(sess.run(yInf).toArray(), expInf, 1e-5);
    });
  });
  it('4-D input uses FusedBatchNormV3; training updates the moving variance with the unbiased variance', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.constant([[[[1], [3]], [[5], [7]]]]); // [1, 2, 2, 1]
      const y = tf.layers.batchNormalization(x, { training: true, momentum: 0 });
      assert.equal(y.op.type, 'FusedBatchNormV3');
      assert.equal(y.name, 'batch_normalization/FusedBatchNormV3:0');
      const sess = new tf.Session({ graph: g });
      sess.run(tf.globalVariablesInitializer());
      expectClose(sess.run(y).toArray(), [[[[-3 / Math.sqrt(5.001)], [-1 / Math.sqrt(5.001)]], [[1 / Math.sqrt(5.001)], [3 / Math.sqrt(5.001)]]]], 1e-5);
      sess.run(tf.getCollection(tf.GraphKeys.UPDATE_OPS));
      const [, , mm, mv] = tf.globalVariables() as tf.Variable[];
      expectClose(sess.run((mm as tf.Variable).value()).toArray(), [4], 1e-6);
      expectClose(sess.run((mv as tf.Variable).value()).toArray(), [20 / 3], 1e-5);
    });
  });
  it('inference (training=false) adds no updates; a bool tensor builds a cond and adds updates', () => {
    new tf.Graph().asDefault(() => {
      tf.layers.batchNormalization(tf.constant(X2));
      assert.equal(tf.getCollection(tf.GraphKeys.UPDATE_OPS).length, 0);
      const t = tf.placeholderWithDefault(false, [], 'training');
      tf.layers.batchNormalization(tf.constant(X2), { training: t });
      assert.equal(tf.getCollection(tf.GraphKeys.UPDATE_OPS).length, 2);
      assert.deepEqual(tf.globalVariables().map((v) => v.name.split('/')[0]), Array(4).fill('batch_normalization').concat(Array(4).fill('batch_normalization_1')));
    });
  });
});

describe('tf.layers.dropout', () => {
  it('training=true drops and scales, inference is the identity, a bool tensor switches at run time', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.ones([200]);
      const t = tf.placeholderWithDefault(false, [], 'training');
      const yTrain = tf.layers.dropout(x, { rate: 0.5, training: true, seed: 1 });
      const yT = tf.layers.dropout(x, 0.5, { training: t });
      const sess = new tf.Session({ graph: g });
      const v = sess.run(yTrain).toArray() as number[];
      assert.ok(v.every((e) => e === 0 || e === 2));
      const kept = v.filter((e) => e === 2).length;
      assert.ok(kept > 60 && kept < 140, `kept ${kept}`);
      assert.deepEqual(sess.run(yT).toArray(), Array(200).fill(1));
      const tv = sess.run(yT, new Map([[t, true]])).toArray() as number[];
      assert.ok(tv.some((e) => e === 0) && tv.every((e) => e === 0 || e === 2));
    });
  });

  it('a model with dropout switched by a bool tensor trains: the gradient flows through the kept units only', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const t = tf.placeholderWithDefault(false, [], 'training');
      const w = new tf.Variable(tf.ones([100]), { name: 'w' });
      const y = tf.layers.dropout(w, { rate: 0.5, training: t, seed: 3 });
      const [dw] = tf.gradients(tf.reduceSum(y), w) as tf.Tensor[];
      const train = new tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduceSum(y));
      const sess = new tf.Session({ graph: g });
      sess.run(tf.globalVariablesInitializer());
      assert.deepEqual(sess.run(dw as tf.Tensor).toArray(), Array(100).fill(1), 'inference: the identity');
      const [gTrain, yTrain] = sess.run([dw as tf.Tensor, y], new Map([[t, true]])) as [tf.NDArray, tf.NDArray];
      // The mask differs between runs (a new draw), so compare within one run: kept units get 1/(1-rate).
      assert.deepEqual(gTrain.toArray(), (yTrain.toArray() as number[]).map((v) => (v === 0 ? 0 : 2)));
      sess.run(train, new Map([[t, true]]));
      const after = sess.run(w).toArray() as number[];
      assert.ok(after.every((v) => v === 1 || Math.abs(v - 0.8) < 1e-6) && after.some((v) => v !== 1), 'kept units moved by 0.1·2');
    });
  });
});

describe('tf.layers reuse and errors', () => {
  it('a second layer of the same name without reuse raises TF\'s ValueError; reuse=true without variables too', () => {
    new tf.Graph().asDefault(() => {
      const x = tf.placeholder('float32', [null, 3]);
      tf.layers.dense(x, 2, { name: 'fc' });
      assert.throws(() => tf.layers.dense(x, 2, { name: 'other', reuse: true }), /Variable other\/kernel does not exist/);
      const l = new tf.layers.Dense(2, { name: 'fc' });
      assert.throws(() => l.apply(x), /Variable fc\/kernel already exists, disallowed/);
      assert.throws(() => tf.layers.dense(tf.placeholder('float32', [null, null]), 2), /The last dimension of the inputs to `Dense` should be defined\. Found `None`\./);
      assert.throws(() => tf.layers.dense(tf.placeholder('float32', [3]), 2), /expected min_ndim=2, found ndim=1/);
      assert.throws(() => tf.layers.conv2d(tf.placeholder('float32', [1, 4, 4, 1]), 2, 3, { padding: 'full' }), /padding/);
    });
  });
});

describe('tf.layers train with GradientDescent', () => {
  const trains = (name: string, model: (x: tf.Tensor) => tf.Tensor, xShape: number[]) =>
    it(name, () => {
      const g = new tf.Graph();
      g.asDefault(() => {
        tf.setRandomSeed(3);
        const n = xShape.reduce((a, b) => a * b, 1);
        const x = tf.constant(Array.from({ length: n }, (_, i) => Math.sin(i)), 'float32', xShape);
        const labels = tf.constant([0, 1, 1, 0], 'int32');
        const logits = model(x);
        const loss = tf.losses.sparseSoftmaxCrossEntropy(labels, logits);
        const step = tf.controlDependencies(tf.getCollection(tf.GraphKeys.UPDATE_OPS), () => new tf.train.GradientDescentOptimizer(0.5).minimize(loss));
        const sess = new tf.Session({ graph: g });
        sess.run(tf.globalVariablesInitializer());
        const first = sess.run(loss).item() as number;
        for (let i = 0; i < 20; i++) sess.run(step);
        const last = sess.run(loss).item() as number;
        assert.ok(last < first * 0.9, `${name}: loss ${first} -> ${last}`);
      });
    });
  trains('dense', (x) => tf.layers.dense(tf.layers.dense(x, 8, { activation: tf.nn.relu }), 2), [4, 3]);
  trains('conv2d + max pooling + flatten', (x) => tf.layers.dense(tf.layers.flatten(tf.layers.maxPooling2d(tf.layers.conv2d(x, 4, 3, { padding: 'same', activation: 'relu' }), 2, 2)), 2), [4, 4, 4, 1]);
  trains('average pooling', (x) => tf.layers.dense(tf.layers.flatten(tf.layers.averagePooling2d(tf.layers.conv2d(x, 4, 2), 2, 1)), 2), [4, 4, 4, 1]);
  trains('dropout (training) + dense', (x) => tf.layers.dense(tf.layers.dropout(tf.layers.dense(x, 16, { activation: 'relu' }), { rate: 0.1, training: true }), 2), [4, 3]);
  trains('batch normalization (training, UPDATE_OPS)', (x) => tf.layers.dense(tf.layers.batchNormalization(tf.layers.dense(x, 8), { training: true }), 2), [4, 3]);
});

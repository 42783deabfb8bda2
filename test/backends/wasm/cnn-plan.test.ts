// The example CNN's training step (examples/fashion-mnist-cnn.ts, smaller layers, a tiny batch)
// planned on a wasm Session: every step on wasm (the int64 global step included), no transfer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NDArray } from '../../../src/core/ndarray.js';
import * as tf from '../../../src/v1.js';
import { trainingRuns } from './helpers.js';

describe('the CNN training step on wasm', () => {
  test('has no CPU step and no transfer, and gives the CPU results', () => {
    const g = new tf.Graph();
    const m = g.asDefault(() => {
      tf.setRandomSeed(1);
      const x = tf.placeholder(tf.float32, [null, 28, 28], 'x');
      const y = tf.placeholder(tf.int32, [null], 'y');
      const training = tf.placeholderWithDefault(false, [], 'training');
      const input = tf.reshape(tf.divide(x, 255), [-1, 28, 28, 1]);
      const conv1 = tf.layers.conv2d(input, 4, [5, 5], { padding: 'same', activation: tf.nn.relu });
      const pool1 = tf.layers.maxPooling2d(conv1, [2, 2], 2);
      const conv2 = tf.layers.conv2d(pool1, 8, [5, 5], { padding: 'same', activation: tf.nn.relu });
      const pool2 = tf.layers.maxPooling2d(conv2, [2, 2], 2);
      const dense = tf.layers.dense(tf.reshape(pool2, [-1, 7 * 7 * 8]), 16, { activation: tf.nn.relu });
      const dropout = tf.layers.dropout(dense, { rate: 0.4, training });
      const logits = tf.layers.dense(dropout, 10);
      const loss = tf.losses.sparseSoftmaxCrossEntropy({ labels: y, logits });
      const accuracy = tf.reduceMean(tf.cast(tf.equal(tf.argmax(logits, 1, { outputType: tf.int32 }), y), tf.float32));
      const globalStep = tf.train.getOrCreateGlobalStep();
      const learningRate = tf.train.exponentialDecay(0.001, globalStep, 2, 0.7, true);
      const trainOp = new tf.train.AdamOptimizer(learningRate).minimize(loss, { globalStep });
      return { x, y, fetches: [trainOp, loss, accuracy, globalStep], init: tf.globalVariablesInitializer() };
    });
    const B = 2;
    const feeds = new Map<tf.Tensor, NDArray>([
      [m.x, new NDArray('float32', [B, 28, 28], Float32Array.from({ length: B * 784 }, (_, i) => (i * 7) % 256))],
      [m.y, new NDArray('int32', [B], Int32Array.from([3, 7]))],
    ]);
    const results = (backend: 'cpu' | 'wasm') => trainingRuns(g, m.init, m.fetches, feeds, backend);
    const want = results('cpu');
    const got = results('wasm');
    got.forEach(([l, a, s], i) => {
      assert.ok(Math.abs((l as number) - (want[i]?.[0] as number)) < 1e-4, `step ${i}: loss ${l} vs ${want[i]?.[0]}`);
      assert.equal(a, want[i]?.[1]);
      assert.equal(s, i + 1);
      assert.equal(s, want[i]?.[2]);
    });
  });
});

// A small convolutional network trained through a Session on the wasm backend: the convolution,
// pooling and gradient steps run on wasm (the plan says so) and the losses follow the CPU run's.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Backend } from '../../../src/backends/backend.js';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import { NDArray } from '../../../src/core/ndarray.js';
import * as tf from '../../../src/v1.js';
import { randomArray, wasm2 } from './helpers.js';

function train(backend: Backend, steps: number, xs: NDArray): { losses: number[]; plan: string } {
  const graph = new tf.Graph();
  const m = graph.asDefault(() => {
    tf.setRandomSeed(3);
    const x = tf.placeholder(tf.float32, [null, 13, 13, 3], 'x');
    const y = tf.placeholder(tf.int32, [null], 'y');
    const c1 = tf.layers.conv2d(x, 8, [3, 3], { padding: 'same', activation: tf.nn.relu });
    const p1 = tf.layers.maxPooling2d(c1, [2, 2], 2, { padding: 'same' });
    const c2 = tf.layers.conv2d(p1, 12, [3, 3], { strides: 2, padding: 'valid', activation: tf.nn.relu });
    const logits = tf.layers.dense(tf.reshape(c2, [-1, 3 * 3 * 12]), 5);
    const loss = tf.losses.sparseSoftmaxCrossEntropy({ labels: y, logits });
    return { x, y, loss, trainOp: new tf.train.GradientDescentOptimizer(0.1).minimize(loss), init: tf.globalVariablesInitializer() };
  });
  const sess = new tf.Session({ graph, backend });
  try {
    sess.run(m.init);
    const feeds = new Map<tf.Tensor, NDArray>([
      [m.x, xs],
      [m.y, new NDArray('int32', [6], Int32Array.from([0, 1, 2, 3, 4, 0]))],
    ]);
    const plan = String(sess.describePlan([m.loss], feeds, m.trainOp));
    const losses: number[] = [];
    for (let i = 0; i < steps; i++) losses.push((sess.run([m.trainOp, m.loss], feeds) as [unknown, NDArray])[1].item() as number);
    return { losses, plan };
  } finally {
    sess.close();
  }
}

describe('a CNN on the wasm backend', () => {
  test('trains as on the CPU backend, its convolution, pooling and gradient kernels on wasm', () => {
    const xs = randomArray([6, 13, 13, 3]);
    const cpu = train(cpuBackend, 4, xs);
    const wasm = train(wasm2, 4, xs);
    for (const op of ['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter', 'MaxPool', 'MaxPoolGrad', 'ReluGrad', 'BiasAddGrad']) {
      // Conv2D runs as a fused epilogue step with its bias and relu (passes/epilogue.ts)
      assert.match(wasm.plan, new RegExp(`= (fused epilogue )?${op}(→[A-Za-z]+)*\\([^)]*\\)  \\[wasm `), `${op} runs on wasm`);
    }
    assert.ok((cpu.losses[3] as number) < (cpu.losses[0] as number), 'the loss falls');
    wasm.losses.forEach((l, i) => {
      assert.ok(Math.abs(l - (cpu.losses[i] as number)) < 1e-4, `step ${i}: wasm ${l} vs cpu ${cpu.losses[i]}`);
    });
  });
});

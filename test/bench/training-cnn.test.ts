// The CNN rows of the training benchmark: the loss comparison and step median, TensorFlow 1's Adam
// written with TensorFlow.js ops (against the update computed by hand), and the Conv2DBackpropFilter
// kernel the benchmark registers for TensorFlow.js's wasm backend (against tfjs cpu's). No timing.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, test } from 'node:test';
import * as t from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { checkWasmConv2DBackpropFilter, registerWasmConv2DBackpropFilter } from '../../bench/tfjs-wasm-conv2d-backprop-filter.js';
import { tf1Adam } from '../../bench/training-cnn-tfjs.js';
import { lossGap, stepMedian } from '../../bench/training-cnn.js';

const require = createRequire(import.meta.url);

describe('bench/training-cnn', () => {
  test('lossGap: largest and last |difference| over the steps both runs made', () => {
    assert.deepEqual(lossGap([1, 2, 3, 4], [1, 2.5, 2.9]), { max: 0.5, last: 3 - 2.9, steps: 3 });
    assert.deepEqual(lossGap([1, 2], [1, 2]), { max: 0, last: 0, steps: 2 });
    assert.deepEqual(lossGap([], [1]), { max: 0, last: 0, steps: 0 });
  });

  test('stepMedian leaves out the warm-up steps while there are more', () => {
    assert.equal(stepMedian([900, 10, 30, 20], 1), 20);
    assert.equal(stepMedian([900, 10, 30, 20], 0), 25);
    assert.equal(stepMedian([900, 10], 5), 455);
  });

  test("tf1Adam: TensorFlow 1's ApplyAdam update over two steps", async () => {
    await t.setBackend('cpu');
    const before = t.memory().numTensors;
    const x = t.tidy(() => t.variable(t.tensor1d([1, -2, 0.5]), true, 'adam_test_x'));
    const opt = tf1Adam(t, [x], 0.1, 0.9, 0.999, 1e-8);
    const grads = [[0.5, -1e-9, 2], [-0.25, 3, 2]];
    // By hand, in double: lr_t = lr·√(1 − β2ᵗ)/(1 − β1ᵗ); m, v as TensorFlow's kernel updates them.
    const want = [1, -2, 0.5];
    const m = [0, 0, 0];
    const v = [0, 0, 0];
    grads.forEach((g, step) => {
      const lrT = (0.1 * Math.sqrt(1 - 0.999 ** (step + 1))) / (1 - 0.9 ** (step + 1));
      g.forEach((gi, i) => {
        m[i] = (m[i] as number) + (gi - (m[i] as number)) * 0.1;
        v[i] = (v[i] as number) + (gi * gi - (v[i] as number)) * 0.001;
        want[i] = (want[i] as number) - ((m[i] as number) * lrT) / (Math.sqrt(v[i] as number) + 1e-8);
      });
      const gt = t.tensor1d(g);
      opt.applyGradients({ adam_test_x: gt });
      gt.dispose();
    });
    const got = Array.from(x.dataSync());
    // float32 rounding only; tf.train.adam's update (ε added to √v̂) moves x[1] 9e-3 further at step 1.
    for (const [i, v] of got.entries()) assert.ok(Math.abs(v - (want[i] as number)) < 1e-5, `x[${i}] = ${v}, want ${want[i]}`);
    assert.throws(() => opt.applyGradients({}), /no gradient for adam_test_x/);
    opt.dispose();
    x.dispose();
    assert.equal(t.memory().numTensors, before);
  });

  test('the Conv2DBackpropFilter registered for tfjs wasm agrees with tfjs cpu and refuses strides', async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}${path.sep}`);
    registerWasmConv2DBackpropFilter(t);
    await checkWasmConv2DBackpropFilter(t);
    assert.equal(t.getBackend(), 'wasm');
    const x = t.ones([1, 4, 4, 1]);
    const dy = t.ones([1, 2, 2, 1]);
    assert.throws(
      () => t.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: [2, 2], pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 1, 1] } as never),
      /only NHWC with strides 1/,
    );
    t.dispose([x, dy]);
    await t.setBackend('cpu');
  });
});
